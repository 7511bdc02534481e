import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { AuditRecord, LogEntry } from '../../../shared/domain/records';
import {
  buildTrailRows,
  describeChain,
  filterTrail,
  isTrailFiltered,
  NO_TRAIL_FILTER,
  trailFacets,
  withTrailNames,
  zoneTimeFormatter,
  type TrailFilter,
  type TrailNames,
  type TrailRow,
} from '../../../shared/integrity/logView';
import { verifyChainInSlices } from '../../../shared/log/chain';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { loadTrailNames, trailVersion } from '../../db/integrity';
import { readLogInChunks } from '../../db/log';
import { ChainStatus, type ChainResult } from './ChainStatus';
import { Pager } from '../../components/Pager';
import { TrailFilters, type TrailOrder } from './TrailFilters';
import { entryDomId } from './TrailEntryRow';
import { TrailTable } from './TrailTable';
import './trail.css';
import { yieldToUi } from '../../db/yieldToUi';

/** Rows in the DOM at once: a 10,000-entry trail stays responsive one page at a time. */
const PAGE = 200;

const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

interface CheckedChain extends ChainResult {
  /** The exact log array checked: a newer read means the verdict is stale until re-run. */
  readonly log: readonly LogEntry[];
}

const pause = yieldToUi;

/** Rows per slice when building the trail's rows: names, summaries and search text per entry. */
const ROW_SLICE = 1000;

/** buildTrailRows over the whole log, a slice at a time, pausing between slices. */
async function buildRowsInSlices(log: readonly LogEntry[], names: TrailNames, timeZone: string): Promise<TrailRow[]> {
  const known = withTrailNames(names, log);
  const rows: TrailRow[] = [];
  for (let start = 0; start < log.length; start += ROW_SLICE) {
    if (start > 0) await pause();
    rows.push(...buildTrailRows(log.slice(start, start + ROW_SLICE), known, timeZone));
  }
  return rows;
}

function entriesText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;
}

/**
 * The audit's hash-chained log (DESIGN.md §4), readable and checkable. The chain is verified
 * on open and on request; "Check chain" reads the log again from IndexedDB, because a change
 * made outside the app (devtools, the files on disk) never reaches a live query.
 */
