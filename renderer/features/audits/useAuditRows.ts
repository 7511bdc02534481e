import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { currentAuditRows, PREFETCH, watchAuditRows, type AuditRows } from '../../db/auditRows';

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
 * whole-audit screens (coverage, all evidence, review) find them in memory. The read goes a
 * chunk at a time and never delays what is on screen.
 */
export function useAuditRowsPrefetch(auditId: string): void {
  useEffect(() => {
    let stop: (() => void) | null = null;
    const handle = requestIdleCallback(() => {
      stop = watchAuditRows(auditId, PREFETCH);
    });
    return () => {
      cancelIdleCallback(handle);
      stop?.();
    };
  }, [auditId]);
}
