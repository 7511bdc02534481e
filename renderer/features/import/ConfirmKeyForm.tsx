import { useState } from 'react';
import { readKeyCard } from '../../../shared/trust/keycard';
import { messageOf } from '../../bridge';

/**
 * Confirming a key by its fingerprint: the person compares it with its owner out of band, and
 * says whose it is. The name is typed here (or read from the owner's key card), never taken from
 * the bundle. A key card for another key is refused.
 */
export function ConfirmKeyForm({
  fingerprint,
  onConfirm,
}: {
  readonly fingerprint: string;
  readonly onConfirm: (who: { name: string; role: string; how: string }) => Promise<void>;
}): React.JSX.Element {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [compared, setCompared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async (who: { name: string; role: string; how: string }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(who);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const loadCard = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      const card = await readKeyCard(await file.text());
      if (card.fingerprint !== fingerprint) {
        setError(`That key card is for another key (${card.fingerprint}): it does not confirm this one.`);
        return;
      }
      await confirm({ name: card.name, role: card.role, how: `key card ${file.name}` });
    } catch (e) {
      setError(`${file.name}: ${messageOf(e)}`);
    }
  };

  return (
    <form
      className="confirm-key"
      aria-label="Confirm this key"
      onSubmit={(e) => {
        e.preventDefault();
        void confirm({ name, role, how: 'fingerprint compared with its owner on import' });
      }}
    >
      <div className="confirm-key-fields">
        <label>
          <span>Whose key is it?</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="The name you know them by" />
        </label>
        <label>
          <span>Role</span>
          <input value={role} onChange={(e) => setRole(e.target.value)} maxLength={120} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} /> I compared this fingerprint with them, group by group, by
        phone or in person
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !compared || name.trim() === ''}>
          Confirm key and add to keyring
        </button>
        <label className="button confirm-key-card">
          Use their key card…
          <input type="file" accept=".html,.json" hidden onChange={(e) => void loadCard(e.target.files?.[0])} aria-label="Key card" />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
