import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { slotCache } from '../../../shared/coverage/coverage';
import { criteriaInUse, evidenceRows, filterRows, isFiltering, NO_FILTER } from '../../../shared/coverage/evidenceFilter';
import type { EvidenceFilter } from '../../../shared/coverage/evidenceFilter';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import type { Slot } from '../../../shared/periods/slots';
import { reviewOf } from '../../../shared/review/reviewState';
import { listControls } from '../../db/controls';
import { listEvidenceForAudit } from '../../db/evidence';
import { useReviewStates } from '../review/useReviewStates';
import { auditRoute, navigate } from '../app/useHashRoute';
import { EvidenceFilters } from './EvidenceFilters';
import { EvidenceRowView } from './EvidenceRowView';
import './evidenceBrowser.css';

/** Rows drawn at once: each row may decode a thumbnail, and nobody scrolls past a few hundred. */
const PAGE = 200;

function itemsText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`;
}

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
  const evidence = useLiveQuery(() => listEvidenceForAudit(audit.id), [audit.id]);
  // Retired controls too: an item linked to one still names it, never an unexplained id.
  const allControls = useLiveQuery(() => listControls(audit.id), [audit.id]);
  const [filter, setFilter] = useState<EvidenceFilter>(() => ({ ...NO_FILTER, controlId, slotId }));
  const [limit, setLimit] = useState(PAGE);

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
  const states = useReviewStates(audit.id);
  const review = useMemo(() => reviewOf(states), [states]);
  const rows = useMemo(() => (evidence === undefined ? [] : evidenceRows(audit, known, evidence, review)), [audit, known, evidence, review]);
  const criteria = useMemo(() => criteriaInUse(controls), [controls]);

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

  const current = filter.includeSuperseded ? rows : rows.filter((row) => !row.superseded);
  const shown = filterRows(rows, filter, controls);
  const hiddenVersions = rows.length - current.length;
  // Retired controls stay choosable when the route or an item points at them.
  const choosable = known
    .filter((c) => activeIds.has(c.id) || c.id === filter.controlId)
    .sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));

  const change = (patch: Partial<EvidenceFilter>): void => {
    setFilter((f) => ({ ...f, ...patch }));
    setLimit(PAGE);
  };
  const clear = (): void => {
    setFilter(NO_FILTER);
    setLimit(PAGE);
    // Drop the route's filter too, so a reload does not bring it back.
    if (controlId !== null || slotId !== null) navigate(auditRoute(audit.id, 'fieldwork', { view: 'evidence' }));
  };

  return (
    <section className="eb" aria-labelledby="eb-heading">
      <header className="eb-head">
        <h2 id="eb-heading">All evidence</h2>
        <p className="eb-count" role="status" aria-live="polite">
          <strong>{shown.length.toLocaleString('en-US')}</strong> of {itemsText(current.length)}
          {!filter.includeSuperseded && hiddenVersions > 0 && (
            <span className="muted"> · {hiddenVersions === 1 ? '1 superseded version hidden' : `${hiddenVersions} superseded versions hidden`}</span>
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
              {shown.slice(0, limit).map((row) => (
                <EvidenceRowView key={row.item.id} audit={audit} row={row} controlsById={controlsById} activeIds={activeIds} controlId={filter.controlId} />
              ))}
            </tbody>
          </table>
          {shown.length > limit && (
            <p className="eb-more">
              Showing the first {limit.toLocaleString('en-US')}.{' '}
              <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
                Show {Math.min(PAGE, shown.length - limit)} more
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
