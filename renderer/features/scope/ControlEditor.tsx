import { useEffect, useRef, useState } from 'react';
import type { ControlRecord } from '../../../shared/domain/records';
import { FREQUENCIES, type TscSeries } from '../../../shared/domain/types';
import { MAX_CONTROL_REF_CHARS } from '../../../shared/csv/controlsCsv';
import { validateControlInput, type ControlInput, type ControlInputErrors } from '../../../shared/scope/controls';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { addControl, updateControl } from '../../db/controls';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import { CriteriaPicker } from './CriteriaPicker';

const EMPTY: ControlInput = { ref: '', title: '', description: '', owner: '', frequency: 'quarterly', criteria: [] };

function inputOf(c: ControlRecord): ControlInput {
  return { ref: c.ref, title: c.title, description: c.description, owner: c.owner, frequency: c.frequency, criteria: c.criteria };
}

/**
 * Adds a control or edits one, in a modal dialog (the browser's own <dialog>: it traps focus and
 * closes on Escape). `editing` null means a new control.
 */
export function ControlEditor({
  auditId,
  categories,
  controls,
  editing,
  onClose,
  onSaved,
}: {
  readonly auditId: string;
  readonly categories: readonly TscSeries[];
  /** All the audit's controls, retired ones included: their refs are taken. */
  readonly controls: readonly ControlRecord[];
  readonly editing: ControlRecord | null;
  readonly onClose: () => void;
  readonly onSaved: (message: string) => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const dialog = useRef<HTMLDialogElement>(null);
  const [input, setInput] = useState<ControlInput>(() => (editing ? inputOf(editing) : EMPTY));
  const [errors, setErrors] = useState<ControlInputErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const set = <K extends keyof ControlInput>(key: K, value: ControlInput[K]): void => {
    setInput((prev) => ({ ...prev, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateControlInput(input, controls, editing?.id ?? null);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      if (editing) {
        await updateControl(editing.id, input, actorOf(info));
        onSaved(`Saved ${input.ref.trim()}.`);
      } else {
        await addControl(auditId, input, actorOf(info));
        onSaved(`Added ${input.ref.trim()}.`);
      }
    } catch (error) {
      setFailure(`The control was not saved: ${messageOf(error)}`);
      setSaving(false);
    }
  };

  const heading = editing ? `Edit ${editing.ref}` : 'Add a control';
  return (
    <dialog
      ref={dialog}
      className="control-editor"
      aria-labelledby="control-editor-heading"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <header className="control-editor-head">
          <h2 id="control-editor-heading">{heading}</h2>
          <button type="button" className="link-button" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="control-editor-body">
          {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
          <div className="control-editor-fields">
            <div className="control-editor-row">
              <Field label="Ref" error={errors.ref}>
                {(props) => (
                  <input
                    {...props}
                    value={input.ref}
                    maxLength={MAX_CONTROL_REF_CHARS * 2}
                    placeholder="AC-03"
                    autoFocus
                    onChange={(e) => set('ref', e.target.value)}
                  />
                )}
              </Field>
              <Field label="Title" error={errors.title}>
                {(props) => <input {...props} value={input.title} onChange={(e) => set('title', e.target.value)} />}
              </Field>
            </div>
            <Field label="Description" error={errors.description}>
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  value={input.description}
                  placeholder="What is done, by whom, and what evidence shows it."
                  onChange={(e) => set('description', e.target.value)}
                />
              )}
            </Field>
            <div className="field-row">
              <Field label="Owner" error={errors.owner}>
                {(props) => <input {...props} value={input.owner} placeholder="Team or person" onChange={(e) => set('owner', e.target.value)} />}
              </Field>
              <Field label="Frequency" error={errors.frequency}>
                {(props) => (
                  <select {...props} value={input.frequency} onChange={(e) => set('frequency', FREQUENCIES.find((f) => f === e.target.value) ?? input.frequency)}>
                    {FREQUENCIES.map((f) => (
                      <option key={f} value={f}>
                        {FREQUENCY_LABELS[f]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </div>
          <CriteriaPicker selected={input.criteria} categories={categories} error={errors.criteria} onChange={(c) => set('criteria', c)} />
        </div>
        <footer className="control-editor-foot">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : editing ? 'Save changes' : 'Add control'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
        </footer>
      </form>
    </dialog>
  );
}
