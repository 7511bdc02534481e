import { useState } from 'react';
import { readKeyCard } from '../../../shared/trust/keycard';
import { fingerprintOfKey } from '../../../shared/trust/keyring';
import { messageOf } from '../../bridge';
import { trustKey } from '../../db/keyring';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { Fingerprint } from './Fingerprint';

/**
 * Adds a teammate's key to the keyring: from their key card, or from their public key pasted
 * here. Either way the fingerprint is shown, and the key is added only once the user says they
 * compared it with its owner; the name is the one the user knows them by.
 */
export function AddKeyForm(): React.JSX.Element {
  const info = useSystemInfo();
  const [publicKey, setPublicKey] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [how, setHow] = useState('fingerprint compared with its owner');
  const [compared, setCompared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const fingerprint = publicKey.trim() === '' ? null : fingerprintOfKey(publicKey.trim());

  const loadCard = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setError(null);
    try {
      const card = await readKeyCard(await file.text());
      setPublicKey(card.publicKey);
      setName(card.name);
      setRole(card.role);
      setHow(`key card ${file.name}, fingerprint compared with its owner`);
    } catch (e) {
      setError(`${file.name}: ${messageOf(e)}`);
    }
  };

  const add = async (): Promise<void> => {
    setError(null);
    try {
      const entry = await trustKey({ publicKey: publicKey.trim(), name, role, how }, actorOf(info));
      setAdded(`${entry.name} added to the keyring.`);
      setPublicKey('');
      setName('');
      setRole('');
      setCompared(false);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <form
      className="add-key"
      aria-label="Add a key to the keyring"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3>Add a key</h3>
      <div className="add-key-source">
        <label className="button">
          Load a key card…
          <input type="file" accept=".html,.json" hidden aria-label="Key card file" onChange={(e) => void loadCard(e.target.files?.[0])} />
        </label>
        <span className="muted">or paste the public key (base64):</span>
        <input className="add-key-public" value={publicKey} onChange={(e) => setPublicKey(e.target.value)} aria-label="Public key" spellCheck={false} />
      </div>
      {publicKey.trim() !== '' && fingerprint === null && <p className="field-error">That is not an Ed25519 public key (44 characters of base64).</p>}
      {fingerprint && (
        <>
          <p className="settings-key-label">Its fingerprint: compare it with its owner, group by group</p>
          <Fingerprint value={fingerprint} />
          <div className="add-key-fields">
            <label>
              <span>Name</span>
              <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
            </label>
            <label>
              <span>Role</span>
              <input value={role} onChange={(e) => setRole(e.target.value)} maxLength={120} />
            </label>
          </div>
          <label className="check">
            <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} /> I compared this fingerprint with its owner, by phone
            or in person
          </label>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={!compared || name.trim() === ''}>
              Add to keyring
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="settings-status" role="status">
          {added}
        </p>
      )}
    </form>
  );
}
