import { useState } from 'react';
import { messageOf } from '../../bridge';
import type { Reviewer } from '../../db/reviewer';
import { saveReviewer } from '../../db/reviewer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { actorOf, useSystemInfo } from '../app/systemInfo';

const MAX = 120;

function problemOf(value: string, what: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return `Enter your ${what}.`;
  if (trimmed.length > MAX) return `Keep your ${what} to ${MAX} characters.`;
  return undefined;
}

export function ReviewerForm({ reviewer }: { readonly reviewer: Reviewer | null }): React.JSX.Element {
  const info = useSystemInfo();
  const [name, setName] = useState(reviewer?.name ?? '');
  const [role, setRole] = useState(reviewer?.role ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const nameError = showErrors ? problemOf(name, 'name') : undefined;
  const roleError = showErrors ? problemOf(role, 'role') : undefined;
  const dirty = name !== (reviewer?.name ?? '') || role !== (reviewer?.role ?? '');

  const save = async (): Promise<void> => {
    setShowErrors(true);
    setError(null);
    setSaved(false);
    if (problemOf(name, 'name') || problemOf(role, 'role')) return;
    setSaving(true);
    try {
      await saveReviewer(name, role, actorOf(info));
      setSaved(true);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel settings-reviewer" aria-labelledby="reviewer-heading">
      <h2 id="reviewer-heading">Reviewer identity</h2>
      <p className="muted settings-note">
        {reviewer
          ? 'Changing your name or role keeps the same key. Sign-offs made earlier keep the name they were signed with.'
          : 'Set this once. Saving it also makes the signing key for this computer.'}
      </p>
      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Your name" error={nameError}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" placeholder="e.g. Dana Whitfield" />}
        </Field>
        <Field label="Role" error={roleError}>
          {(props) => (
            <input {...props} value={role} onChange={(e) => setRole(e.target.value)} autoComplete="organization-title" placeholder="e.g. IT Manager" />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving || (reviewer !== null && !dirty)}>
            {reviewer ? 'Save changes' : 'Save and create key'}
          </button>
          <span className="settings-status" role="status">
            {saving ? (reviewer ? 'Saving…' : 'Creating the key…') : saved ? 'Saved.' : ''}
          </span>
        </div>
        {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      </form>
    </section>
  );
}
