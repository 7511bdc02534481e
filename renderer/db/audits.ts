import { STARTER_CONTROLS } from '../../shared/catalog/starterControls';
import type { NewAuditInput } from '../../shared/domain/audit';
import type { AuditRecord, ControlRecord } from '../../shared/domain/records';
import { db } from './db';
import { appendLog } from './log';

export interface AuditSummary {
  readonly audit: AuditRecord;
  readonly controls: number;
  readonly evidence: number;
}

/** Creates an audit with the starter controls and its first log entry, all or nothing. */
export async function createAudit(input: NewAuditInput, actor: string, now: Date = new Date()): Promise<AuditRecord> {
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
    categories: ['CC'],
    systems: [],
    createdAt: at,
    updatedAt: at,
  };
  const controls: ControlRecord[] = STARTER_CONTROLS.map((starter) => ({
    id: crypto.randomUUID(),
    auditId: audit.id,
    ref: starter.ref,
    title: starter.title,
    description: starter.description,
    owner: '',
    frequency: starter.frequency,
    criteria: [...starter.criteria],
    readiness: 'not-started',
    readinessNotes: '',
    retired: false,
    createdAt: at,
  }));
  await db.transaction('rw', db.audits, db.controls, db.log, async () => {
    await db.audits.add(audit);
    await db.controls.bulkAdd(controls);
    await appendLog(
      audit.id,
      { actor, action: 'create', target: `audit:${audit.id}`, details: { name: audit.name, type: audit.type, starterControls: controls.length } },
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
      evidence: await db.evidence.where('auditId').equals(audit.id).count(),
    })),
  );
}

export function getAudit(id: string): Promise<AuditRecord | undefined> {
  return db.audits.get(id);
}
