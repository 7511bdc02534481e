/**
 * Withdrawing evidence (issue #13: a wrongly attached file, say `passwords-DO-NOT-SHARE.txt`).
 * One rule, used by every screen, the bundle planner, the verifier and the integrity check: a
 * withdrawn item counts nowhere (coverage, review, counts, bundles) but stays in the database
 * and in the trail, where the withdrawal itself is an entry with who, when and why. Pure.
 */
import { blobsOf } from '../audits/removal';
import type { EvidenceRecord, LogEntry, Withdrawal } from '../domain/records';

type MayBeWithdrawn = Pick<EvidenceRecord, 'withdrawal'>;

export function isWithdrawn(item: MayBeWithdrawn): boolean {
  return item.withdrawal !== undefined && item.withdrawal !== null;
}

/** Its bytes were given up: the withdrawal can no longer be undone. */
export function isPurged(item: MayBeWithdrawn): boolean {
  return item.withdrawal?.purge !== undefined && item.withdrawal.purge !== null;
}

/** The items that count: what coverage, review, counts and bundles are computed from. */
export function countingEvidence<T extends MayBeWithdrawn>(items: readonly T[]): T[] {
  return items.filter((item) => !isWithdrawn(item));
}

export const REASON_MAX = 2000;

/** A withdrawal needs its reason: the trail must say why an item left the audit. */
export function checkWithdrawalReason(reason: string): { readonly ok: true; readonly reason: string } | { readonly ok: false; readonly error: string } {
  const trimmed = reason.trim();
  if (trimmed === '') return { ok: false, error: 'Say why the item is withdrawn: the audit trail keeps the reason.' };
  if (trimmed.length > REASON_MAX) return { ok: false, error: `The reason is ${trimmed.length.toLocaleString('en-US')} characters; keep it under ${REASON_MAX.toLocaleString('en-US')}.` };
  return { ok: true, reason: trimmed };
}

/** What a trail entry of a withdrawal says, so the trail screen can put it in words. */
export type WithdrawalEvent = 'withdraw' | 'restore' | 'purge';

export function newWithdrawal(reason: string, by: string, at: Date): Withdrawal {
  return { at: at.toISOString(), by, reason, purge: null };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The items the trail says are withdrawn now: the last `withdrawal` change of each evidence
 * target decides (a withdrawal undone is a change back to null). This is what lets a bundle leave
 * a withdrawn item out while its trail still records the item's creation: the verifier, the
 * planner and the integrity check read the same entries the same way.
 */
export function withdrawnInTrail(entries: readonly Pick<LogEntry, 'action' | 'target' | 'details'>[]): Set<string> {
  const withdrawn = new Set<string>();
  for (const entry of entries) {
    if (entry.action !== 'update' || !entry.target.startsWith('evidence:')) continue;
    const changes = entry.details['changes'];
    if (!isObject(changes) || !isObject(changes['withdrawal'])) continue;
    const id = entry.target.slice('evidence:'.length);
    if (isObject(changes['withdrawal']['to'])) withdrawn.add(id);
    else withdrawn.delete(id);
  }
  return withdrawn;
}

export interface PurgePlan {
  /** Stored files only this item used: removed from the store. */
  readonly remove: readonly { readonly sha256: string; readonly size: number }[];
  /** Stored files something else still uses (another item, another audit, a raw capture): kept. */
  readonly keep: readonly { readonly sha256: string; readonly size: number }[];
}

/**
 * Which of a withdrawn item's stored files (its bytes, its kept raw capture) may go. `referenced`
 * is every hash the rest of the database points at (every audit, raw captures included), read
 * without the item: main removes nothing in it either (electron/main/bridge/purge.ts).
 */
export function purgePlan(item: Pick<EvidenceRecord, 'sha256' | 'size' | 'original'>, referenced: ReadonlySet<string>): PurgePlan {
  const remove: { sha256: string; size: number }[] = [];
  const keep: { sha256: string; size: number }[] = [];
  for (const [sha256, size] of blobsOf([item])) (referenced.has(sha256) ? keep : remove).push({ sha256, size });
  return { remove, keep };
}
