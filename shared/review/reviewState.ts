import type { EvidenceRecord } from '../domain/records';
import { checkSignoff, type SignoffRecord, type SignoffValidity } from '../signing/signoff';

/**
 * Where an item stands in review. Only the latest sign-off counts, and only while it is valid:
 * an approval whose signature or hash no longer verifies is shown as invalid and the item is
 * back to pending — never silently approved.
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

export function latestFirst(a: SignoffRecord, b: SignoffRecord): number {
  return b.payload.at.localeCompare(a.payload.at) || b.id.localeCompare(a.id);
}

export async function computeReviewStates(
  evidence: readonly Pick<EvidenceRecord, 'id' | 'sha256' | 'supersedes'>[],
  signoffs: readonly SignoffRecord[],
): Promise<Map<string, ReviewState>> {
  const byEvidence = new Map<string, SignoffRecord[]>();
  for (const s of signoffs) byEvidence.set(s.evidenceId, [...(byEvidence.get(s.evidenceId) ?? []), s]);
  const supersededBy = new Map<string, string>();
  for (const item of evidence) if (item.supersedes) supersededBy.set(item.supersedes, item.id);

  const states = new Map<string, ReviewState>();
  for (const item of evidence) {
    const history = (byEvidence.get(item.id) ?? []).sort(latestFirst);
    const latest = history[0] ?? null;
    const validity = latest ? await checkSignoff(latest, item) : null;
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
