import type { EvidenceRecord } from '../domain/records';
import { signoffStaleness, verifySignoff, type SignoffRecord, type SignoffValidity } from '../signing/signoff';
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

export type ReviewedItem = Pick<EvidenceRecord, 'id' | 'sha256' | 'supersedes' | 'evidenceDate' | 'controlIds' | 'systemReport'>;

/** What deciding validity needs beyond the rows: the subject an item has now, and the keyring. */
export interface ReviewContext {
  readonly subjectOf: (item: ReviewedItem) => SignoffSubject;
  /** True for a key in this installation's keyring (its own, or one confirmed by fingerprint). */
  readonly isTrusted: (fingerprint: string) => boolean;
}

export function latestFirst(a: SignoffRecord, b: SignoffRecord): number {
  return b.payload.at.localeCompare(a.payload.at) || b.id.localeCompare(a.id);
}

/** One sign-off judged as the app counts it: verified, then not stale, then by a known key. */
export async function judgeSignoff(signoff: SignoffRecord, item: ReviewedItem | undefined, context: ReviewContext): Promise<SignoffValidity> {
  const verified = await verifySignoff(signoff, item);
  if (!verified.valid || !item) return verified;
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

export async function computeReviewStates(
  evidence: readonly ReviewedItem[],
  signoffs: readonly SignoffRecord[],
  context: ReviewContext,
): Promise<Map<string, ReviewState>> {
  const byEvidence = new Map<string, SignoffRecord[]>();
  for (const s of signoffs) byEvidence.set(s.evidenceId, [...(byEvidence.get(s.evidenceId) ?? []), s]);
  const supersededBy = new Map<string, string>();
  for (const item of evidence) if (item.supersedes) supersededBy.set(item.supersedes, item.id);

  const states = new Map<string, ReviewState>();
  for (const item of evidence) {
    const history = (byEvidence.get(item.id) ?? []).sort(latestFirst);
    const latest = history[0] ?? null;
    const validity = latest ? await judgeSignoff(latest, item, context) : null;
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
