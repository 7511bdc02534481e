import { useEffect, useReducer } from 'react';
import { useAuditRows } from '../audits/useAuditRows';
import { needsWarming, reviewOfRows, warmReview, type AuditReview } from './reviewOfRows';
import { useReviewContext } from './useReviewContext';

/**
 * Evidence and review state of an audit from one snapshot; undefined while loading. A snapshot
 * with many sign-offs not judged yet under this context (the first open, a keyring change) is
 * judged in slices first, so the screen shows its loading state rather than freezing.
 */
export function useAuditReview(auditId: string): AuditReview | undefined {
  const rows = useAuditRows(auditId);
  const context = useReviewContext(auditId);
  const [, judgedMore] = useReducer((n: number) => n + 1, 0);
  const cold = rows !== undefined && context !== undefined && needsWarming(rows, context);
  useEffect(() => {
    if (!cold || rows === undefined || context === undefined) return undefined;
    let live = true;
    void warmReview(rows, context).then(() => {
      if (live) judgedMore();
    });
    return () => {
      live = false;
    };
  }, [cold, rows, context]);
  return rows === undefined || context === undefined || cold ? undefined : reviewOfRows(rows, context);
}
