import type { RequestStatus } from '../../../shared/requests/status';
import { STATUS_HINTS, STATUS_LABELS } from './labels';

/** A status as its word and a colour; the word alone carries the meaning. */
export function StatusBadge({ status }: { readonly status: RequestStatus }): React.JSX.Element {
  return (
    <span className={`request-status request-status-${status}`} title={STATUS_HINTS[status]}>
      <span className="request-status-dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  );
}
