import Dexie from 'dexie';
import type { PurgeResult } from '../../shared/bridge/contract';
import type { EvidenceRecord, Withdrawal } from '../../shared/domain/records';
import { checkWithdrawalReason, isPurged, isWithdrawn, newWithdrawal, purgePlan, type PurgePlan } from '../../shared/evidence/withdrawal';
import { purgeThroughMain, referencedHashesExcept, type PurgeBlobs } from './auditLifecycle';
import { db } from './db';
import { appendLog } from './log';

/**
 * Withdrawing an item, undoing that, and purging a withdrawn item's bytes (issue #13). Each is
 * one transaction with its trail entry: an `update` of the row's `withdrawal` field (so the
 * integrity check's replay of the trail reproduces the row), with `event` and the reason in words.
 */

async function withdrawableRow(id: string): Promise<EvidenceRecord> {
  const row = await db.evidence.get(id);
  if (!row) throw new Error('This evidence item no longer exists.');
  return row;
}

export async function withdrawEvidence(id: string, reason: string, actor: string, now: Date = new Date()): Promise<void> {
  const checked = checkWithdrawalReason(reason);
  if (!checked.ok) throw new Error(checked.error);
  await db.transaction('rw', db.evidence, db.log, async () => {
    const row = await withdrawableRow(id);
    if (isWithdrawn(row)) throw new Error(`"${row.name}" is already withdrawn.`);
    const withdrawal = newWithdrawal(checked.reason, actor, now);
    await db.evidence.update(id, { withdrawal });
    await appendLog(row.auditId, { actor, action: 'update', target: `evidence:${id}`, details: { event: 'withdraw', reason: checked.reason, changes: { withdrawal: { from: null, to: withdrawal } } } }, now);
  });
}

/** Undoes a withdrawal while the bytes are still there: the item counts again, as it was. */
export async function restoreEvidence(id: string, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.evidence, db.log, async () => {
    const row = await withdrawableRow(id);
    if (!row.withdrawal) throw new Error(`"${row.name}" is not withdrawn.`);
    if (isPurged(row)) throw new Error(`"${row.name}" cannot be restored: its stored bytes were purged.`);
    await db.evidence.update(id, { withdrawal: null });
    await appendLog(row.auditId, { actor, action: 'update', target: `evidence:${id}`, details: { event: 'restore', changes: { withdrawal: { from: row.withdrawal, to: null } } } }, now);
  });
}

export interface ItemPurge {
  readonly plan: PurgePlan;
  /** What main removed; null when nothing was only this item's. */
  readonly result: PurgeResult | null;
  /** Why the bytes stayed, when main's purge failed after the row was marked (they are then orphans, harmless). */
  readonly error: string | null;
}

/**
 * Gives up a withdrawn item's stored bytes: the row is marked and the trail records which files
 * go and which stay (something else uses them: another item, another audit, a raw capture), in
 * one transaction; then main's validated purge removes them (the path that deleting an audit
 * uses), keeping anything the rest of the database still names. Row first: bytes without a
 * claim are harmless, a claim without bytes is not.
 */
export async function purgeWithdrawnBytes(id: string, actor: string, purgeBlobs: PurgeBlobs = purgeThroughMain, now: Date = new Date()): Promise<ItemPurge> {
  const { row, plan, referenced } = await db.transaction('rw', db.evidence, db.log, async () => {
    const before = await withdrawableRow(id);
    if (!before.withdrawal) throw new Error(`Withdraw "${before.name}" before purging its bytes.`);
    if (isPurged(before)) throw new Error(`The bytes of "${before.name}" were already purged.`);
    const withdrawal: Withdrawal = { ...before.withdrawal, purge: { at: now.toISOString(), by: actor } };
    await db.evidence.update(id, { withdrawal });
    // Read after the mark: the item itself no longer counts as a reference.
    const stillNeeded = await referencedHashesExcept(() => false);
    const planned = purgePlan(before, stillNeeded);
    await appendLog(
      before.auditId,
      { actor, action: 'update', target: `evidence:${id}`, details: { event: 'purge', remove: planned.remove, keep: planned.keep, changes: { withdrawal: { from: before.withdrawal, to: withdrawal } } } },
      now,
    );
    return { row: before, plan: planned, referenced: stillNeeded };
  });
  if (plan.remove.length === 0) return { plan, result: null, error: null };
  try {
    const result = await purgeBlobs({
      candidates: plan.remove.map((b) => b.sha256),
      referenced: [...referenced],
      reason: `evidence "${row.name}" (${id}) withdrawn and purged by ${actor}: ${row.withdrawal?.reason ?? ''}`.slice(0, 500),
    });
    await db.thumbnails.bulkDelete(result.purged.map((p) => p.sha256));
    return { plan, result, error: null };
  } catch (error) {
    return { plan, result: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The audit's withdrawn items, through the index that holds only those (a handful, never the audit). */
export function listWithdrawn(auditId: string): Promise<EvidenceRecord[]> {
  return db.evidence.where('[auditId+withdrawal.at]').between([auditId, Dexie.minKey], [auditId, Dexie.maxKey]).toArray();
}
