import type { KeyringEntry } from '../../shared/trust/keyring';
import { fingerprintOfKey } from '../../shared/trust/keyring';
import { db } from './db';
import { appendLog } from './log';
import { INSTALLATION_LOG } from './reviewer';

/**
 * The keyring (issue #11 §3): the keys whose sign-offs and bundles this installation counts.
 * Its own reviewer key is put in when the key is made; any other key only after a person
 * compared its fingerprint with its owner. Every change is in the installation's trail.
 */
export function listKeyring(): Promise<KeyringEntry[]> {
  return db.keyring.toArray();
}

export interface KeyToTrust {
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
  /** How it was confirmed, in words, kept with the key. */
  readonly how: string;
}

/** Adds a confirmed key (or renames one already there). The own key cannot be replaced this way. */
export async function trustKey(key: KeyToTrust, actor: string, source: 'confirmed' | 'sample' = 'confirmed', now: Date = new Date()): Promise<KeyringEntry> {
  const fingerprint = fingerprintOfKey(key.publicKey);
  if (fingerprint === null) throw new Error('That is not an Ed25519 public key (32 bytes, base64).');
  const name = key.name.trim();
  const role = key.role.trim();
  if (name.length > 120 || role.length > 120) throw new Error('Keep the name and role under 120 characters each.');
  const entry: KeyringEntry = { fingerprint, publicKey: key.publicKey, name, role, source, how: key.how, addedAt: now.toISOString(), addedBy: actor };
  await db.transaction('rw', db.keyring, db.log, async () => {
    const existing = await db.keyring.get(fingerprint);
    if (existing?.source === 'own') throw new Error('This is your own key: it is in the keyring already.');
    await db.keyring.put(entry);
    await appendLog(
      INSTALLATION_LOG,
      { actor, action: existing ? 'update' : 'create', target: `key:${fingerprint}`, details: { name, role, source, how: key.how } },
      now,
    );
  });
  return entry;
}

/** Stops trusting a key: its sign-offs show as "signed by an unknown key" from then on. */
export async function removeTrustedKey(fingerprint: string, actor: string): Promise<void> {
  await db.transaction('rw', db.keyring, db.log, async () => {
    const existing = await db.keyring.get(fingerprint);
    if (!existing) return;
    if (existing.source === 'own') throw new Error('Your own key stays in the keyring.');
    await db.keyring.delete(fingerprint);
    await appendLog(INSTALLATION_LOG, { actor, action: 'delete', target: `key:${fingerprint}`, details: { name: existing.name, role: existing.role } });
  });
}
