import type { EvidenceRecord } from '../../shared/domain/records';
import { db } from './db';
import { changedFields } from './changes';
import { appendLog } from './log';

/** Records evidence whose bytes main has already stored, with its log entry, atomically. */
export async function addEvidence(records: readonly EvidenceRecord[], actor: string): Promise<void> {
  await db.transaction('rw', db.evidence, db.log, async () => {
    for (const record of records) {
      await db.evidence.add(record);
      await appendLog(record.auditId, {
        actor,
        action: 'create',
        target: `evidence:${record.id}`,
        // The whole row: the integrity check replays the trail and compares it with the table.
        details: { snapshot: record },
      });
    }
  });
}

export async function listEvidenceForControl(controlId: string): Promise<EvidenceRecord[]> {
  const items = await db.evidence.where('controlIds').equals(controlId).toArray();
  return items.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
}

export interface EvidenceCounts {
  readonly byControl: ReadonlyMap<string, number>;
  /** Distinct items: one linked to two controls counts once here. */
  readonly total: number;
}

export async function countEvidence(auditId: string): Promise<EvidenceCounts> {
  const byControl = new Map<string, number>();
  let total = 0;
  await db.evidence
    .where('auditId')
    .equals(auditId)
    .each((item) => {
      total += 1;
      for (const id of item.controlIds) byControl.set(id, (byControl.get(id) ?? 0) + 1);
    });
  return { byControl, total };
}

export type EvidencePatch = Partial<Pick<EvidenceRecord, 'notes' | 'evidenceDate' | 'controlIds' | 'step' | 'systemReport'>>;

/** Edits what may change about an item (never its bytes or capture facts), with a log entry. */
export async function updateEvidence(id: string, patch: EvidencePatch, actor: string): Promise<void> {
  await db.transaction('rw', db.evidence, db.log, async () => {
    const before = await db.evidence.get(id);
    if (!before) throw new Error('This evidence item no longer exists.');
    const changes = changedFields(before, patch);
    if (Object.keys(changes).length === 0) return;
    await db.evidence.update(id, patch);
    await appendLog(before.auditId, { actor, action: 'update', target: `evidence:${id}`, details: { changes } });
  });
}

/** Every item of the audit, superseded versions included: callers decide what counts. */
export function listEvidenceForAudit(auditId: string): Promise<EvidenceRecord[]> {
  return db.evidence.where('auditId').equals(auditId).toArray();
}

/** The audit's items holding exactly these bytes (the store keeps them once; the rows say where). */
export async function findEvidenceByHash(auditId: string, sha256: string): Promise<EvidenceRecord[]> {
  const items = await db.evidence.where('sha256').equals(sha256).toArray();
  return items.filter((item) => item.auditId === auditId);
}
