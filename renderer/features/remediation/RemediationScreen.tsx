import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord, TaskRecord } from '../../../shared/domain/records';
import { isTaskOverdue } from '../../../shared/maintain/tasks';
import { listTasks } from '../../db/tasks';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import '../maintain/workTable.css';
import { todayIn } from '../maintain/today';
import type { TaskFilter } from './labels';
import { NewTaskForm } from './NewTaskForm';
import './remediation.css';
import { TaskDetail } from './TaskDetail';
import { TaskTable } from './TaskTable';

const FILTERS: readonly { readonly filter: TaskFilter; readonly label: string; readonly test: (t: TaskRecord, today: string) => boolean }[] = [
  { filter: 'all', label: 'All tasks', test: () => true },
  { filter: 'open', label: 'Open', test: (t) => t.status === 'open' },
  { filter: 'in-progress', label: 'In progress', test: (t) => t.status === 'in-progress' },
  { filter: 'overdue', label: 'Overdue', test: (t, today) => isTaskOverdue(t, today) },
  { filter: 'done', label: 'Done', test: (t) => t.status === 'done' },
];

export function RemediationScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const actor = actorOf(useSystemInfo());
  const tasks = useLiveQuery(() => listTasks(audit.id), [audit.id]);
  const [filter, setFilter] = useState<TaskFilter>('all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const today = todayIn(audit.timeZone);
  const byId = useMemo(() => new Map(controls.map((c) => [c.id, c])), [controls]);

  if (tasks === undefined) return <p className="muted">Loading tasks…</p>;

  const test = FILTERS.find((f) => f.filter === filter)?.test ?? (() => true);
  const shown = tasks.filter((t) => test(t, today));
  const selected = shown.find((t) => t.id === selectedId) ?? shown[0] ?? null;
  const gaps = controls.filter((c) => c.readiness === 'gap');
  const gapsWithoutTask = gaps.filter((c) => !tasks.some((t) => t.controlId === c.id));
  // A gap whose tasks are all done is probably closed: Readiness still says Gap until someone says otherwise.
  const gapsFixed = gaps.filter((c) => tasks.some((t) => t.controlId === c.id) && tasks.every((t) => t.controlId !== c.id || t.status === 'done'));
  const readinessHref = hrefFor(auditRoute(audit.id, 'readiness'));

  return (
    <section className="step-screen remediation" aria-labelledby="remediation-heading">
      <header className="step-screen-head">
        <div>
          <h2 id="remediation-heading">Remediation</h2>
          <p className="muted">
            Each gap becomes a task with an owner and a due date, and is closed with evidence of the fix. Overdue means past its due
            date in {audit.timeZone} and not done.
          </p>
        </div>
        {!creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New task
          </button>
        )}
      </header>
      {gapsWithoutTask.length > 0 && (
        <p className="remediation-hint">
          {gapsWithoutTask.length === 1 ? '1 gap has' : `${gapsWithoutTask.length} gaps have`} no task yet:{' '}
          {gapsWithoutTask.map((c) => c.ref).join(', ')}. Create tasks here or from the <a href={readinessHref}>Readiness</a> table.
        </p>
      )}
      {gapsFixed.length > 0 && (
        <p className="remediation-hint remediation-hint-done">
          All tasks of {gapsFixed.map((c) => c.ref).join(', ')} are done, but Readiness still shows {gapsFixed.length === 1 ? 'a gap' : 'gaps'}.
          If the fix holds, mark {gapsFixed.length === 1 ? 'it' : 'them'} Ready in <a href={readinessHref}>Readiness</a>.
        </p>
      )}
      {creating && (
        <NewTaskForm
          auditId={audit.id}
          controls={controls}
          actor={actor}
          onCreated={(task) => {
            setCreating(false);
            setFilter('all');
            setSelectedId(task.id);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {tasks.length === 0 ? (
        <div className="empty-inline">
          No tasks yet. Mark controls as Gap in <a href={readinessHref}>Readiness</a> and create a task
          for each, or add one with New task.
        </div>
      ) : (
        <>
          <div className="summary-tiles" role="group" aria-label="Filter tasks">
            {FILTERS.map(({ filter: f, label, test: match }) => (
              <button
                key={f}
                type="button"
                className={`summary-tile task-tile-${f}`}
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                <span className="summary-tile-count">{tasks.filter((t) => match(t, today)).length}</span>
                <span className="summary-tile-label">{label}</span>
              </button>
            ))}
          </div>
          {shown.length === 0 ? (
            <p className="empty-inline">No task matches this filter.</p>
          ) : (
            <TaskTable tasks={shown} controls={byId} today={today} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
          )}
          {selected && (
            <TaskDetail
              key={selected.id}
              audit={audit}
              task={selected}
              controls={controls}
              today={today}
              actor={actor}
              onDeleted={() => setSelectedId(null)}
            />
          )}
        </>
      )}
    </section>
  );
}
