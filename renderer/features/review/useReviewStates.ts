import type { ReviewState } from '../../../shared/review/reviewState';
import { useAuditReview } from './useAuditReview';

/**
 * Review state of every item of an audit, recomputed (signatures verified again) whenever the
 * evidence or sign-offs change. Undefined while loading.
 */
export function useReviewStates(auditId: string): ReadonlyMap<string, ReviewState> | undefined {
  return useAuditReview(auditId)?.states;
}
