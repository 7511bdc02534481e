import { useState } from 'react';
import type { ControlRecord, TaskRecord } from '../../../shared/domain/records';
import { gapTaskTitle, validateTask, type TaskErrors } from '../../../shared/maintain/tasks';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { createTask } from '../../db/tasks';
import { ControlSelect } from './ControlSelect';
import { TASK_KIND_LABELS } from './labels';

interface Draft {
  readonly controlId: string | null;
  readonly kind: TaskRecord['kind'];
  readonly title: string;
  readonly owner: string;
  readonly dueDate: string;
}

const EMPTY: Draft = { controlId: null, kind: 'remediation', title: '', owner: '', dueDate: '' };

export function NewTaskForm({
  auditId,
  controls,
  actor,
  onCreated,
  onCancel,
}: {
  readonly auditId: string;
  readonly controls: readonly ControlRecord[];
  readonly actor: string;
  readonly onCreated: (task: TaskRecord) => void;
  readonly onCancel: () => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<TaskErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const chooseControl = (controlId: string | null): void => {
    const control = controls.find((c) => c.id === controlId);
    const previous = controls.find((c) => c.id === draft.controlId);
    // Prefill the title from a gap, but never overwrite a title the user typed.
    const untouched = draft.title === '' || (previous !== undefined && draft.title === gapTaskTitle(previous));
    setDraft({ ...draft, controlId, title: control && untouched ? gapTaskTitle(control) : draft.title });
    setErrors({});
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const dueDate = draft.dueDate === '' ? null : draft.dueDate;
    const found = validateTask({ title: draft.title, owner: draft.owner, dueDate, status: 'open', notes: '', evidenceIds: [] });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      const task = await createTask({ auditId, controlId: draft.controlId, kind: draft.kind, title: draft.title, owner: draft.owner, dueDate }, actor);
      setDraft(EMPTY);
      onCreated(task);
    } catch (error) {
      setFailure(`The task was not created: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel new-task" onSubmit={(e) => void submit(e)} aria-labelledby="new-task-heading" noValidate>
      <h3 id="new-task-heading">New task</h3>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <div className="new-task-grid">
        <Field label="Control" error={undefined}>
          {(props) => <ControlSelect {...props} controls={controls} value={draft.controlId} onChange={chooseControl} />}
        </Field>
        <Field label="Title" error={errors.title}>
          {(props) => <input {...props} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
        </Field>
        <Field label="Kind" error={undefined}>
          {(props) => (
            <select {...props} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as TaskRecord['kind'] })}>
              {(Object.keys(TASK_KIND_LABELS) as TaskRecord['kind'][]).map((kind) => (
                <option key={kind} value={kind}>
                  {TASK_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Owner" error={errors.owner}>
          {(props) => <input {...props} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />}
        </Field>
        <Field label="Due date" error={errors.dueDate}>
          {(props) => <input {...props} type="date" value={draft.dueDate} onChange={(e) => setDraft({ ...draft, dueDate: e.target.value })} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Create task
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
