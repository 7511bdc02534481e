import type { ReadinessStatus } from '../../../shared/domain/records';
import { READINESS_LABELS, READINESS_STATUSES } from './labels';

export type ReadinessFilter = ReadinessStatus | 'all';

/**
 * Counts per status, which double as the filter, and a bar of the whole: how much of the gap
 * analysis is done, and how much of it found gaps.
 */
export function ReadinessSummary({
  counts,
  total,
  filter,
  onFilter,
}: {
  readonly counts: Readonly<Record<ReadinessStatus, number>>;
  readonly total: number;
  readonly filter: ReadinessFilter;
  readonly onFilter: (filter: ReadinessFilter) => void;
}): React.JSX.Element {
  const percent = total === 0 ? 0 : Math.round((counts.ready / total) * 100);
  const share = (n: number): string => `${total === 0 ? 0 : (n / total) * 100}%`;
  return (
    <div className="readiness-summary">
      <div className="readiness-progress">
        <p className="readiness-progress-text">
          <strong>
            {counts.ready} of {total} controls ready
          </strong>{' '}
          <span className="muted">
            ({percent}%) · {counts.gap} {counts.gap === 1 ? 'gap' : 'gaps'} · {counts['not-started']} not assessed yet
          </span>
        </p>
        <div
          className="readiness-bar"
          role="img"
          aria-label={`${counts.ready} ready, ${counts.gap} with a gap, ${counts['not-started']} not started, of ${total} controls`}
        >
          <span className="readiness-bar-ready" style={{ width: share(counts.ready) }} />
          <span className="readiness-bar-gap" style={{ width: share(counts.gap) }} />
        </div>
      </div>
      <div className="summary-tiles" role="group" aria-label="Filter by status">
        <button type="button" className="summary-tile" aria-pressed={filter === 'all'} onClick={() => onFilter('all')}>
          <span className="summary-tile-count">{total}</span>
          <span className="summary-tile-label">All controls</span>
        </button>
        {READINESS_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`summary-tile readiness-tile-${status}`}
            aria-pressed={filter === status}
            onClick={() => onFilter(status)}
          >
            <span className="summary-tile-count">{counts[status]}</span>
            <span className="summary-tile-label">{READINESS_LABELS[status]}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
