import type { ControlRecord, TaskRecord } from '../../../shared/domain/records';
import { TASK_STATUS_LABELS, isTaskOverdue } from '../../../shared/maintain/tasks';
import { StatusTag } from '../maintain/StatusTag';
import { TASK_KIND_LABELS, TASK_STATUS_TONES } from './labels';

export function TaskTable({
  tasks,
  controls,
  today,
  selectedId,
  onSelect,
}: {
  readonly tasks: readonly TaskRecord[];
  readonly controls: ReadonlyMap<string, ControlRecord>;
  readonly today: string;
  readonly selectedId: string | null;
  readonly onSelect: (taskId: string) => void;
}): React.JSX.Element {
  return (
    <div className="work-table-wrap">
      <table className="work-table task-table">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Control</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Evidence of the fix</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const control = task.controlId === null ? undefined : controls.get(task.controlId);
            const overdue = isTaskOverdue(task, today);
            return (
              <tr key={task.id} className={task.id === selectedId ? 'task-row task-row-selected' : 'task-row'}>
                <td className="task-title-cell">
                  <button type="button" className="link-button task-open" onClick={() => onSelect(task.id)} aria-current={task.id === selectedId ? 'true' : undefined}>
                    {task.title}
                  </button>
                  <span className="cell-sub">{TASK_KIND_LABELS[task.kind]}</span>
                </td>
                <td className="cell-ref">{control?.ref ?? (task.controlId === null ? '—' : 'not in scope')}</td>
                <td>{task.owner || <span className="muted">not assigned</span>}</td>
                <td className="cell-date">
                  {task.dueDate ?? <span className="muted">no date</span>}
                  {overdue && (
                    <span className="cell-sub">
                      <StatusTag tone="danger">Overdue</StatusTag>
                    </span>
                  )}
                </td>
                <td>
                  <StatusTag tone={TASK_STATUS_TONES[task.status]}>{TASK_STATUS_LABELS[task.status]}</StatusTag>
                </td>
                <td>{task.evidenceIds.length === 0 ? <span className="muted">none yet</span> : `${task.evidenceIds.length} item${task.evidenceIds.length === 1 ? '' : 's'}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
