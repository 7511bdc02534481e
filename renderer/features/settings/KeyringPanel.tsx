import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { visibleName } from '../../../shared/files/visibleName';
import { formatUtc } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { listKeyring, removeTrustedKey } from '../../db/keyring';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { AddKeyForm } from './AddKeyForm';

const SOURCE_LABELS = { own: 'This computer', confirmed: 'Confirmed', sample: 'Built-in sample' } as const;

/**
 * The keyring (issue #11 §3, DESIGN.md §4): whose sign-offs and bundles this installation
 * counts. A key is trusted because someone compared its fingerprint with its owner; a signature
 * by any other key shows as "signed by an unknown key" and never counts as an approval.
 */
export function KeyringPanel(): React.JSX.Element {
  const info = useSystemInfo();
  const keys = useLiveQuery(listKeyring, [], []);
  const [error, setError] = useState<string | null>(null);
  const ordered = [...keys].sort((a, b) => (a.source === 'own' ? -1 : b.source === 'own' ? 1 : a.name.localeCompare(b.name)));
  return (
    <section className="panel settings-keyring" aria-labelledby="keyring-heading">
      <h2 id="keyring-heading">Keyring: whose sign-offs count here</h2>
      <p className="settings-lead">
        A signature proves that a sign-off or a bundle came from one key and was not changed since. It does not prove who holds the key: anyone
        can make a key and type any name. So only keys in this list count. Add a teammate&apos;s key after comparing its fingerprint with them,
        on a call or in person; a sign-off by any other key is shown as <em>signed by an unknown key</em> and never counts as an approval.
      </p>
      <table className="keyring-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">How it was confirmed</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((k) => (
            <tr key={k.fingerprint}>
              <td>
                <strong>{visibleName(k.name) || '—'}</strong>
                {k.role && <div className="muted">{visibleName(k.role)}</div>}
                <span className={`pill keyring-source keyring-${k.source}`}>{SOURCE_LABELS[k.source]}</span>
              </td>
              <td>
                <code className="keyring-fingerprint">{k.fingerprint}</code>
              </td>
              <td>{visibleName(k.how)}</td>
              <td>{formatUtc(k.addedAt)}</td>
              <td>
                {k.source !== 'own' && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${k.name} from the keyring`}
                    onClick={() => void removeTrustedKey(k.fingerprint, actorOf(info)).catch((e: unknown) => setError(messageOf(e)))}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
          {ordered.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No keys yet: your own is added when you save your name and role.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <AddKeyForm />
    </section>
  );
}
