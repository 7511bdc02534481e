import { useState } from 'react';
import { TASK_STATUSES, type AuditRecord, type ControlRecord, type TaskRecord, type TaskStatus } from '../../../shared/domain/records';
import { TASK_STATUS_LABELS, isTaskOverdue, validateTask, type TaskErrors } from '../../../shared/maintain/tasks';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { deleteTask, linkEvidenceToTask, updateTask } from '../../db/tasks';
import { StatusTag } from '../maintain/StatusTag';
import { ControlSelect } from './ControlSelect';
import { TASK_KIND_LABELS, TASK_STATUS_TONES } from './labels';
import { TaskEvidence } from './TaskEvidence';

interface Draft {
  readonly title: string;
  readonly controlId: string | null;
  readonly owner: string;
  readonly dueDate: string;
  readonly status: TaskStatus;
  readonly notes: string;
}

function draftOf(task: TaskRecord): Draft {
  return { title: task.title, controlId: task.controlId, owner: task.owner, dueDate: task.dueDate ?? '', status: task.status, notes: task.notes };
}

/** One task: its fields (saved together, one log entry) and its evidence of the fix. Keyed by task id. */
export function TaskDetail({
  audit,
  task,
  controls,
  today,
  actor,
  onDeleted,
}: {
  readonly audit: AuditRecord;
  readonly task: TaskRecord;
  /** The audit's active controls. */
  readonly controls: readonly ControlRecord[];
  readonly today: string;
  readonly actor: string;
  readonly onDeleted: () => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const [errors, setErrors] = useState<TaskErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const saved = draftOf(task);
  const dirty = (Object.keys(draft) as (keyof Draft)[]).some((key) => draft[key] !== saved[key]);
  const control = controls.find((c) => c.id === task.controlId) ?? null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors({});
    setNotice(null);
  };

  const save = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const patch = { ...draft, dueDate: draft.dueDate === '' ? null : draft.dueDate };
    const found = validateTask({ ...patch, evidenceIds: task.evidenceIds });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      await updateTask(task.id, patch, actor);
      // The database trims; so does the draft, or it would still read as changed.
      setDraft({ ...draft, title: draft.title.trim(), owner: draft.owner.trim() });
      setNotice('Saved.');
    } catch (error) {
      setFailure(`The task was not saved: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const link = (ids: string[]): void => {
    setFailure(null);
    linkEvidenceToTask(task.id, ids, actor).catch((error: unknown) =>
      setFailure(`The evidence was stored for ${control?.ref ?? 'the control'} but not linked to this task: ${messageOf(error)}`),
    );
  };

  const remove = async (): Promise<void> => {
    try {
      await deleteTask(task.id, actor);
      onDeleted();
    } catch (error) {
      setFailure(messageOf(error));
      setConfirmDelete(false);
    }
  };

  const doneNeedsProof = draft.status === 'done' && task.evidenceIds.length === 0 && draft.notes.trim() === '';

  return (
    <section className="panel task-detail" aria-labelledby="task-heading">
      <header className="task-detail-head">
        <div>
          <p className="muted task-detail-kind">
            {TASK_KIND_LABELS[task.kind]} task{control && ` · ${control.ref} ${control.title}`}
          </p>
          <h3 id="task-heading">{task.title}</h3>
        </div>
        <div className="task-detail-tags">
          {isTaskOverdue(task, today) && <StatusTag tone="danger">Overdue</StatusTag>}
          <StatusTag tone={TASK_STATUS_TONES[task.status]}>{TASK_STATUS_LABELS[task.status]}</StatusTag>
        </div>
      </header>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <div className="task-detail-body">
        <form className="task-form" onSubmit={(e) => void save(e)} noValidate aria-label="Task details">
          <Field label="Title" error={errors.title}>
            {(props) => <input {...props} value={draft.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <Field label="Control" error={undefined}>
            {(props) => <ControlSelect {...props} controls={controls} value={draft.controlId} onChange={(id) => set('controlId', id)} />}
          </Field>
          <div className="field-row">
            <Field label="Owner" error={errors.owner}>
              {(props) => <input {...props} value={draft.owner} onChange={(e) => set('owner', e.target.value)} placeholder="Who closes this gap" />}
            </Field>
            <Field label="Due date" error={errors.dueDate}>
              {(props) => <input {...props} type="date" value={draft.dueDate} onChange={(e) => set('dueDate', e.target.value)} />}
            </Field>
          </div>
          <Field label="Status" error={errors.status}>
            {(props) => (
              <select {...props} value={draft.status} onChange={(e) => set('status', e.target.value as TaskStatus)}>
                {TASK_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {TASK_STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className={doneNeedsProof ? 'field-hint field-hint-warn' : 'field-hint'}>
            A task can be marked done once it has evidence of the fix, or a note that explains how the gap was closed.
          </p>
          <Field label="Notes" error={undefined}>
            {(props) => (
              <textarea {...props} rows={4} value={draft.notes} onChange={(e) => set('notes', e.target.value)} placeholder="What was done, decisions, links to tickets…" />
            )}
          </Field>
          <div className="form-actions task-form-actions">
            <button type="submit" className="button button-primary" disabled={saving || !dirty}>
              Save task
            </button>
            {dirty && (
              <button type="button" className="button" onClick={() => setDraft(saved)}>
                Discard changes
              </button>
            )}
            <span className="saved-note" role="status">
              {saving ? 'Saving…' : dirty ? 'Unsaved changes' : notice}
            </span>
            <span className="task-form-spacer" />
            {task.evidenceIds.length === 0 &&
              (confirmDelete ? (
                <span className="task-delete-confirm">
                  Delete this task?
                  <button type="button" className="button button-small button-danger" onClick={() => void remove()}>
                    Delete
                  </button>
                  <button type="button" className="button button-small" onClick={() => setConfirmDelete(false)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="button button-small button-danger" onClick={() => setConfirmDelete(true)}>
                  Delete task
                </button>
              ))}
          </div>
        </form>
        <TaskEvidence audit={audit} task={task} control={control} onLink={link} />
      </div>
    </section>
  );
}
