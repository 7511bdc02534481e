import { useState } from 'react';
import type { ControlRecord, ReadinessStatus } from '../../../shared/domain/records';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import { NotesCell } from './NotesCell';
import { READINESS_LABELS, READINESS_STATUSES } from './labels';

export function ReadinessRow({
  control,
  task,
  onStatus,
  onNotes,
  onCreateTask,
}: {
  readonly control: ControlRecord;
  /** The control's remediation tasks: any unfinished one, else done ones, else none; and where they are. */
  readonly task: { readonly state: 'open' | 'done'; readonly href: string } | null;
  readonly onStatus: (status: ReadinessStatus) => Promise<void>;
  readonly onNotes: (notes: string) => Promise<void>;
  readonly onCreateTask: () => Promise<void>;
}): React.JSX.Element {
  // A second click before the new task shows up would create a duplicate.
  const [creating, setCreating] = useState(false);
  const create = (): void => {
    setCreating(true);
    void onCreateTask().finally(() => setCreating(false));
  };
  return (
    <tr className={`readiness-row readiness-row-${control.readiness}`}>
      <td className="cell-ref">{control.ref}</td>
      <td className="readiness-control">
        <span className="readiness-title">{control.title}</span>
        <span className="cell-sub">
          {FREQUENCY_LABELS[control.frequency]} · {control.owner || 'no owner'}
        </span>
      </td>
      <td>
        <select
          className={`readiness-select readiness-select-${control.readiness}`}
          aria-label={`Status of ${control.ref}`}
          value={control.readiness}
          onChange={(e) => void onStatus(e.target.value as ReadinessStatus)}
        >
          {READINESS_STATUSES.map((status) => (
            <option key={status} value={status}>
              {READINESS_LABELS[status]}
            </option>
          ))}
        </select>
      </td>
      <td className="readiness-notes">
        <NotesCell label={`Notes for ${control.ref}`} value={control.readinessNotes} onSave={onNotes} />
      </td>
      <td className="readiness-action">
        {task?.state === 'open' ? (
          <a href={task.href}>Remediation task open</a>
        ) : task?.state === 'done' ? (
          <>
            <a href={task.href}>Remediation task done</a>
            {control.readiness === 'gap' && <span className="cell-sub">Mark it Ready if the fix holds.</span>}
          </>
        ) : control.readiness === 'gap' ? (
          <button type="button" className="button button-small" onClick={create} disabled={creating}>
            Create remediation task
          </button>
        ) : (
          <span className="muted" aria-label="No remediation task">
            —
          </span>
        )}
      </td>
    </tr>
  );
}
