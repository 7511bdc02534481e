import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import type { OverdueRow } from '../../../shared/maintain/overdue';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { StatusTag } from './StatusTag';

/** How many slot labels a row names before it says "and N more". */
const NAMED = 3;

/** Controls with slots that ended without evidence: the same slots Coverage calls overdue. */
export function OverdueTable({ auditId, rows }: { readonly auditId: string; readonly rows: readonly OverdueRow[] }): React.JSX.Element {
  return (
    <div className="work-table-wrap">
      <table className="work-table overdue-table">
        <caption>Overdue slots</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Frequency</th>
            <th scope="col">Slots ended without evidence</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.controlId} className="overdue-row">
              <td>
                <a className="schedule-control" href={hrefFor(auditRoute(auditId, 'fieldwork', { controlId: row.controlId }))}>
                  <span className="cell-ref">{row.ref}</span> {row.title}
                </a>
              </td>
              <td>{FREQUENCY_LABELS[row.frequency]}</td>
              <td>
                {row.slots
                  .slice(0, NAMED)
                  .map((slot) => slot.label)
                  .join(', ')}
                {row.slots.length > NAMED && <span className="muted"> and {row.slots.length - NAMED} more</span>}
              </td>
              <td>
                <StatusTag tone="danger">{row.slots.length} overdue</StatusTag>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="work-table-empty">
                No slot has ended without evidence.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
