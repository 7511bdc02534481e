import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { currentAuditRows, prefetchListener, watchAuditRows, type AuditRows } from '../../db/auditRows';
import { loadReviewContext } from '../../db/reviewContext';
import { warmReview } from '../review/reviewOfRows';

/**
 * The audit's rows held in memory (renderer/db/auditRows.ts), re-rendering on each new snapshot;
 * undefined while they are first read. With `enabled` false nothing is watched.
 */
export function useAuditRows(auditId: string, enabled = true): AuditRows | undefined {
  const subscribe = useCallback((notify: () => void) => (enabled ? watchAuditRows(auditId, notify) : () => {}), [auditId, enabled]);
  const getSnapshot = useCallback(() => (enabled ? currentAuditRows(auditId) : undefined), [auditId, enabled]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

/**
 * Starts reading the audit's rows once the browser is idle after the audit opens, so that the
 * whole-audit screens (coverage, all evidence, review) find them in memory, and judges their
 * sign-offs under the audit's review context, so those screens find the review derived too
 * (issue #12). Both go a slice at a time and never delay what is on screen.
 */
export function useAuditRowsPrefetch(auditId: string): void {
  useEffect(() => {
    let stop: (() => void) | null = null;
    const warm = prefetchListener((rows) => {
      void loadReviewContext(auditId)
        .then((context) => warmReview(rows, context))
        // An audit deleted meanwhile: its screens say so; there is nothing to warm.
        .catch(() => undefined);
    });
    const handle = requestIdleCallback(() => {
      stop = watchAuditRows(auditId, warm);
    });
    return () => {
      cancelIdleCallback(handle);
      stop?.();
    };
  }, [auditId]);
}
