import { REQUEST_STATUSES, type RequestStatus } from '../../../shared/requests/status';
import { STATUS_HINTS, STATUS_LABELS } from './labels';

/** Counts per status that double as the status filter: pressing one shows only those requests. */
export function StatusSummary({
  counts,
  total,
  selected,
  onSelect,
}: {
  readonly counts: Readonly<Record<RequestStatus, number>>;
  readonly total: number;
  readonly selected: RequestStatus | null;
  readonly onSelect: (status: RequestStatus | null) => void;
}): React.JSX.Element {
  return (
    <div className="request-summary" role="group" aria-label="Requests by status (press one to filter)">
      <button type="button" className="request-summary-item" aria-pressed={selected === null} onClick={() => onSelect(null)}>
        <span className="request-summary-count">{total}</span>
        <span className="request-summary-label">All requests</span>
      </button>
      {REQUEST_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={`request-summary-item request-summary-${status}`}
          aria-pressed={selected === status}
          title={STATUS_HINTS[status]}
          onClick={() => onSelect(selected === status ? null : status)}
        >
          <span className="request-summary-count">{counts[status]}</span>
          <span className="request-summary-label">
            <span className="request-status-dot" aria-hidden="true" />
            {STATUS_LABELS[status]}
          </span>
        </button>
      ))}
    </div>
  );
}
