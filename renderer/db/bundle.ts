import { planBundle, withSignature, type DraftPlan, type PlanInput } from '../../shared/bundle/plan';
import { computeReviewStates, reviewContextFor } from '../../shared/review/reviewState';
import { publicKeyPem, signBytes } from '../../shared/signing/ed25519';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { db } from './db';
import { appendLog, listLog } from './log';
import type { Reviewer } from './reviewer';

export type Selection = PlanInput['selection'];

/**
 * Reads everything the bundle needs in one read transaction (a consistent snapshot), plans
 * it, and signs tagmanifest-sha256.txt with the reviewer's key.
 */
export async function buildSignedPlan(
  auditId: string,
  selection: Selection,
  reviewer: Reviewer,
  appVersion: string,
  now: Date = new Date(),
): Promise<{ draft: DraftPlan; items: number; bytes: number; logHead: { seq: number; hash: string } }> {
  const rows = await db.transaction('r', [db.audits, db.controls, db.requests, db.evidence, db.signoffs, db.log, db.keyring], async () => ({
    audit: await db.audits.get(auditId),
    controls: await db.controls.where('auditId').equals(auditId).toArray(),
    requests: await db.requests.where('auditId').equals(auditId).toArray(),
    evidence: await db.evidence.where('auditId').equals(auditId).toArray(),
    signoffs: await db.signoffs.where('auditId').equals(auditId).toArray(),
    log: await listLog(auditId),
    keyring: await db.keyring.toArray(),
  }));
  if (!rows.audit) throw new Error('This audit no longer exists.');
  const controls = rows.controls.sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const reviewStates = await computeReviewStates(rows.evidence, rows.signoffs, reviewContextFor(rows.audit, controls, rows.keyring.map((k) => k.fingerprint)));
  const unsigned = planBundle({
    audit: rows.audit,
    controls,
    requests: rows.requests,
    evidence: rows.evidence,
    signoffs: rows.signoffs,
    log: rows.log,
    reviewStates,
    selection,
    generatedAt: now.toISOString(),
    appVersion,
    exporter: { fingerprint: reviewer.fingerprint, publicKey: reviewer.publicKeyRaw, name: reviewer.name, role: reviewer.role },
  });
  const signature = await signBytes(reviewer.privateKey, utf8ToBytes(unsigned.tagmanifest));
  const draft = withSignature(unsigned, {
    algorithm: 'Ed25519',
    signedFile: 'tagmanifest-sha256.txt',
    signature,
    publicKey: reviewer.publicKeyRaw,
    publicKeyPem: await publicKeyPem(reviewer.publicKeyRaw),
    keyFingerprint: reviewer.fingerprint,
  });
  return {
    draft,
    items: unsigned.content.evidence.length,
    bytes: unsigned.content.evidence.reduce((sum, e) => sum + e.record.size, 0),
    logHead: unsigned.content.logHead,
  };
}

/**
 * Records a finished export in the audit's trail (it shows in the next bundle), with the trail
 * head the bundle committed to: a later bundle must extend the trail up to there.
 */
export async function logExport(
  auditId: string,
  actor: string,
  details: { fileName: string; size: number; sha256: string; items: number; logHead: { seq: number; hash: string } },
): Promise<void> {
  await db.transaction('rw', db.log, async () => {
    await appendLog(auditId, { actor, action: 'export', target: `audit:${auditId}`, details });
  });
}
