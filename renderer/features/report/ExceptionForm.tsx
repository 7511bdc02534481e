import { useState } from 'react';
import type { ControlRecord, ReportException } from '../../../shared/domain/records';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import type { ExceptionInput } from '../../db/report';

/** Adds an exception, or edits one when `exception` is given. */
export function ExceptionForm({
  exception,
  number,
  controls,
  onSave,
  onCancel,
}: {
  readonly exception: ReportException | null;
  /** The exception's number in the list, for the heading. */
  readonly number: number;
  /** All controls of the audit: an exception may concern a control retired since. */
  readonly controls: readonly ControlRecord[];
  readonly onSave: (input: ExceptionInput) => Promise<void>;
  readonly onCancel: () => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState<ExceptionInput>(() => ({
    controlId: exception?.controlId ?? null,
    description: exception?.description ?? '',
    managementResponse: exception?.managementResponse ?? '',
  }));
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const listed = controls.filter((c) => !c.retired || c.id === draft.controlId);

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    if (draft.description.trim() === '') {
      setError("Describe the exception as the auditor's report states it.");
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await onSave({ ...draft, description: draft.description.trim(), managementResponse: draft.managementResponse.trim() });
    } catch (e) {
      setFailure(`The exception was not saved: ${messageOf(e)}`);
      setSaving(false);
    }
  };

  const heading = exception === null ? 'Add an exception' : `Edit exception ${number}`;
  return (
    <form className="panel exception-form" onSubmit={(e) => void submit(e)} noValidate aria-label={heading}>
      <h4>{heading}</h4>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <Field label="Control" error={undefined}>
        {(props) => (
          <select {...props} value={draft.controlId ?? ''} onChange={(e) => setDraft({ ...draft, controlId: e.target.value === '' ? null : e.target.value })}>
            <option value="">Not tied to one control</option>
            {listed.map((c) => (
              <option key={c.id} value={c.id}>
                {c.ref} {c.title}
                {c.retired ? ' (retired)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field label="Auditor's description" error={error}>
          {(props) => (
            <textarea
              {...props}
              rows={4}
              value={draft.description}
              placeholder="As written in the report, e.g. “For 2 of 25 terminations sampled, access was removed after 5 days.”"
              onChange={(e) => {
                setDraft({ ...draft, description: e.target.value });
                setError(undefined);
              }}
            />
          )}
        </Field>
        <Field label="Management's response" error={undefined}>
          {(props) => (
            <textarea
              {...props}
              rows={4}
              value={draft.managementResponse}
              placeholder="What management did or will do about it. Leave empty if not written yet."
              onChange={(e) => setDraft({ ...draft, managementResponse: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {exception === null ? 'Add exception' : 'Save exception'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
