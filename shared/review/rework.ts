/**
 * Controls whose evidence needs rework: an item was rejected and nothing replaced it yet. The
 * control list shows them as such, never green with "5 evidence" when one of the five was
 * rejected (issue #13). Pure.
 */
import type { EvidenceRecord } from '../domain/records';
import type { ReviewState } from './reviewState';

/** Rejected by a valid, current sign-off, and not superseded by a re-capture. */
export function needsRework(state: Pick<ReviewState, 'decision' | 'supersededBy'> | undefined): boolean {
  return state !== undefined && state.decision === 'rejected' && state.supersededBy === null;
}

/** Per control id, how many of its items need rework; controls without any are absent. */
export function reworkByControl(evidence: readonly Pick<EvidenceRecord, 'id' | 'controlIds'>[], states: ReadonlyMap<string, Pick<ReviewState, 'decision' | 'supersededBy'>>): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const item of evidence) {
    if (!needsRework(states.get(item.id))) continue;
    for (const id of new Set(item.controlIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
