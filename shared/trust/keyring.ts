import { fingerprintOf, fromBase64 } from '../signing/ed25519';

/**
 * Trust in keys (DESIGN.md §4, issue #11 §3). A valid signature by an unknown key proves nothing:
 * anyone can re-hash and re-sign a bag. A key is trusted because a person confirmed it out of
 * band (its fingerprint read aloud, a key card handed over at the start of the engagement), and
 * the names shown next to a key come from that confirmation, never from the bag being checked.
 */

/** A key someone decided to trust, with the name they know it by. */
export interface TrustedKey {
  /** 16 groups of 4 hex digits, as fingerprintOf writes it. */
  readonly fingerprint: string;
  /** base64 raw public key, when known (a key card or a keyring entry; not a typed fingerprint). */
  readonly publicKey: string | null;
  readonly name: string | null;
  readonly role: string | null;
  /** Where the trust came from, for the report: 'key card alice.keycard.html', 'keyring', 'fingerprint given'. */
  readonly source: string;
}

export type KeyringSource = 'own' | 'confirmed' | 'sample';

/** A row of the app's keyring (Dexie table `keyring`). */
export interface KeyringEntry {
  readonly fingerprint: string;
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
  /** own: this installation's reviewer key; confirmed: compared by fingerprint; sample: the fictional reviewer of the built-in sample. */
  readonly source: KeyringSource;
  /** How it was confirmed, in words: 'key card', 'fingerprint compared on import of acme.zip'. */
  readonly how: string;
  readonly addedAt: string;
  readonly addedBy: string;
}

const FINGERPRINT = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/;

/**
 * A fingerprint as people type or paste it: any case, with or without spaces or colons, is
 * normalized to the form fingerprintOf writes. Null when it is not 64 hex digits.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.toLowerCase().replace(/[\s:.-]/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  return (hex.match(/.{4}/g) ?? []).join(' ');
}

export function isFingerprint(text: string): boolean {
  return FINGERPRINT.test(text);
}

/** The fingerprint of a base64 raw Ed25519 key, or null when it is not one. */
export function fingerprintOfKey(publicKey: string): string | null {
  try {
    const raw = fromBase64(publicKey);
    return raw.length === 32 ? fingerprintOf(raw) : null;
  } catch {
    return null;
  }
}

export function trustedFromKeyring(entries: readonly KeyringEntry[]): TrustedKey[] {
  return entries.map((e) => ({
    fingerprint: e.fingerprint,
    publicKey: e.publicKey,
    name: e.name,
    role: e.role,
    source: e.source === 'own' ? 'this installation\'s own key' : e.source === 'sample' ? 'the built-in sample (fictional reviewer)' : `keyring (${e.how})`,
  }));
}

/** "Dana Whitfield, IT Manager" for a trusted key, or null when it carries no name. */
export function nameOfTrusted(key: Pick<TrustedKey, 'name' | 'role'>): string | null {
  const parts = [key.name, key.role].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(', ');
}
