import Dexie, { type Collection } from 'dexie';
import type { LogAction, LogEntry } from '../../shared/domain/records';
import { nextEntry } from '../../shared/log/chain';
import { readAuditInChunks } from './chunks';
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

/**
 * The whole chain in seq order like listLog, read a chunk at a time with a pause between reads
 * (a year's trail is 15,000+ entries, whose deserialization in one read blocks the window). Each
 * entry carries a row's snapshot, hence chunks of 1,000.
 */
export function readLogInChunks(auditId: string, pause: () => Promise<void>, onChunk?: (chunk: readonly LogEntry[]) => void): Promise<LogEntry[]> {
  return readAuditInChunks(db.log, '[auditId+seq]', auditId, (entry) => entry.seq, { size: 1000, pause, ...(onChunk ? { onChunk } : {}) });
}

/**
 * One page of the chain straight from the [auditId+seq] index, newest or oldest first, and how
 * many entries there are: the trail's first page is drawn before the whole log has been read.
 */
export async function readLogPage(
  auditId: string,
  { newestFirst, offset, limit }: { readonly newestFirst: boolean; readonly offset: number; readonly limit: number },
): Promise<{ readonly entries: LogEntry[]; readonly total: number }> {
  return db.transaction('r', db.log, async () => {
    const chain = chainOf(auditId);
    const total = await chain.count();
    const entries = await (newestFirst ? chainOf(auditId).reverse() : chainOf(auditId)).offset(offset).limit(limit).toArray();
    return { entries, total };
  });
}

/** One audit's entries, in seq order. */
function chainOf(auditId: string): Collection<LogEntry, [string, number]> {
  return db.log.where('[auditId+seq]').between([auditId, Dexie.minKey], [auditId, Dexie.maxKey]);
}

/** The last entry of an audit's chain: the head a sign-off or an export commits to. */
export function lastEntry(auditId: string): Promise<LogEntry | undefined> {
  return chainOf(auditId).last();
}
