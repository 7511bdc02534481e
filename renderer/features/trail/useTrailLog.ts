import { useEffect, useState } from 'react';
import type { LogEntry } from '../../../shared/domain/records';
import { buildTrailRows, describeChain, withTrailNames, type TrailNames, type TrailRow } from '../../../shared/integrity/logView';
import { messageOf } from '../../bridge';
import { loadTrailNames } from '../../db/integrity';
import { readLogInChunks } from '../../db/log';
import { backgroundTurn, screenWork } from '../../db/backgroundGate';
import { yieldToUi } from '../../db/yieldToUi';
import { startChainCheck } from './chainCheck';
import type { ChainResult } from './ChainStatus';

/** The whole trail, read and turned into rows: what filters, search and every page work on. */
export interface FullTrail {
  readonly log: readonly LogEntry[];
  readonly rows: readonly TrailRow[];
}

export interface TrailLog {
  readonly full: FullTrail | undefined;
  /** Entries read from IndexedDB and entries hashed so far, for the progress lines. */
  readonly read: number;
  readonly checked: number;
  /** The verdict on the read in `full`, or null while that read is checked. */
  readonly chain: ChainResult | null;
  readonly error: string | null;
}

/** Rows per slice when building the trail's rows: names, summaries and search text per entry. */
const ROW_SLICE = 1000;

/** buildTrailRows over the whole log, a slice at a time, pausing between slices. */
async function buildRowsInSlices(log: readonly LogEntry[], names: TrailNames, timeZone: string): Promise<TrailRow[]> {
  const known = withTrailNames(names, log);
  const rows: TrailRow[] = [];
  for (let start = 0; start < log.length; start += ROW_SLICE) {
    if (start > 0) await yieldToUi();
    rows.push(...buildTrailRows(log.slice(start, start + ROW_SLICE), known, timeZone));
  }
  return rows;
}

/**
 * Reads the whole trail from IndexedDB a chunk at a time, and hands each chunk to the chain
 * check as it arrives: the check runs in a worker while the rest is read, so the window stays
 * free and the verdict comes about when the last chunk does. Runs again when `version` (the
 * chain's head) or `reads` ("Check chain") changes. The verdict is published with the rows, so
 * "Show entry" always finds its entry.
 */
export function useTrailLog(auditId: string, timeZone: string, version: string | undefined, reads: number): TrailLog {
  const [state, setState] = useState<TrailLog>({ full: undefined, read: 0, checked: 0, chain: null, error: null });
  useEffect(() => {
    // Wait for the live query's first answer, or the log would be read twice on open.
    if (version === undefined) return undefined;
    let cancelled = false;
    const update = (patch: Partial<TrailLog>): void => {
      if (!cancelled) setState((s) => ({ ...s, ...patch }));
    };
    update({ read: 0, checked: 0, chain: null });
    const started = performance.now();
    const checker = startChainCheck((checked) => update({ checked }));
    let read = 0;
    // After the first page's own read (useTrailPage), which paints long before this is done.
    const reading = screenWork(
      backgroundTurn().then(() =>
        readLogInChunks(auditId, backgroundTurn, (chunk) => {
          checker.push(chunk);
          read += chunk.length;
          update({ read });
        }),
      ),
    );
    void reading.then(
      () => {
        performance.measure('trail: log read', { start: started });
        checker.end();
      },
      () => checker.cancel(),
    );
    void checker.result.then(() => performance.measure('trail: chain checked', { start: started }), () => {});
    Promise.all([
      reading.then(async (log) => ({ log, rows: await buildRowsInSlices(log, await loadTrailNames(auditId, log), timeZone) })),
      checker.result,
    ]).then(
      ([full, check]) => {
        performance.measure('trail: rows and verdict', { start: started });
        update({ full, chain: { check, text: describeChain(check, full.log), checkedAt: new Date() } });
      },
      (error: unknown) => update({ error: `The audit trail could not be read: ${messageOf(error)}` }),
    );
    return () => {
      cancelled = true;
      checker.cancel();
    };
  }, [auditId, timeZone, version, reads]);
  return state;
}
