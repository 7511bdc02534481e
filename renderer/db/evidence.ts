import type { EvidenceRecord } from '../../shared/domain/records';
import type { SignoffRecord } from '../../shared/signing/signoff';
import { db } from './db';
import { changedFields } from './changes';
import { appendLog } from './log';
import { listWithdrawn } from './withdrawal';

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

/** Newest capture first; equal instants by id, so the order never flickers. */
export function newestFirst(a: EvidenceRecord, b: EvidenceRecord): number {
  return a.capturedAt < b.capturedAt ? 1 : a.capturedAt > b.capturedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function listEvidenceForControl(controlId: string): Promise<EvidenceRecord[]> {
  const items = await db.evidence.where('controlIds').equals(controlId).toArray();
  return items.sort(newestFirst);
}

/**
 * What a control's page shows, read through indexes only (its size is the control's, never the
 * audit's): its items newest first, the items that replace them or that they replace, the
 * screenshots their system reports name, and the sign-offs of its items and their replacements.
 */
export interface ControlEvidence {
  readonly items: readonly EvidenceRecord[];
  /** The items and every item they refer to, by id. */
  readonly related: ReadonlyMap<string, EvidenceRecord>;
  readonly signoffs: readonly SignoffRecord[];
}

export async function readControlEvidence(controlId: string): Promise<ControlEvidence> {
  const items = (await db.evidence.where('controlIds').equals(controlId).toArray()).sort(newestFirst);
  const related = new Map(items.map((item) => [item.id, item]));
  const replacements = items.length === 0 ? [] : await db.evidence.where('supersedes').anyOf([...related.keys()]).toArray();
  for (const item of replacements) related.set(item.id, item);
  const referenced = new Set<string>();
  for (const item of items) {
    if (item.supersedes !== null) referenced.add(item.supersedes);
    if (item.systemReport?.filterScreenshotId) referenced.add(item.systemReport.filterScreenshotId);
  }
  const missing = [...referenced].filter((id) => !related.has(id));
  for (const item of missing.length === 0 ? [] : await db.evidence.bulkGet(missing)) if (item) related.set(item.id, item);
  const reviewed = [...items.map((i) => i.id), ...replacements.map((i) => i.id)];
  const signoffs = reviewed.length === 0 ? [] : await db.signoffs.where('evidenceId').anyOf(reviewed).toArray();
  return { items, related, signoffs };
}

/** A remediation task's linked items, and the items of its control it could link (both by index). */
export async function readTaskEvidence(
  evidenceIds: readonly string[],
  controlId: string | null,
): Promise<{ readonly linked: ReadonlyMap<string, EvidenceRecord>; readonly ofControl: readonly EvidenceRecord[] }> {
  const linked = evidenceIds.length === 0 ? [] : await db.evidence.bulkGet([...evidenceIds]);
  const ofControl = controlId === null ? [] : await listEvidenceForControl(controlId);
  return { linked: new Map(linked.flatMap((item) => (item ? [[item.id, item] as const] : []))), ofControl };
}

export interface EvidenceCounts {
  readonly byControl: ReadonlyMap<string, number>;
  /** Distinct items: one linked to two controls counts once here. */
  readonly total: number;
}

/**
 * Items per control and in all, counted by IndexedDB through its indexes: opening an audit must
 * not read its 10,000 rows to count them. One read transaction for all 200 counts: each query
 * on its own made its own transaction, 200 of them queued at IndexedDB on every open. Withdrawn
 * items count nowhere: they are read through the index that holds only them (a handful) and
 * taken off.
 */
export function countEvidence(auditId: string, controlIds: readonly string[]): Promise<EvidenceCounts> {
  return db.transaction('r', db.evidence, async () => {
    const [withdrawn, total, ...perControl] = await Promise.all([
      listWithdrawn(auditId),
      db.evidence.where('auditId').equals(auditId).count(),
      ...controlIds.map((id) => db.evidence.where('controlIds').equals(id).count()),
    ]);
    const off = new Map<string, number>();
    for (const item of withdrawn) for (const id of new Set(item.controlIds)) off.set(id, (off.get(id) ?? 0) + 1);
    return { byControl: new Map(controlIds.map((id, i) => [id, (perControl[i] ?? 0) - (off.get(id) ?? 0)])), total: total - withdrawn.length };
  });
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
export function findEvidenceByHash(auditId: string, sha256: string): Promise<EvidenceRecord[]> {
  return db.evidence.where('[auditId+sha256]').equals([auditId, sha256]).toArray();
}
