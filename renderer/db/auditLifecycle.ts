import type { PurgeResult } from '../../shared/bridge/contract';
import { blobsOf, referencedHashes, splitBlobs, type AuditRemovalFacts } from '../../shared/audits/removal';
import type { EvidenceRecord } from '../../shared/domain/records';
import { isPurged } from '../../shared/evidence/withdrawal';
import { bridge, unwrap } from '../bridge';
import { db } from './db';
import { appendLog } from './log';

/**
 * The hashes the database still needs, in every audit: each item's bytes and kept raw capture,
 * except the items `leaveOut` names and items whose bytes were purged after a withdrawal (their
 * claim on the bytes was given up; counting it would keep the bytes forever).
 */
export async function referencedHashesExcept(leaveOut: (item: EvidenceRecord) => boolean): Promise<Set<string>> {
  const items: EvidenceRecord[] = [];
  await db.evidence.each((e) => {
    if (!leaveOut(e) && !isPurged(e)) items.push(e);
  });
  return referencedHashes(items);
}

/** Hashes the evidence of every audit but `auditId` points at (all audits when null). */
function referencedOutside(auditId: string | null): Promise<Set<string>> {
  return referencedHashesExcept((e) => e.auditId === auditId);
}

/** What archiving or deleting an audit concerns, for the confirmation to say. */
export async function auditRemovalFacts(auditId: string): Promise<AuditRemovalFacts> {
  return db.transaction('r', [db.audits, db.controls, db.evidence, db.signoffs, db.requests, db.tasks, db.log], async () => {
    const audit = await db.audits.get(auditId);
    if (!audit) throw new Error('This audit no longer exists.');
    const evidence = await db.evidence.where('auditId').equals(auditId).toArray();
    return {
      name: audit.name,
      controls: await db.controls.where('auditId').equals(auditId).count(),
      evidence: evidence.length,
      signoffs: await db.signoffs.where('auditId').equals(auditId).count(),
      requests: await db.requests.where('auditId').equals(auditId).count(),
      tasks: await db.tasks.where('auditId').equals(auditId).count(),
      logEntries: await db.log.where('auditId').equals(auditId).count(),
      // Purged items no longer hold bytes: their files are gone, or kept for someone else.
      blobs: splitBlobs(blobsOf(evidence.filter((e) => !isPurged(e))), await referencedOutside(auditId)),
    };
  });
}

/** Archives an audit (it leaves the audit list; nothing is deleted) or brings it back, logged. */
export async function setAuditArchived(auditId: string, archived: boolean, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.audits, db.log, async () => {
    const audit = await db.audits.get(auditId);
    if (!audit) throw new Error('This audit no longer exists.');
    const before = audit.archivedAt ?? null;
    if ((before !== null) === archived) return;
    const archivedAt = archived ? now.toISOString() : null;
    await db.audits.update(auditId, { archivedAt });
    await appendLog(auditId, { actor, action: 'update', target: `audit:${auditId}`, details: { changes: { archivedAt: { from: before, to: archivedAt } } } }, now);
  });
}

export interface AuditDeletion {
  readonly facts: AuditRemovalFacts;
  /** What main removed from the store; null when nothing was only this audit's. */
  readonly purge: PurgeResult | null;
  /** Why the bytes stayed, when the purge failed after the rows were gone (they are then orphans, harmless). */
  readonly purgeError: string | null;
}

/**
 * Deletes an audit: its rows in every table in one transaction (its trail goes with it; the
 * purge log in main records the bytes), then asks main to purge the stored bytes that only this
 * audit used. Rows go first: bytes without rows are harmless, rows without bytes are not.
 * The purge names as referenced every hash the remaining evidence of ALL audits points at,
 * read after the delete, so main keeps anything another audit uses whatever the candidates say.
 */
export type PurgeBlobs = (request: { candidates: string[]; referenced: string[]; reason: string }) => Promise<PurgeResult>;

export const purgeThroughMain: PurgeBlobs = (request) => unwrap(bridge().purgeEvidence(request));

export async function deleteAudit(auditId: string, actor: string, purgeBlobs: PurgeBlobs = purgeThroughMain): Promise<AuditDeletion> {
  const tables = [db.audits, db.controls, db.evidence, db.signoffs, db.requests, db.tasks, db.log];
  const { facts, referenced } = await db.transaction('rw', tables, async () => {
    const found = await auditRemovalFacts(auditId);
    await Promise.all([
      db.controls.where('auditId').equals(auditId).delete(),
      db.evidence.where('auditId').equals(auditId).delete(),
      db.signoffs.where('auditId').equals(auditId).delete(),
      db.requests.where('auditId').equals(auditId).delete(),
      db.tasks.where('auditId').equals(auditId).delete(),
      db.log.where('auditId').equals(auditId).delete(),
    ]);
    await db.audits.delete(auditId);
    return { facts: found, referenced: await referencedOutside(null) };
  });
  const candidates = facts.blobs.own.hashes.filter((h) => !referenced.has(h));
  if (candidates.length === 0) return { facts, purge: null, purgeError: null };
  try {
    const purge = await purgeBlobs({ candidates, referenced: [...referenced], reason: `audit "${facts.name}" (${auditId}) deleted by ${actor}` });
    await db.thumbnails.bulkDelete(purge.purged.map((p) => p.sha256));
    return { facts, purge, purgeError: null };
  } catch (error) {
    return { facts, purge: null, purgeError: error instanceof Error ? error.message : String(error) };
  }
}
