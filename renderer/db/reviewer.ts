import { generateReviewerKeys, type Key } from '../../shared/signing/ed25519';
import { db } from './db';
import { appendLog } from './log';

/**
 * The reviewer of this installation: a name and role, and an Ed25519 key pair made once. The
 * private key is a non-extractable CryptoKey stored as is in IndexedDB: it can sign here and
 * can never be read out, copied into a bundle, or exported by the app.
 */
export interface Reviewer {
  readonly name: string;
  readonly role: string;
  readonly privateKey: Key;
  readonly publicKey: Key;
  /** base64 of the raw 32-byte public key. */
  readonly publicKeyRaw: string;
  readonly fingerprint: string;
  readonly createdAt: string;
}

const KEY = 'reviewer';
/** Log entries that belong to no audit (the reviewer's identity) chain under this id. */
export const INSTALLATION_LOG = '';

export async function getReviewer(): Promise<Reviewer | undefined> {
  const row = await db.settings.get(KEY);
  return row?.value as Reviewer | undefined;
}

/** Sets name and role; the key pair is made the first time and kept after that. */
export async function saveReviewer(name: string, role: string, actor: string): Promise<Reviewer> {
  const trimmedName = name.trim();
  const trimmedRole = role.trim();
  if (trimmedName === '' || trimmedName.length > 120) throw new Error('Enter your name (at most 120 characters).');
  if (trimmedRole === '' || trimmedRole.length > 120) throw new Error('Enter your role (at most 120 characters).');
  const existing = await getReviewer();
  // Key generation awaits WebCrypto, so it happens before the transaction opens.
  const keys = existing ?? { ...(await generateReviewerKeys()), createdAt: new Date().toISOString() };
  const reviewer: Reviewer = { ...keys, name: trimmedName, role: trimmedRole };
  await db.transaction('rw', db.settings, db.keyring, db.log, async () => {
    await db.settings.put({ key: KEY, value: reviewer });
    // The own key is trusted by construction; its name follows the reviewer's.
    await db.keyring.put({
      fingerprint: reviewer.fingerprint,
      publicKey: reviewer.publicKeyRaw,
      name: reviewer.name,
      role: reviewer.role,
      source: 'own',
      how: 'made on this computer',
      addedAt: reviewer.createdAt,
      addedBy: actor,
    });
    await appendLog(INSTALLATION_LOG, {
      actor,
      action: existing ? 'update' : 'create',
      target: 'reviewer',
      details: { name: reviewer.name, role: reviewer.role, keyFingerprint: reviewer.fingerprint },
    });
  });
  return reviewer;
}
