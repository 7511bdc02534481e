import { useState } from 'react';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { saveReviewer } from '../../db/reviewer';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { useReviewer } from '../review/useReviewer';

const MAX = 120;

function problemOf(value: string, what: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return `Enter your ${what}.`;
  if (trimmed.length > MAX) return `Keep your ${what} to ${MAX} characters.`;
  return undefined;
}

/**
 * The reviewer's name and role, asked once on first run: the same identity (and key) as
 * Settings › Reviewer identity, where it can be changed later.
 */
export function WelcomeReviewer(): React.JSX.Element | null {
  const info = useSystemInfo();
  const reviewer = useReviewer();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (reviewer === undefined) return null;
  if (reviewer !== null) {
    return (
      <p className="welcome-reviewer-done" role="status">
        You sign off as <strong>{reviewer.name}</strong>, {reviewer.role}. You can change it in the <a href="#/settings">reviewer settings</a>.
      </p>
    );
  }

  const save = async (): Promise<void> => {
    setShowErrors(true);
    setError(null);
    if (problemOf(name, 'name') || problemOf(role, 'role')) return;
    setSaving(true);
    try {
      await saveReviewer(name, role, actorOf(info));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="welcome-reviewer"
      aria-labelledby="welcome-reviewer-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="welcome-reviewer-heading">Will you approve evidence on this computer?</h3>
      <p className="muted">
        Your name and role go on every sign-off you make, signed with a key made here. Only a reviewer needs this; you can also set it later
        under Reviewer &amp; key.
      </p>
      <div className="welcome-reviewer-fields">
        <Field label="Your name" error={showErrors ? problemOf(name, 'name') : undefined}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" placeholder="e.g. Dana Whitfield" />}
        </Field>
        <Field label="Role" error={showErrors ? problemOf(role, 'role') : undefined}>
          {(props) => <input {...props} value={role} onChange={(e) => setRole(e.target.value)} autoComplete="organization-title" placeholder="e.g. IT Manager" />}
        </Field>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Creating the key…' : 'Save name and role'}
        </button>
      </div>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
    </form>
  );
}
