import Dexie from 'dexie';
import type { BlobCheck } from '../../shared/bridge/contract';
import { buildIntegrityReport, hashesToVerify, type IntegrityReport, type IntegrityStep } from '../../shared/integrity/check';
import { evidenceNamesInLog, type TrailNames } from '../../shared/integrity/logView';
import type { LogEntry } from '../../shared/domain/records';
import { peekAuditRows } from './auditRows';
import { readAuditInChunks } from './chunks';
import { db } from './db';
import { yieldToUi } from './yieldToUi';
import { startChainCheck } from '../features/trail/chainCheck';

/**
 * Re-hashes stored files for the integrity check. The screen passes the bridge call; unit tests
 * pass a function over a Map, which is the boundary (the store itself lives in main).
 */
export type VerifyBlobs = (sha256s: string[]) => Promise<readonly BlobCheck[]>;

export type IntegrityPhase = 'reading' | 'files' | 'signoffs';

/**
 * Runs the whole check for one audit. The rows are read in one read transaction so that they
 * are one consistent picture; re-hashing (slow, in main) and signature checks (WebCrypto)
 * happen after it, since awaiting either would end a Dexie transaction.
 */
export async function runIntegrityCheck(
  auditId: string,
  verifyBlobs: VerifyBlobs,
  onPhase: (phase: IntegrityPhase) => void = () => {},
  onStep: (step: IntegrityStep) => void = () => {},
): Promise<IntegrityReport> {
  onPhase('reading');
  // The chain is hashed in the trail's worker, each chunk as it is read, while main re-hashes
  // the files (issue #12: 15,000 entries were ~0.7 s of this thread, and most of its garbage).
  const chain = startChainCheck(() => {});
  // Awaited by buildIntegrityReport; a worker that failed before then must not be an unhandled rejection.
  chain.result.catch(() => undefined);
  let snapshot;
  try {
    // One read transaction, in chunks: the rows are one consistent picture, and each chunk is its
    // own IndexedDB request (its own task), so 10,000 rows never deserialize in one long task.
    snapshot = await db.transaction('r', db.evidence, db.controls, db.signoffs, db.log, async () => ({
      evidence: await readAuditInChunks(db.evidence, '[auditId+id]', auditId, (row) => row.id),
      controls: await db.controls.where('auditId').equals(auditId).toArray(),
      signoffs: await readAuditInChunks(db.signoffs, '[auditId+id]', auditId, (row) => row.id),
      log: await readAuditInChunks(db.log, '[auditId+seq]', auditId, (entry) => entry.seq, { onChunk: (entries) => chain.push(entries) }),
    }));
  } catch (error) {
    chain.cancel();
    throw error;
  }
  chain.end();
  onPhase('files');
  const hashes = hashesToVerify(snapshot.evidence, snapshot.log);
  // The bridge refuses an empty list; an audit without evidence has nothing to re-hash.
  const blobs = hashes.length === 0 ? [] : await verifyBlobs(hashes);
  onPhase('signoffs');
  return buildIntegrityReport({ ...snapshot, blobs }, new Date(), { pause: yieldToUi, onProgress: onStep, chain: chain.result });
}


/**
 * Names for the audit trail screen (evidence names, control refs, request ids, task titles), for
 * the entries about to be shown: a first page, or the whole log. Evidence names come from the
 * audit's rows when they are in memory; otherwise from the entries' own snapshots (an item's
 * name never changes after it is stored) and, for items no snapshot names, a bulkGet by id —
 * never a read of all 10,000 rows, which raced the audit's own first read (issue #12).
 */
export async function loadTrailNames(auditId: string, entries: readonly LogEntry[]): Promise<TrailNames> {
  // Withdrawn items too: the trail names what was withdrawn.
  const held = peekAuditRows(auditId)?.evidenceById;
  const small = await db.transaction('r', db.audits, db.controls, db.requests, db.tasks, async () => {
    const [audit, controls, requests, tasks] = await Promise.all([
      db.audits.get(auditId),
      db.controls.where('auditId').equals(auditId).toArray(),
      db.requests.where('auditId').equals(auditId).toArray(),
      db.tasks.where('auditId').equals(auditId).toArray(),
    ]);
    return {
      auditName: audit?.name ?? '',
      controls: new Map(controls.map((c) => [c.id, `${c.ref} ${c.title}`])),
      requests: new Map(requests.map((r) => [r.id, r.requestId])),
      tasks: new Map(tasks.map((t) => [t.id, t.title])),
    };
  });
  const evidence = held ? new Map([...held.values()].map((e) => [e.id, e.name])) : await evidenceNamesFor(entries);
  return { ...small, evidence };
}

async function evidenceNamesFor(entries: readonly LogEntry[]): Promise<Map<string, string>> {
  const names = evidenceNamesInLog(entries);
  const unnamed = [...new Set(entries.flatMap((e) => (e.target.startsWith('evidence:') ? [e.target.slice('evidence:'.length)] : [])))].filter((id) => !names.has(id));
  for (let i = 0; i < unnamed.length; i += 500) {
    const slice = unnamed.slice(i, i + 500);
    const rows = await db.evidence.bulkGet(slice);
    rows.forEach((row) => {
      if (row) names.set(row.id, row.name);
    });
  }
  return names;
}

/**
 * The hash of the audit's last log entry, for a live query to watch: the trail screen re-reads
 * the whole log when the app appends to it. The log itself is read outside live queries,
 * because Dexie serves repeated live queries from its cache, and a change made outside the
 * app (devtools, the files on disk) never reaches that cache.
 */
export async function trailVersion(auditId: string): Promise<string> {
  const last = await db.log.where('[auditId+seq]').between([auditId, Dexie.minKey], [auditId, Dexie.maxKey]).last();
  return last?.hash ?? '';
}
