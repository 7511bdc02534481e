import { carryForward } from '../../shared/audits/rollForward';
import type { NewAuditInput } from '../../shared/domain/audit';
import type { AuditRecord } from '../../shared/domain/records';
import { db } from './db';
import { appendLog } from './log';

export interface RollForwardSource {
  readonly audit: AuditRecord;
  readonly activeControls: number;
  readonly owners: number;
  readonly retiredControls: number;
  readonly requests: number;
}

/** What the next audit would take from this one, for the new-audit form to say. */
export async function rollForwardSource(auditId: string): Promise<RollForwardSource | null> {
  const audit = await db.audits.get(auditId);
  if (!audit) return null;
  const controls = await db.controls.where('auditId').equals(auditId).toArray();
  const active = controls.filter((c) => !c.retired);
  return {
    audit,
    activeControls: active.length,
    owners: active.filter((c) => c.owner.trim() !== '').length,
    retiredControls: controls.length - active.length,
    requests: await db.requests.where('auditId').equals(auditId).count(),
  };
}

/**
 * Starts the next audit from the last one (the second year): a new audit for the new period with
 * the last one's organization, time zone, categories and systems, its active controls (owners and
 * frequencies included), and optionally its request list; one transaction, logged in the new
 * audit's trail with where it came from. The last audit is not changed.
 */
export async function startNextAudit(
  previousId: string,
  input: NewAuditInput,
  options: { readonly requests: boolean },
  actor: string,
  now: Date = new Date(),
): Promise<AuditRecord> {
  const at = now.toISOString();
  return db.transaction('rw', [db.audits, db.controls, db.requests, db.log], async () => {
    const previous = await db.audits.get(previousId);
    if (!previous) throw new Error('The audit to start from no longer exists.');
    const audit: AuditRecord = {
      id: crypto.randomUUID(),
      name: input.name.trim(),
      organization: input.organization.trim(),
      type: input.type,
      asOf: input.type === 'type1' ? input.asOf : null,
      periodStart: input.type === 'type2' ? input.periodStart : null,
      periodEnd: input.type === 'type2' ? input.periodEnd : null,
      timeZone: input.timeZone,
      categories: [...previous.categories],
      systems: [...previous.systems],
      report: null,
      createdAt: at,
      updatedAt: at,
      archivedAt: null,
    };
    const carried = carryForward(
      { controls: await db.controls.where('auditId').equals(previousId).toArray(), requests: await db.requests.where('auditId').equals(previousId).toArray() },
      audit.id,
      at,
      options,
    );
    await db.audits.add(audit);
    await db.controls.bulkAdd(carried.controls);
    await db.requests.bulkAdd(carried.requests);
    await appendLog(
      audit.id,
      {
        actor,
        action: 'create',
        target: `audit:${audit.id}`,
        details: {
          name: audit.name,
          type: audit.type,
          from: { auditId: previous.id, name: previous.name },
          controls: carried.controls.length,
          retiredLeftBehind: carried.leftBehind,
          requests: carried.requests.length,
        },
      },
      now,
    );
    return audit;
  });
}
