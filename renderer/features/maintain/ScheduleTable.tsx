import type { ScheduleRow } from '../../../shared/maintain/schedule';
import { DUE_STATUS_LABELS, describeDaysLeft } from '../../../shared/maintain/due';
import { calendarDayIn } from '../../../shared/maintain/calendar';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import { DUE_TONES } from './dueTone';
import { StatusTag } from './StatusTag';

export function ScheduleTable({ auditId, rows, timeZone }: { readonly auditId: string; readonly rows: readonly ScheduleRow[]; readonly timeZone: string }): React.JSX.Element {
  return (
    <div className="work-table-wrap">
      <table className="work-table schedule-table">
        <caption>Evidence due</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Frequency</th>
            <th scope="col">Last evidence</th>
            <th scope="col">Next due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.controlId} className={`schedule-row schedule-row-${row.status}`}>
              <td>
                <a className="schedule-control" href={hrefFor(auditRoute(auditId, 'fieldwork', { controlId: row.controlId }))}>
                  <span className="cell-ref">{row.ref}</span> {row.title}
                </a>
              </td>
              <td>{FREQUENCY_LABELS[row.frequency]}</td>
              <td className="cell-date">{row.lastEvidence === null ? <span className="muted">never</span> : calendarDayIn(row.lastEvidence, timeZone)}</td>
              <td className="cell-date">
                {row.dueDay}
                <span className="cell-sub">{describeDaysLeft(row.daysLeft)}</span>
              </td>
              <td>
                <StatusTag tone={DUE_TONES[row.status]}>{DUE_STATUS_LABELS[row.status]}</StatusTag>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="work-table-empty">
                Nothing is due in the next 90 days.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
