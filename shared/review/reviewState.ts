import type { EvidenceRecord } from '../domain/records';
import { signoffStaleness, verifySignoffSignature, verifySignoffWith, type SignoffRecord, type SignoffValidity } from '../signing/signoff';
import type { SignoffSubject } from '../signing/subject';
import { subjectResolver } from '../signing/subjectResolver';

/**
 * Where an item stands in review. Only the latest sign-off counts, and only while it verifies,
 * still covers what the item is now (not stale), and was made with a key this installation
 * trusts: an approval that fails any of these is shown as such and the item is back to pending —
 * never silently approved.
 */
export type ReviewDecision = 'pending' | 'approved' | 'rejected';

export interface ReviewState {
  readonly decision: ReviewDecision;
  /** The latest sign-off, valid or not. */
  readonly latest: SignoffRecord | null;
  readonly validity: SignoffValidity | null;
  /** Ids of newer items that replace this one (a re-capture); superseded items leave the queue. */
  readonly supersededBy: string | null;
  readonly history: readonly SignoffRecord[];
}

export type ReviewedItem = Pick<EvidenceRecord, 'id' | 'sha256' | 'supersedes' | 'evidenceDate' | 'controlIds' | 'systemReport' | 'withdrawal'>;

/** What deciding validity needs beyond the rows: the subject an item has now, and the keyring. */
export interface ReviewContext {
  readonly subjectOf: (item: ReviewedItem) => SignoffSubject;
  /** True for a key in this installation's keyring (its own, or one confirmed by fingerprint). */
  readonly isTrusted: (fingerprint: string) => boolean;
}

export function latestFirst(a: SignoffRecord, b: SignoffRecord): number {
  return b.payload.at.localeCompare(a.payload.at) || b.id.localeCompare(a.id);
}

/** A sign-off's signature verdict, already known: verified once and remembered by the caller. */
export type SignatureVerdict = (signoff: SignoffRecord) => boolean;

/** One sign-off judged as the app counts it: verified, then not stale, then by a known key. */
export async function judgeSignoff(signoff: SignoffRecord, item: ReviewedItem | undefined, context: ReviewContext): Promise<SignoffValidity> {
  const signatureValid = await verifySignoffSignature(signoff).catch(() => false);
  return judgeSignoffWith(signoff, item, context, () => signatureValid);
}

/**
 * judgeSignoff with the signature's verdict already known: synchronous, so a screen can judge
 * thousands of sign-offs once per change of its rows. Staleness and the keyring are applied
 * here every time, never remembered: a re-dated item or a revoked key counts at once.
 */
export function judgeSignoffWith(signoff: SignoffRecord, item: ReviewedItem | undefined, context: ReviewContext, signatureValid: SignatureVerdict): SignoffValidity {
  const verified = verifySignoffWith(signoff, item, signatureValid(signoff));
  if (!verified.valid || !item) return verified;
  // Withdrawing an approved item must not leave its approval counted anywhere (issue #13).
  if (item.withdrawal) {
    return { valid: false, kind: 'withdrawn', reason: `the item was withdrawn from the audit (${item.withdrawal.reason})` };
  }
  const fresh = signoffStaleness(signoff.payload, context.subjectOf(item));
  if (!fresh.valid) return fresh;
  if (!context.isTrusted(signoff.payload.keyFingerprint)) {
    return {
      valid: false,
      kind: 'unknown-key',
      reason: `signed by an unknown key (${signoff.payload.keyFingerprint}); the name on it is only what the signer typed`,
    };
  }
  return { valid: true };
}

/** Review states, verifying the signature of each item's latest sign-off. */
export async function computeReviewStates(
  evidence: readonly ReviewedItem[],
  signoffs: readonly SignoffRecord[],
  context: ReviewContext,
): Promise<Map<string, ReviewState>> {
  const latest = [...latestSignoffs(signoffs).values()];
  const verdicts = new Map(await Promise.all(latest.map(async (s) => [s, await verifySignoffSignature(s).catch(() => false)] as const)));
  return reviewStatesWith(evidence, signoffs, context, (s) => verdicts.get(s) ?? false);
}

/** Each item's latest sign-off, by item id: the only one whose signature decides its state. */
export function latestSignoffs(signoffs: readonly SignoffRecord[]): Map<string, SignoffRecord> {
  const latest = new Map<string, SignoffRecord>();
  for (const s of signoffs) {
    const current = latest.get(s.evidenceId);
    if (!current || latestFirst(s, current) < 0) latest.set(s.evidenceId, s);
  }
  return latest;
}

/**
 * Review states with every signature's verdict already known (verified once per sign-off and
 * remembered): synchronous, so a screen derives them once per change of its rows (or of the
 * audit, its controls or the keyring) rather than verifying thousands of signatures each time.
 */
export function reviewStatesWith(
  evidence: readonly ReviewedItem[],
  signoffs: readonly SignoffRecord[],
  context: ReviewContext,
  signatureValid: SignatureVerdict,
): Map<string, ReviewState> {
  return reviewStatesJudged(evidence, signoffs, (signoff, item) => judgeSignoffWith(signoff, item, context, signatureValid));
}

/** How a caller judges one sign-off against the item as it is now (judgeSignoffWith, or a memo of it). */
export type SignoffJudge = (signoff: SignoffRecord, item: ReviewedItem) => SignoffValidity;

/** Review states with each item's latest sign-off judged by `judge`: for a caller that remembers judgements. */
export function reviewStatesJudged(evidence: readonly ReviewedItem[], signoffs: readonly SignoffRecord[], judge: SignoffJudge): Map<string, ReviewState> {
  const byEvidence = new Map<string, SignoffRecord[]>();
  for (const s of signoffs) {
    const list = byEvidence.get(s.evidenceId);
    if (list) list.push(s);
    else byEvidence.set(s.evidenceId, [s]);
  }
  // A withdrawn re-capture replaces nothing: the item it meant to replace counts again.
  const supersededBy = new Map<string, string>();
  for (const item of evidence) if (item.supersedes && !item.withdrawal) supersededBy.set(item.supersedes, item.id);

  const states = new Map<string, ReviewState>();
  for (const item of evidence) {
    const history = (byEvidence.get(item.id) ?? []).sort(latestFirst);
    const latest = history[0] ?? null;
    const validity = latest ? judge(latest, item) : null;
    states.set(item.id, {
      decision: latest && validity?.valid ? latest.payload.decision : 'pending',
      latest,
      validity,
      supersededBy: supersededBy.get(item.id) ?? null,
      history,
    });
  }
  return states;
}

/** The decision that counts for coverage and request status: valid sign-offs only. */
export function reviewOf(states: ReadonlyMap<string, ReviewState> | undefined): (evidenceId: string) => ReviewDecision {
  return (evidenceId) => states?.get(evidenceId)?.decision ?? 'pending';
}

/** The context for one audit: subjects from its window and controls, trust from a set of fingerprints. */
export function reviewContextFor(
  audit: Parameters<typeof subjectResolver>[0],
  controls: Parameters<typeof subjectResolver>[1],
  trustedFingerprints: Iterable<string>,
): ReviewContext {
  const trusted = new Set(trustedFingerprints);
  return { subjectOf: subjectResolver(audit, controls), isTrusted: (fingerprint) => trusted.has(fingerprint) };
}
