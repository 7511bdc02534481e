import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { AuditRecord } from '../../../shared/domain/records';
import { filterTrail, isTrailFiltered, NO_TRAIL_FILTER, trailFacets, zoneTimeFormatter, type TrailFilter } from '../../../shared/integrity/logView';
import { ErrorBanner } from '../../components/ErrorBanner';
import { trailVersion } from '../../db/integrity';
import { ChainStatus } from './ChainStatus';
import { Pager } from '../../components/Pager';
import { TrailFilters, type TrailOrder } from './TrailFilters';
import { entryDomId } from './TrailEntryRow';
import { TrailTable } from './TrailTable';
import { useTrailLog } from './useTrailLog';
import { useTrailPage } from './useTrailPage';
import './trail.css';

/** Rows in the DOM at once: a 10,000-entry trail stays responsive one page at a time. */
const PAGE = 200;

const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

const NO_FACETS = { actions: [], kinds: [], actors: [] };

function entriesText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;
}

/**
 * The audit's hash-chained log (DESIGN.md §4), readable and checkable. Its newest page comes
 * straight from the log's index; the whole log is read meanwhile for search, filters and the
 * chain check, which hashes in a worker. "Check chain" reads the log again from IndexedDB,
 * because a change made outside the app (devtools, the files on disk) never reaches a live query.
 */
export function AuditTrailScreen({ audit }: { readonly audit: AuditRecord }): React.JSX.Element {
  const version = useLiveQuery(() => trailVersion(audit.id), [audit.id]);
  const [reads, setReads] = useState(0);
  const [filter, setFilter] = useState<TrailFilter>(NO_TRAIL_FILTER);
  const [order, setOrder] = useState<TrailOrder>('newest');
  const [page, setPage] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [focusedSeq, setFocusedSeq] = useState<number | null>(null);

  const trail = useTrailLog(audit.id, audit.timeZone, version, reads);
  const { full } = trail;
  const early = useTrailPage(audit.id, audit.timeZone, { newestFirst: order === 'newest', page, size: PAGE }, version, full !== undefined);

  const rows = useMemo(() => full?.rows ?? [], [full]);
  const facets = useMemo(() => (full ? trailFacets(full.rows) : NO_FACETS), [full]);
  const zoneTime = useMemo(() => (UTC_ZONES.has(audit.timeZone) ? null : zoneTimeFormatter(audit.timeZone)), [audit.timeZone]);
  // Typing in the search stays instant; the table follows as soon as it can.
  const applied = useDeferredValue(filter);
  const shown = useMemo(() => {
    const filtered = filterTrail(rows, applied);
    return order === 'newest' ? filtered.reverse() : filtered;
  }, [rows, applied, order]);

  const allCount = full ? rows.length : (early?.total ?? 0);
  const filtering = full === undefined && isTrailFiltered(applied);
  const total = full ? shown.length : filtering ? 0 : allCount;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const current = Math.min(page, pages - 1);
  // The same array while only progress changes, so the table (memo) is not drawn again for it.
  const visible = useMemo(
    () => (full ? shown.slice(current * PAGE, (current + 1) * PAGE) : filtering ? [] : (early?.rows ?? [])),
    [full, shown, current, filtering, early],
  );
  const toggle = useCallback(
    (seq: number): void =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(seq)) next.add(seq);
        return next;
      }),
    [],
  );

  // Scroll the entry asked for into view once its page is drawn.
  useEffect(() => {
    if (focusedSeq === null) return;
    document.getElementById(entryDomId(focusedSeq))?.scrollIntoView({ block: 'center' });
  }, [focusedSeq, page]);

  if (trail.error) return <ErrorBanner message={trail.error} />;
  if (full === undefined && early === undefined) return <p className="muted">Loading the audit trail…</p>;

  // Until the whole trail is read, the page comes from the index and filters wait for the rows.
  const checking = trail.chain === null;
  const brokenSeq = trail.chain !== null && !trail.chain.check.ok ? trail.chain.check.seq : null;

  const change = (patch: Partial<TrailFilter>): void => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const show = (seq: number): void => {
    // Filters could hide the entry: show the whole trail, on the page that holds it. (The
    // verdict that offers this is published with the whole trail's rows.)
    const all = order === 'newest' ? [...rows].reverse() : rows;
    const index = all.findIndex((r) => r.entry.seq === seq);
    setFilter(NO_TRAIL_FILTER);
    setPage(index < 0 ? 0 : Math.floor(index / PAGE));
    setFocusedSeq(seq);
  };

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
      <ChainStatus
        result={trail.chain}
        checking={checking}
        progress={checking && allCount > 0 ? { checked: trail.checked, total: allCount } : null}
        onCheck={() => setReads((n) => n + 1)}
        onShow={show}
      />
      <TrailFilters
        filter={filter}
        onChange={change}
        ready={full !== undefined}
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
          {filtering
            ? `Reading the whole trail to filter it: ${trail.read.toLocaleString('en-US')} of ${entriesText(allCount)}…`
            : total === 0
              ? `No entries match these filters (of ${entriesText(allCount)}).`
              : `Showing ${(current * PAGE + 1).toLocaleString('en-US')}–${(current * PAGE + visible.length).toLocaleString('en-US')} of ${entriesText(total)}${
                  total !== allCount ? ` (filtered from ${allCount.toLocaleString('en-US')})` : ''
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
