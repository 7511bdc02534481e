import type { CellCoverage, ControlCoverage } from '../../../shared/coverage/coverage';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { describeCell, itemCount, STATUS_ABBREVIATIONS, STATUS_LABELS } from './statusLabels';

/**
 * One slot of one control: coloured and labelled (never colour alone), and a link to the
 * evidence browser narrowed to exactly that control and slot.
 */
export function CoverageCell({
  auditId,
  controlRef,
  row,
  cell,
  compact,
}: {
  readonly auditId: string;
  readonly controlRef: string;
  readonly row: ControlCoverage;
  readonly cell: CellCoverage;
  readonly compact: boolean;
}): React.JSX.Element {
  const description = describeCell(controlRef, row, cell);
  const href = hrefFor(auditRoute(auditId, 'fieldwork', { view: 'evidence', controlId: row.controlId, slotId: cell.slot.id }));
  const count = cell.evidenceIds.length;
  return (
    <td className="cov-cell">
      <a className={`cov-link cov-${cell.status}`} href={href} title={description} aria-label={description} data-status={cell.status}>
        {compact ? (
          // The letter alone, styled by .cov-compact: a week of 53 columns draws one element less per cell.
          STATUS_ABBREVIATIONS[cell.status]
        ) : row.population !== null ? (
          <>
            <span className="cov-count">{itemCount(count)}</span>
            <span className="cov-status">{STATUS_LABELS[cell.status]}</span>
          </>
        ) : (
          <>
            <span className="cov-status">{STATUS_LABELS[cell.status]}</span>
            {/* A space, so that the visible text reads as the name says (axe label-content-name-mismatch). */}
            {count > 0 && <> <span className="cov-count">{itemCount(count)}</span></>}
          </>
        )}
      </a>
    </td>
  );
}
