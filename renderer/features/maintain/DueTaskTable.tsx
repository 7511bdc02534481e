import type { ControlRecord, TaskRecord } from '../../../shared/domain/records';
import { DUE_STATUS_LABELS, describeDaysLeft } from '../../../shared/maintain/due';
import { TASK_STATUS_LABELS, type TaskDue } from '../../../shared/maintain/tasks';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { DUE_TONES } from './dueTone';
import { StatusTag } from './StatusTag';

export function DueTaskTable({
  auditId,
  due,
  controls,
}: {
  readonly auditId: string;
  readonly due: readonly TaskDue<TaskRecord>[];
  readonly controls: ReadonlyMap<string, ControlRecord>;
}): React.JSX.Element {
  return (
    <div className="work-table-wrap">
      <table className="work-table due-task-table">
        <caption>
          Open tasks due <a href={hrefFor(auditRoute(auditId, 'remediation'))}>All tasks in Remediation</a>
        </caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Kind</th>
            <th scope="col">Control</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {due.map(({ task, daysLeft, status }) => (
            <tr key={task.id}>
              <td className="cell-text">
                {task.title}
                <span className="cell-sub">{TASK_STATUS_LABELS[task.status]}</span>
              </td>
              <td>{task.kind === 'remediation' ? 'Remediation' : 'Maintenance'}</td>
              <td className="cell-ref">{(task.controlId !== null && controls.get(task.controlId)?.ref) || '—'}</td>
              <td>{task.owner || <span className="muted">not assigned</span>}</td>
              <td className="cell-date">
                {task.dueDate}
                <span className="cell-sub">{describeDaysLeft(daysLeft)}</span>
              </td>
              <td>
                <StatusTag tone={DUE_TONES[status]}>{DUE_STATUS_LABELS[status]}</StatusTag>
              </td>
            </tr>
          ))}
          {due.length === 0 && (
            <tr>
              <td colSpan={6} className="work-table-empty">
                No open task is due in the next 90 days.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
