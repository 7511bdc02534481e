import { utf8ToBytes } from '@noble/hashes/utils.js';
import { packDraft, planBundle, withPackedSignature, type PackedDraft, type PlanInput } from '../../shared/bundle/plan';
import type { BundleReviewerKey } from '../../shared/bundle/model';
import { compareNumeric } from '../../shared/text/compare';
import { latestSignoffs, reviewContextFor, reviewStatesWith } from '../../shared/review/reviewState';
import { publicKeyPem, signBytes } from '../../shared/signing/ed25519';
import { db } from './db';
import { appendLog, listLog } from './log';
import type { Reviewer } from './reviewer';
import { rememberVerified, signatureVerdict, verifySignatures } from './signatureVerdicts';

export type Selection = PlanInput['selection'];

/** What planning needs besides the database: plain data, so it can be posted to a worker. */
export interface PlanRequest {
  readonly auditId: string;
  readonly selection: Selection;
  readonly exporter: BundleReviewerKey;
  readonly appVersion: string;
  /** ISO instant the bundle is generated at. */
  readonly now: string;
  /**
   * Signatures the page verified already (signatureVerdicts.ts keys): the planning worker takes
   * them as verified and checks only the others. Every other check runs afresh.
   */
  readonly verifiedSignatures?: readonly string[];
}

/** A planned bundle before its signature: the draft (generated files as bytes) and what it commits to. */
export interface PlannedBundle {
  readonly draft: PackedDraft;
  /** The exact text of tagmanifest-sha256.txt, which the signature covers. */
  readonly tagmanifest: string;
  readonly items: number;
  readonly bytes: number;
  readonly logHead: { readonly seq: number; readonly hash: string };
}

/**
 * Reads everything the bundle needs in one read transaction (a consistent snapshot), verifies
 * every latest sign-off the page has not verified already (request.verifiedSignatures) and
 * plans the bag. Pure work on the rows, with no key: it runs in a
 * worker (features/export/planExport.worker.ts), so 10,000 items never block the window.
 */
export async function planUnsignedBundle(request: PlanRequest): Promise<PlannedBundle> {
  const { auditId } = request;
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
  const controls = rows.controls.sort((a, b) => compareNumeric(a.ref, b.ref));
  rememberVerified(request.verifiedSignatures ?? []);
  await verifySignatures([...latestSignoffs(rows.signoffs).values()]);
  const reviewStates = reviewStatesWith(rows.evidence, rows.signoffs, reviewContextFor(rows.audit, controls, rows.keyring.map((k) => k.fingerprint)), signatureVerdict);
  const unsigned = await planBundle({
    audit: rows.audit,
    controls,
    requests: rows.requests,
    evidence: rows.evidence,
    signoffs: rows.signoffs,
    log: rows.log,
    reviewStates,
    selection: request.selection,
    generatedAt: request.now,
    appVersion: request.appVersion,
    exporter: request.exporter,
  });
  return {
    draft: packDraft(unsigned.draft),
    tagmanifest: unsigned.tagmanifest,
    items: unsigned.content.evidence.length,
    bytes: unsigned.content.evidence.reduce((sum, e) => sum + e.record.size, 0),
    logHead: unsigned.content.logHead,
  };
}

/** Signs tagmanifest-sha256.txt with the reviewer's key (which never leaves this page) and adds signature.json. */
export async function signPlanned(planned: PlannedBundle, reviewer: Reviewer): Promise<PlannedBundle> {
  const signature = await signBytes(reviewer.privateKey, utf8ToBytes(planned.tagmanifest));
  const draft = await withPackedSignature(planned.draft, {
    algorithm: 'Ed25519',
    signedFile: 'tagmanifest-sha256.txt',
    signature,
    publicKey: reviewer.publicKeyRaw,
    publicKeyPem: await publicKeyPem(reviewer.publicKeyRaw),
    keyFingerprint: reviewer.fingerprint,
  });
  return { ...planned, draft };
}

export function exporterOf(reviewer: Reviewer): BundleReviewerKey {
  return { fingerprint: reviewer.fingerprint, publicKey: reviewer.publicKeyRaw, name: reviewer.name, role: reviewer.role };
}

/** Plans and signs in this thread, as the export screen did before the worker: unit tests under Node. */
export async function buildSignedPlan(
  auditId: string,
  selection: Selection,
  reviewer: Reviewer,
  appVersion: string,
  now: Date = new Date(),
): Promise<PlannedBundle> {
  return signPlanned(await planUnsignedBundle({ auditId, selection, exporter: exporterOf(reviewer), appVersion, now: now.toISOString() }), reviewer);
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
