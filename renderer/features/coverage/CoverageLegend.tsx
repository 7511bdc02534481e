import { SLOT_STATUSES } from '../../../shared/coverage/coverage';
import { STATUS_ABBREVIATIONS, STATUS_LABELS, STATUS_MEANINGS } from './statusLabels';

/** What the colours and the one-letter labels of the dense grids mean. */
export function CoverageLegend(): React.JSX.Element {
  return (
    <div className="cov-legend">
      <span className="cov-legend-title">Legend</span>
      <ul>
        {SLOT_STATUSES.map((status) => (
          <li key={status}>
            <span className={`cov-key cov-${status}`} aria-hidden="true">
              {STATUS_ABBREVIATIONS[status]}
            </span>
            <span>
              <strong>{STATUS_LABELS[status]}</strong> <span className="muted">{STATUS_MEANINGS[status]}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="muted cov-legend-note">Each cell opens the evidence of that slot. Weekly and daily grids show one letter per slot; hover for details.</p>
    </div>
  );
}