export function AuditTrailScreen({ audit }: { readonly audit: AuditRecord }): React.JSX.Element {
  const version = useLiveQuery(() => trailVersion(audit.id), [audit.id]);
  const [reads, setReads] = useState(0);
  const [trail, setTrail] = useState<{ readonly log: readonly LogEntry[]; readonly rows: readonly TrailRow[] } | undefined>(undefined);
  const [readError, setReadError] = useState<string | null>(null);
  const [chain, setChain] = useState<CheckedChain | null>(null);
  const [filter, setFilter] = useState<TrailFilter>(NO_TRAIL_FILTER);
  const [order, setOrder] = useState<TrailOrder>('newest');
  const [page, setPage] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [focusedSeq, setFocusedSeq] = useState<number | null>(null);

  // Read from IndexedDB itself on open, on every change the app makes (each one appends to the
  // log, so names of new items come along), and on "Check chain".
  useEffect(() => {
    // Wait for the live query's first answer, or the log would be read twice on open.
    if (version === undefined) return undefined;
    let cancelled = false;
    Promise.all([readLogInChunks(audit.id, pause), loadTrailNames(audit.id)])
      .then(async ([log, names]) => ({ log, names, rows: await buildRowsInSlices(log, names, audit.timeZone) }))
      .then(
      (read) => {
        if (!cancelled) setTrail(read);
      },
      (error: unknown) => {
        if (!cancelled) setReadError(`The audit trail could not be read: ${messageOf(error)}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [audit.id, audit.timeZone, version, reads]);

  const log = trail?.log;
  // Hashing 15,000 entries takes a while: the table paints first, and the check goes a slice at
  // a time so the window stays responsive meanwhile.
  useEffect(() => {
    if (log === undefined) return undefined;
    let cancelled = false;
    void verifyChainInSlices(log, pause).then((check) => {
      if (!cancelled) setChain({ check, text: describeChain(check, log), checkedAt: new Date(), log });
    });
    return () => {
      cancelled = true;
    };
  }, [log]);

  const rows = useMemo(() => trail?.rows ?? [], [trail]);
  const facets = useMemo(() => trailFacets(rows), [rows]);
  const zoneTime = useMemo(() => (UTC_ZONES.has(audit.timeZone) ? null : zoneTimeFormatter(audit.timeZone)), [audit.timeZone]);
  // Typing in the search stays instant; the table follows as soon as it can.
  const applied = useDeferredValue(filter);
  const shown = useMemo(() => {
    const filtered = filterTrail(rows, applied);
    return order === 'newest' ? filtered.reverse() : filtered;
  }, [rows, applied, order]);

  // Scroll the entry asked for into view once its page is drawn.
  useEffect(() => {
    if (focusedSeq === null) return;
    document.getElementById(entryDomId(focusedSeq))?.scrollIntoView({ block: 'center' });
  }, [focusedSeq, page]);

  if (readError) return <ErrorBanner message={readError} />;
  if (log === undefined) return <p className="muted">Loading the audit trail…</p>;

  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE, (current + 1) * PAGE);
  const checking = chain === null || chain.log !== log;
  const brokenSeq = !checking && !chain.check.ok ? chain.check.seq : null;

  const change = (patch: Partial<TrailFilter>): void => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const show = (seq: number): void => {
    // Filters could hide the entry: show the whole trail, on the page that holds it.
    const all = order === 'newest' ? [...rows].reverse() : rows;
    const index = all.findIndex((r) => r.entry.seq === seq);
    setFilter(NO_TRAIL_FILTER);
    setPage(index < 0 ? 0 : Math.floor(index / PAGE));
    setFocusedSeq(seq);
  };
  const toggle = (seq: number): void =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  return (
    <section className="trail" aria-labelledby="trail-heading">
      <header className="trail-head">
        <div>
          <h2 id="trail-heading">Audit trail</h2>
          <p className="muted trail-intro">
            Every change to this audit, in order. Each entry carries the SHA-256 of its content and of the entry before it, so an entry
            edited or removed outside the app breaks the chain. The chain cannot show entries cut from its very end: note the last hash,
            or compare it with an exported bundle.
          </p>
        </div>
      </header>
      <ChainStatus result={checking ? null : chain} checking={checking} onCheck={() => setReads((n) => n + 1)} onShow={show} />
      <TrailFilters
        filter={filter}
        onChange={change}
        actions={facets.actions}
        kinds={facets.kinds}
        actors={facets.actors}
        order={order}
        onOrder={(o) => {
          setOrder(o);
          setPage(0);
        }}
        canClear={isTrailFiltered(filter)}
        onClear={() => change(NO_TRAIL_FILTER)}
      />
      <div className="trail-count-line">
        <p className="trail-count" role="status" aria-live="polite">
          {shown.length === 0
            ? `No entries match these filters (of ${entriesText(rows.length)}).`
            : `Showing ${(current * PAGE + 1).toLocaleString('en-US')}–${(current * PAGE + visible.length).toLocaleString('en-US')} of ${entriesText(shown.length)}${
                shown.length !== rows.length ? ` (filtered from ${rows.length.toLocaleString('en-US')})` : ''
              }`}
        </p>
        <Pager page={current} pages={pages} onPage={setPage} label="Audit trail pages (top)" />
      </div>
      {visible.length > 0 && (
        <TrailTable
          rows={visible}
          timeZone={audit.timeZone}
          zoneTime={zoneTime}
          expanded={expanded}
          onToggle={toggle}
          brokenSeq={brokenSeq}
          focusedSeq={focusedSeq}
        />
      )}
      <div className="trail-foot">
        <Pager page={current} pages={pages} onPage={setPage} label="Audit trail pages (bottom)" />
      </div>
    </section>
  );
}
