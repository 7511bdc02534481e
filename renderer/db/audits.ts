import { pickStarterControls, type ControlPreset } from '../../shared/audits/rollForward';
import type { TscSeries } from '../../shared/domain/types';
import { newControlRecord } from '../../shared/scope/controls';
import type { NewAuditInput } from '../../shared/domain/audit';
import type { AuditRecord, ControlRecord } from '../../shared/domain/records';
import { db } from './db';
import { changedFields } from './changes';
import { appendLog } from './log';
import { listWithdrawn } from './withdrawal';

export interface AuditSummary {
  readonly audit: AuditRecord;
  readonly controls: number;
  readonly evidence: number;
}

/** Which starter controls a new audit begins with, and the categories it records as in scope. */
export interface AuditStart {
  readonly preset: ControlPreset;
  readonly categories: readonly TscSeries[];
}

/** What audits began with before the choice existed: every starter control, Security in scope. */
const EVERY_STARTER: AuditStart = { preset: 'all', categories: ['CC'] };

/** Creates an audit with the chosen starter controls and its first log entry, all or nothing. */
export async function createAudit(input: NewAuditInput, actor: string, now: Date = new Date(), start: AuditStart = EVERY_STARTER): Promise<AuditRecord> {
  const at = now.toISOString();
  const audit: AuditRecord = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    organization: input.organization.trim(),
    type: input.type,
    asOf: input.type === 'type1' ? input.asOf : null,
    periodStart: input.type === 'type2' ? input.periodStart : null,
    periodEnd: input.type === 'type2' ? input.periodEnd : null,
    timeZone: input.timeZone,
    categories: [...start.categories],
    systems: [],
    report: null,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
  };
  const controls: ControlRecord[] = pickStarterControls(start.preset, start.categories).map((starter) => newControlRecord(audit.id, { ...starter, owner: '' }, at));
  await db.transaction('rw', db.audits, db.controls, db.log, async () => {
    await db.audits.add(audit);
    await db.controls.bulkAdd(controls);
    await appendLog(
      audit.id,
      {
        actor,
        action: 'create',
        target: `audit:${audit.id}`,
        details: { name: audit.name, type: audit.type, starterControls: controls.length, preset: start.preset, categories: audit.categories },
      },
      now,
    );
  });
  return audit;
}

export async function listAuditSummaries(): Promise<AuditSummary[]> {
  const audits = await db.audits.orderBy('createdAt').reverse().toArray();
  return Promise.all(
    audits.map(async (audit) => ({
      audit,
      controls: await db.controls.where('auditId').equals(audit.id).count(),
      evidence: (await db.evidence.where('auditId').equals(audit.id).count()) - (await listWithdrawn(audit.id)).length,
    })),
  );
}

export type AuditPatch = Partial<Omit<AuditRecord, 'id' | 'createdAt' | 'updatedAt'>>;

/**
 * Changes an audit and logs which fields changed, from what to what, in one transaction.
 * Fields whose value did not change are left out of the log entry.
 */
export async function updateAudit(id: string, patch: AuditPatch, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.audits, db.log, async () => {
    const before = await db.audits.get(id);
    if (!before) throw new Error('This audit no longer exists.');
    const changes = changedFields(before, patch);
    if (Object.keys(changes).length === 0) return;
    await db.audits.update(id, { ...patch, updatedAt: now.toISOString() });
    await appendLog(id, { actor, action: 'update', target: `audit:${id}`, details: { changes } }, now);
  });
}

export function getAudit(id: string): Promise<AuditRecord | undefined> {
  return db.audits.get(id);
}
