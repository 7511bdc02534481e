import { ScrollArea } from '../../components/ScrollArea';
import { ControlTotals } from './ControlTotals';
import { CoverageRow } from './CoverageRow';
import type { CoverageEntry } from './CoverageSection';
import { DayGrid } from './DayGrid';

/** Height of a daily row not drawn yet (px): a header and twelve or thirteen months of 18 px. */
const DAILY_ROW_HEIGHT = 250;

/** Daily controls: one row each, its days laid out as a month-by-day grid. */
export function DailySection({ auditId, entries }: { readonly auditId: string; readonly entries: readonly CoverageEntry[] }): React.JSX.Element {
  const days = entries[0]?.row.cells.length ?? 0;
  return (
    <section className="cov-section" aria-labelledby="cov-section-daily">
      <h2 id="cov-section-daily" className="cov-section-title">
        Daily <span className="muted">· {entries.length === 1 ? '1 control' : `${entries.length} controls`} · {days} days each, by month</span>
      </h2>
      <ScrollArea label="Daily slots">
        <table className="cov-table cov-daily" aria-labelledby="cov-section-daily">
          <thead>
            <tr>
              <th scope="col" className="cov-control">
                Control
              </th>
              <th scope="col" className="cov-totals">
                Totals
              </th>
              <th scope="col">Days</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(({ control, row }) => (
              <CoverageRow key={control.id} auditId={auditId} control={control} estimate={DAILY_ROW_HEIGHT} span={2}>
                {() => (
                  <>
                    <ControlTotals auditId={auditId} row={row} />
                    <td className="cov-daycell">
                      <DayGrid auditId={auditId} controlRef={control.ref} row={row} />
                    </td>
                  </>
                )}
              </CoverageRow>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}
