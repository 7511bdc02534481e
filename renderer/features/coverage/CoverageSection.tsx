import type { ControlCoverage } from '../../../shared/coverage/coverage';
import type { ControlRecord } from '../../../shared/domain/records';
import { ScrollArea } from '../../components/ScrollArea';
import { ControlTotals } from './ControlTotals';
import { CoverageCell } from './CoverageCell';
import { CoverageRow } from './CoverageRow';
import { slotHeading } from './statusLabels';

export interface CoverageEntry {
  readonly control: ControlRecord;
  readonly row: ControlCoverage;
}

/** Up to this many slots a cell has room for a word; beyond it (weeks, long periods) a letter. */
const FULL_LABEL_SLOTS = 13;
/** Heights of rows not drawn yet (px): a two-line title beside 40 px or 26 px cells. */
const ROW_HEIGHT = 50;
const ROW_HEIGHT_COMPACT = 40;

/**
 * One group of controls that share their slots (one frequency), as its own table with its own
 * slot header row, so a quarterly control is never stretched over monthly columns. Totals come
 * right after the control, so they stay in view when 53 weeks scroll sideways.
 */
export function CoverageSection({
  id,
  auditId,
  title,
  entries,
}: {
  readonly id: string;
  readonly auditId: string;
  readonly title: string;
  readonly entries: readonly CoverageEntry[];
}): React.JSX.Element {
  const slots = entries[0]?.row.cells.map((cell) => cell.slot) ?? [];
  const compact = slots.length > FULL_LABEL_SLOTS;
  const headingId = `cov-section-${id}`;
  return (
    <section className="cov-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="cov-section-title">
        {title} <span className="muted">· {entries.length === 1 ? '1 control' : `${entries.length} controls`} · {slots.length === 1 ? '1 slot' : `${slots.length} slots`} each</span>
      </h2>
      <ScrollArea label={`${title} slots`}>
        <table className={compact ? 'cov-table cov-compact' : 'cov-table'} aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className="cov-control">
                Control
              </th>
              <th scope="col" className="cov-totals">
                Totals
              </th>
              {slots.map((slot) => {
                const heading = slotHeading(slot);
                return (
                  <th key={slot.id} scope="col" className="cov-slot-head" title={slot.partial ? `${slot.label} (partial)` : slot.label}>
                    <span className="cov-head-main">{heading.main}</span>
                    {heading.sub !== null && !compact && <span className="cov-head-sub">{heading.sub}</span>}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {entries.map(({ control, row }) => (
              <CoverageRow key={control.id} auditId={auditId} control={control} estimate={compact ? ROW_HEIGHT_COMPACT : ROW_HEIGHT} span={slots.length + 1}>
                {() => (
                  <>
                    <ControlTotals auditId={auditId} row={row} />
                    {row.cells.map((cell) => (
                      <CoverageCell key={cell.slot.id} auditId={auditId} controlRef={control.ref} row={row} cell={cell} compact={compact} />
                    ))}
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
