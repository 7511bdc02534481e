import type { CellCoverage, ControlCoverage } from '../../../shared/coverage/coverage';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { describeCell, STATUS_ABBREVIATIONS } from './statusLabels';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

/** Daily slots ('YYYY-MM-DD') by month, each month a row indexed by day of the month. */
function byMonth(cells: readonly CellCoverage[]): { key: string; label: string; days: { day: number; cell: CellCoverage }[] }[] {
  const months = new Map<string, { day: number; cell: CellCoverage }[]>();
  for (const cell of cells) {
    const key = cell.slot.id.slice(0, 7);
    const days = months.get(key) ?? [];
    days.push({ day: Number(cell.slot.id.slice(8, 10)), cell });
    months.set(key, days);
  }
  return [...months].map(([key, days]) => ({ key, label: `${MONTHS[Number(key.slice(5, 7)) - 1] ?? key} ${key.slice(0, 4)}`, days }));
}

/**
 * A year of daily slots as a month × day grid (about 12 × 31 small cells) instead of 365
 * columns: the page keeps its width, and a gap in a month stands out as a run of one colour.
 * A CSS grid of links, each placed in its day's column: one element per day, so twenty daily
 * controls in view stay a few thousand nodes (a table spent three per day).
 */
export function DayGrid({ auditId, controlRef, row }: { readonly auditId: string; readonly controlRef: string; readonly row: ControlCoverage }): React.JSX.Element {
  return (
    <div className="cov-daygrid" role="group" aria-label={`${controlRef} by day`}>
      {DAYS.map((day) => (
        <span key={`d${day}`} className="cov-dg-day" style={{ gridColumn: day + 1 }} aria-hidden="true">
          {day}
        </span>
      ))}
      {byMonth(row.cells).map((month, m) => (
        <MonthRow key={month.key} auditId={auditId} controlRef={controlRef} row={row} label={month.label} days={month.days} gridRow={m + 2} />
      ))}
    </div>
  );
}

function MonthRow({
  auditId,
  controlRef,
  row,
  label,
  days,
  gridRow,
}: {
  readonly auditId: string;
  readonly controlRef: string;
  readonly row: ControlCoverage;
  readonly label: string;
  readonly days: readonly { day: number; cell: CellCoverage }[];
  readonly gridRow: number;
}): React.JSX.Element {
  return (
    <>
      <span className="cov-dg-month" style={{ gridRow }}>
        {label}
      </span>
      {days.map(({ day, cell }) => {
        const description = describeCell(controlRef, row, cell);
        return (
          <a
            key={day}
            className={`cov-link cov-dg-link cov-${cell.status}`}
            style={{ gridRow, gridColumn: day + 1 }}
            href={hrefFor(auditRoute(auditId, 'fieldwork', { view: 'evidence', controlId: row.controlId, slotId: cell.slot.id }))}
            title={description}
            aria-label={description}
            data-status={cell.status}
          >
            {STATUS_ABBREVIATIONS[cell.status]}
          </a>
        );
      })}
    </>
  );
}
