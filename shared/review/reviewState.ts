import type { EvidenceRecord } from '../domain/records';
import { checkSignoffWith, verifySignoffSignature, type SignoffRecord, type SignoffValidity } from '../signing/signoff';

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

/** Review states, verifying the signature of each item's latest sign-off. */
export async function computeReviewStates(
  evidence: readonly Pick<EvidenceRecord, 'id' | 'sha256' | 'supersedes'>[],
  signoffs: readonly SignoffRecord[],
): Promise<Map<string, ReviewState>> {
  const latest = latestSignoffs(signoffs);
  const verdicts = new Map(await Promise.all([...latest.values()].map(async (s) => [s.id, await verifySignoffSignature(s)] as const)));
  return reviewStatesWith(evidence, signoffs, (s) => verdicts.get(s.id) ?? false);
}

function latestSignoffs(signoffs: readonly SignoffRecord[]): Map<string, SignoffRecord> {
  const latest = new Map<string, SignoffRecord>();
  for (const s of signoffs) {
    const current = latest.get(s.evidenceId);
    if (!current || latestFirst(s, current) < 0) latest.set(s.evidenceId, s);
  }
  return latest;
}

/**
 * Review states with every signature's verdict already known (`signatureValid`, verified once
 * per sign-off and remembered): synchronous, so a screen derives them once per change of its
 * rows rather than verifying thousands of signatures on every render.
 */
export function reviewStatesWith(
  evidence: readonly Pick<EvidenceRecord, 'id' | 'sha256' | 'supersedes'>[],
  signoffs: readonly SignoffRecord[],
  signatureValid: (signoff: SignoffRecord) => boolean,
): Map<string, ReviewState> {
  const byEvidence = new Map<string, SignoffRecord[]>();
  for (const s of signoffs) {
    const list = byEvidence.get(s.evidenceId);
    if (list) list.push(s);
    else byEvidence.set(s.evidenceId, [s]);
  }
  const supersededBy = new Map<string, string>();
  for (const item of evidence) if (item.supersedes) supersededBy.set(item.supersedes, item.id);

  const states = new Map<string, ReviewState>();
  for (const item of evidence) {
    const history = (byEvidence.get(item.id) ?? []).sort(latestFirst);
    const latest = history[0] ?? null;
    const validity = latest ? checkSignoffWith(latest, item, signatureValid(latest)) : null;
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
