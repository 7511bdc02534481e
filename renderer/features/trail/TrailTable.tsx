import { memo } from 'react';
import type { TrailRow } from '../../../shared/integrity/logView';
import { TrailRowSlot } from './TrailRowSlot';

/** Memoized: the screen re-renders for every chunk read and hashed, the table only for its rows. */
export const TrailTable = memo(function TrailTable({
  rows,
  timeZone,
  zoneTime,
  expanded,
  onToggle,
  brokenSeq,
  focusedSeq,
}: {
  readonly rows: readonly TrailRow[];
  readonly timeZone: string;
  /** Null when the audit's zone is UTC: a second, identical time would only add noise. */
  readonly zoneTime: ((iso: string) => string) | null;
  readonly expanded: ReadonlySet<number>;
  readonly onToggle: (seq: number) => void;
  readonly brokenSeq: number | null;
  readonly focusedSeq: number | null;
}): React.JSX.Element {
  return (
    <div className="trail-scroll">
      <table className="trail-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">
              Time <span className="trail-th-sub">{zoneTime ? `UTC · ${timeZone}` : 'UTC'}</span>
            </th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TrailRowSlot
              key={row.entry.seq}
              row={row}
              zoneTime={zoneTime}
              expanded={expanded.has(row.entry.seq)}
              onToggle={onToggle}
              breaksChain={row.entry.seq === brokenSeq}
              focused={row.entry.seq === focusedSeq}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
});
