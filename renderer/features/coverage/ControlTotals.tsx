import { OUTSIDE_WINDOW } from '../../../shared/coverage/coverage';
import type { ControlCoverage } from '../../../shared/coverage/coverage';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { itemCount } from './statusLabels';

/** A control's row total, and the flag for evidence that lies outside the audit window. */
export function ControlTotals({ auditId, row }: { readonly auditId: string; readonly row: ControlCoverage }): React.JSX.Element {
  const { totals } = row;
  const outsideHref = hrefFor(auditRoute(auditId, 'fieldwork', { view: 'evidence', controlId: row.controlId, slotId: OUTSIDE_WINDOW }));
  return (
    <td className="cov-totals">
      <span className="cov-total-main">
        {totals.due === 0 ? 'Not due yet' : `${totals.covered} / ${totals.due} due covered`}
      </span>
      {totals.overdue > 0 && <span className="cov-total-flag cov-text-overdue">{totals.overdue} overdue</span>}
      {totals.rejected > 0 && <span className="cov-total-flag cov-text-rejected">{totals.rejected} rejected</span>}
      {row.outside.length > 0 && (
        <a className="cov-total-flag cov-outside" href={outsideHref}>
          {itemCount(row.outside.length)} dated outside the audit window
        </a>
      )}
      {row.between.length > 0 && (
        <span className="cov-total-flag muted" title="A continuous control needs evidence at the start and the end of the period.">
          {itemCount(row.between.length)} from mid-period, not counted
        </span>
      )}
    </td>
  );
}
