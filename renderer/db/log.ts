import Dexie, { type Collection } from 'dexie';
import type { LogAction, LogEntry } from '../../shared/domain/records';
import { nextEntry } from '../../shared/log/chain';
import { db } from './db';

/**
 * Appends to an audit's hash chain. Call it inside the same rw transaction as the change it
 * records (with `db.log` in scope), so that a change and its trace commit or fail together.
 */
export async function appendLog(
  auditId: string,
  entry: { actor: string; action: LogAction; target: string; details: Record<string, unknown> },
  at: Date = new Date(),
): Promise<LogEntry> {
  const last = await chainOf(auditId).last();
  const next = nextEntry(last, { auditId, at: at.toISOString(), ...entry });
  await db.log.add(next);
  return next;
}

export function listLog(auditId: string): Promise<LogEntry[]> {
  return chainOf(auditId).toArray();
}

/** One audit's entries, in seq order. */
function chainOf(auditId: string): Collection<LogEntry, [string, number]> {
  return db.log.where('[auditId+seq]').between([auditId, Dexie.minKey], [auditId, Dexie.maxKey]);
}

/** The last entry of an audit's chain: the head a sign-off or an export commits to. */
export function lastEntry(auditId: string): Promise<LogEntry | undefined> {
  return chainOf(auditId).last();
}
