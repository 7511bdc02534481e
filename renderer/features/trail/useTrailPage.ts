import { useEffect, useState } from 'react';
import { buildTrailRows, withTrailNames, type TrailRow } from '../../../shared/integrity/logView';
import { loadTrailNames } from '../../db/integrity';
import { foreground } from '../../db/backgroundGate';
import { readLogPage } from '../../db/log';

export interface TrailPage {
  readonly rows: readonly TrailRow[];
  readonly total: number;
}

/**
 * One page of the trail straight from the log's index, for as long as the whole trail is still
 * being read (`skip` once it is): the screen shows its newest entries at once, not after 15,000
 * entries have been read, named and hashed (issue #12). Undefined until the first page arrives.
 */
export function useTrailPage(
  auditId: string,
  timeZone: string,
  { newestFirst, page, size }: { readonly newestFirst: boolean; readonly page: number; readonly size: number },
  version: string | undefined,
  skip: boolean,
): TrailPage | undefined {
  const [current, setCurrent] = useState<TrailPage | undefined>(undefined);
  useEffect(() => {
    if (skip || version === undefined) return undefined;
    let cancelled = false;
    const started = performance.now();
    foreground(
      readLogPage(auditId, { newestFirst, offset: page * size, limit: size }).then(async ({ entries, total }) => ({
        rows: buildTrailRows(entries, withTrailNames(await loadTrailNames(auditId, entries), entries), timeZone),
        total,
      })),
    )
      .then(
        (next) => {
          performance.measure('trail: page read', { start: started });
          if (!cancelled) setCurrent(next);
        },
        // The whole read reports read errors; a page it could not show is simply not shown early.
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [auditId, timeZone, newestFirst, page, size, version, skip]);
  return current;
}
