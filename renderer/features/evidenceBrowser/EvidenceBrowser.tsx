import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { slotCache } from '../../../shared/coverage/coverage';
import { criteriaInUse, filterRows, isFiltering, NO_FILTER } from '../../../shared/coverage/evidenceFilter';
import type { EvidenceFilter, EvidenceRow } from '../../../shared/coverage/evidenceFilter';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import type { Slot } from '../../../shared/periods/slots';
import { compareNumeric } from '../../../shared/text/compare';
import { Pager } from '../../components/Pager';
import { useGrowingCount } from '../../components/useGrowingCount';
import { listControls } from '../../db/controls';
import { useAuditReview } from '../review/useAuditReview';
import { auditRoute, navigate } from '../app/useHashRoute';
import { EvidenceFilters } from './EvidenceFilters';
import { EvidenceRowView } from './EvidenceRowView';
import { rowsOf, withWithdrawn } from './rowsMemo';
import './evidenceBrowser.css';

/** Rows on one page: each row may decode a thumbnail, and the DOM stays the size of one page. */
const PAGE = 100;

function itemsText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`;
}

/** One page of rows; memoized so that a keystroke re-renders the input, not a hundred rows. */
const EvidenceTable = memo(function EvidenceTable({
  audit,
  rows,
  controlsById,
  activeIds,
  controlId,
}: {
  readonly audit: AuditRecord;
  readonly rows: readonly EvidenceRow[];
  readonly controlsById: ReadonlyMap<string, ControlRecord>;
  readonly activeIds: ReadonlySet<string>;
  readonly controlId: string | null;
}): React.JSX.Element {
  // A page of 100 rows is ~2,200 nodes: drawn a frame's worth at a time, so opening the list is no long task (issue #12).
  const drawn = useGrowingCount(rows.length);
  return (
    <table className="eb-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="eb-sr">Preview</span>
          </th>
          <th scope="col">Name</th>
          <th scope="col">Controls</th>
          <th scope="col">Step</th>
          <th scope="col">Evidence date ({audit.timeZone})</th>
          <th scope="col">Slot</th>
          <th scope="col">Size</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, drawn).map((row) => (
          <EvidenceRowView key={row.item.id} audit={audit} row={row} controlsById={controlsById} activeIds={activeIds} controlId={controlId} />
        ))}
      </tbody>
    </table>
  );
});

/**
 * Every evidence item of the audit, filtered (issue #3, "Evidence list filters"). The route's
 * control and slot (a click in the coverage matrix) set the first filter; every other change
 * stays on this screen and applies as it is made.
 */
export function EvidenceBrowser({
  audit,
  controls,
  controlId,
  slotId,
}: {
  readonly audit: AuditRecord;
  readonly controls: readonly ControlRecord[];
  readonly controlId: string | null;
  readonly slotId: string | null;
}): React.JSX.Element {
  // The audit's rows from memory, kept current by the change feed (renderer/db/auditRows.ts).
  const audited = useAuditReview(audit.id);
  const evidence = useMemo(() => (audited ? withWithdrawn(audited) : undefined), [audited]);
  // Retired controls too: an item linked to one still names it, never an unexplained id.
  const allControls = useLiveQuery(() => listControls(audit.id), [audit.id]);
  const [filter, setFilter] = useState<EvidenceFilter>(() => ({ ...NO_FILTER, controlId, slotId }));
  const [page, setPage] = useState(0);

  // A new route (another cell clicked) replaces the control and slot but keeps the rest; this
  // is React's "adjust state when a prop changes" pattern, without an effect's extra render.
  const [routeFilter, setRouteFilter] = useState({ controlId, slotId });
  if (routeFilter.controlId !== controlId || routeFilter.slotId !== slotId) {
    setRouteFilter({ controlId, slotId });
    setFilter((f) => ({ ...f, controlId, slotId }));
  }

  const known = allControls ?? controls;
  const controlsById = useMemo(() => new Map(known.map((c) => [c.id, c])), [known]);
  const activeIds = useMemo(() => new Set(controls.map((c) => c.id)), [controls]);
  // Rows are built once per change of the audit's data (and kept for the next visit); a keystroke only filters them.
  const rows = useMemo(() => (evidence === undefined || audited === undefined ? [] : rowsOf(audit, known, evidence, audited.states)), [audit, known, evidence, audited]);
  const criteria = useMemo(() => criteriaInUse(controls), [controls]);
  // Typing stays instant: the input shows each key at once, the list follows as soon as it can
  // (React drops a filtering render that a newer keystroke has overtaken).
  const applied = useDeferredValue(filter);
  const shown = useMemo(() => filterRows(rows, applied, controls), [rows, applied, controls]);
  const current = useMemo(
    () => rows.filter((row) => (applied.includeSuperseded || !row.superseded) && (applied.includeWithdrawn || !row.withdrawn)).length,
    [rows, applied.includeSuperseded, applied.includeWithdrawn],
  );
  const withdrawnCount = useMemo(() => rows.filter((row) => row.withdrawn).length, [rows]);
  // Retired controls stay choosable when the route or an item points at them.
  const choosable = useMemo(
    () => known.filter((c) => activeIds.has(c.id) || c.id === filter.controlId).sort((a, b) => compareNumeric(a.ref, b.ref)),
    [known, activeIds, filter.controlId],
  );

  const chosen = filter.controlId === null ? undefined : controlsById.get(filter.controlId);
  const slots = useMemo((): readonly Slot[] | null => {
    if (chosen === undefined) return null;
    try {
      return slotCache(audit)(chosen.frequency);
    } catch {
      return [];
    }
  }, [audit, chosen]);

  if (evidence === undefined) return <p className="muted">Loading evidence…</p>;

  const hiddenVersions = applied.includeSuperseded ? 0 : rows.filter((row) => row.superseded && (applied.includeWithdrawn || !row.withdrawn)).length;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const currentPage = Math.min(page, pages - 1);
  const visible = shown.slice(currentPage * PAGE, (currentPage + 1) * PAGE);
  const stale = applied !== filter;

  const change = (patch: Partial<EvidenceFilter>): void => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const clear = (): void => {
    setFilter(NO_FILTER);
    setPage(0);
    // Drop the route's filter too, so a reload does not bring it back.
    if (controlId !== null || slotId !== null) navigate(auditRoute(audit.id, 'fieldwork', { view: 'evidence' }));
  };

  return (
    <section className="eb" aria-labelledby="eb-heading" aria-busy={stale}>
      <header className="eb-head">
        <h2 id="eb-heading">All evidence</h2>
        <p className="eb-count" role="status" aria-live="polite">
          <strong>{shown.length.toLocaleString('en-US')}</strong> of {itemsText(current)}
          {hiddenVersions > 0 && (
            <span className="muted"> · {hiddenVersions === 1 ? '1 superseded version hidden' : `${hiddenVersions} superseded versions hidden`}</span>
          )}
          {!applied.includeWithdrawn && withdrawnCount > 0 && (
            <span className="muted"> · {withdrawnCount === 1 ? '1 withdrawn item hidden' : `${withdrawnCount} withdrawn items hidden`}</span>
          )}
        </p>
      </header>
      <EvidenceFilters
        filter={filter}
        onChange={change}
        controls={choosable}
        slots={slots}
        criteria={criteria}
        canClear={isFiltering(filter) || controlId !== null || slotId !== null}
        onClear={clear}
      />
      {shown.length === 0 ? (
        <p className="empty-inline">
          {rows.length === 0
            ? 'No evidence in this audit yet. Capture or attach it from a control in Fieldwork → Controls.'
            : 'No evidence matches these filters.'}
        </p>
      ) : (
        <div className="eb-scroll">
          {pages > 1 && (
            <div className="eb-pages">
              <span className="muted">
                {(currentPage * PAGE + 1).toLocaleString('en-US')}–{(currentPage * PAGE + visible.length).toLocaleString('en-US')} of{' '}
                {shown.length.toLocaleString('en-US')}
              </span>
              <Pager page={currentPage} pages={pages} onPage={setPage} label="Evidence pages (top)" />
            </div>
          )}
          <EvidenceTable audit={audit} rows={visible} controlsById={controlsById} activeIds={activeIds} controlId={applied.controlId} />
          {pages > 1 && (
            <div className="eb-pages eb-pages-foot">
              <Pager page={currentPage} pages={pages} onPage={setPage} label="Evidence pages (bottom)" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
