import { useReviewer } from '../review/useReviewer';
import { KeyCardPanel } from './KeyCardPanel';
import { KeyPanel } from './KeyPanel';
import { KeyringPanel } from './KeyringPanel';
import { ReviewerForm } from './ReviewerForm';
import './settings.css';

/** #/settings: who signs off on this installation, and the key that signs. */
export function SettingsPage(): React.JSX.Element {
  const reviewer = useReviewer();
  if (reviewer === undefined) return <p className="muted">Loading settings…</p>;
  return (
    <div className="settings">
      <a className="back-link" href="#/">
        ← All audits
      </a>
      <h1>Reviewer, signing key and keyring</h1>
      <p className="settings-lead muted">
        A reviewer approves or rejects evidence. Each decision carries the name and role below and is signed with this computer&apos;s key.
      </p>
      <div className="settings-grid">
        <ReviewerForm key={reviewer ? 'existing' : 'new'} reviewer={reviewer} />
        {reviewer ? (
          <KeyPanel reviewer={reviewer} />
        ) : (
          <section className="panel settings-key settings-key-empty" aria-labelledby="key-heading">
            <h2 id="key-heading">Signing key</h2>
            <p className="muted">No key yet. It is made on this computer when you save your name and role, and is kept here.</p>
          </section>
        )}
      </div>
      {reviewer && <KeyCardPanel reviewer={reviewer} />}
      <KeyringPanel />
    </div>
  );
}
