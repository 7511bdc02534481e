import type { CellCoverage, ControlCoverage } from '../../../shared/coverage/coverage';
import { CoverageCell } from './CoverageCell';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/** Daily slots ('YYYY-MM-DD') by month, each month a row indexed by day of the month. */
function byMonth(cells: readonly CellCoverage[]): { key: string; label: string; days: Map<number, CellCoverage> }[] {
  const months = new Map<string, Map<number, CellCoverage>>();
  for (const cell of cells) {
    const key = cell.slot.id.slice(0, 7);
    const days = months.get(key) ?? new Map<number, CellCoverage>();
    days.set(Number(cell.slot.id.slice(8, 10)), cell);
    months.set(key, days);
  }
  return [...months].map(([key, days]) => ({ key, label: `${MONTHS[Number(key.slice(5, 7)) - 1] ?? key} ${key.slice(0, 4)}`, days }));
}

/**
 * A year of daily slots as a month × day grid (about 12 × 31 small cells) instead of 365
 * columns: the page keeps its width, and a gap in a month stands out as a run of one colour.
 */
export function DayGrid({ auditId, controlRef, row }: { readonly auditId: string; readonly controlRef: string; readonly row: ControlCoverage }): React.JSX.Element {
  return (
    <table className="cov-daygrid" aria-label={`${controlRef} by day`}>
      <thead>
        <tr>
          <td />
          {DAYS.map((day) => (
            <th key={day} scope="col">
              {day}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {byMonth(row.cells).map((month) => (
          <tr key={month.key}>
            <th scope="row">{month.label}</th>
            {DAYS.map((day) => {
              const cell = month.days.get(day);
              return cell ? (
                <CoverageCell key={day} auditId={auditId} controlRef={controlRef} row={row} cell={cell} compact />
              ) : (
                <td key={day} className="cov-cell cov-none" />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
