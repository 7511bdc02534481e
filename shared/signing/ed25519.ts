import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Ed25519 through WebCrypto (both Chromium and Node have it). Public keys travel as raw 32-byte
 * keys in base64, and as SPKI PEM for `openssl pkeyutl -verify`; private keys never leave
 * IndexedDB (generated non-extractable).
 */
export const ED25519 = { name: 'Ed25519' } as const;

/** Key, named through crypto.subtle so the type resolves under both the DOM and Node libs. */
export type Key = Parameters<typeof crypto.subtle.sign>[1];

export interface ReviewerKeys {
  readonly privateKey: Key;
  readonly publicKey: Key;
  /** base64 of the raw 32-byte public key. */
  readonly publicKeyRaw: string;
  readonly fingerprint: string;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The key's fingerprint: SHA-256 of the raw public key, as 16 groups of 4 hex digits, so two
 * people can read it to each other over the phone and compare.
 */
export function fingerprintOf(publicKeyRaw: Uint8Array): string {
  return (bytesToHex(sha256(publicKeyRaw)).match(/.{4}/g) ?? []).join(' ');
}

export async function generateReviewerKeys(): Promise<ReviewerKeys> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as { privateKey: Key; publicKey: Key };
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicKeyRaw: toBase64(raw), fingerprint: fingerprintOf(raw) };
}

export async function importPublicKey(publicKeyRaw: string): Promise<Key> {
  const raw = fromBase64(publicKeyRaw);
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, ED25519, true, ['verify']);
}

export async function signBytes(privateKey: Key, data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, data)));
}

/**
 * Verifying keys by raw key: an audit's thousands of sign-offs come from a handful of keys, and
 * importing one per signature was half the cost of checking them. A failed import is forgotten.
 */
const verifyKeys = new Map<string, Promise<Key>>();

function verifyKey(publicKeyRaw: string): Promise<Key> {
  let key = verifyKeys.get(publicKeyRaw);
  if (!key) {
    // Keys come from imported bundles too: keep the memo bounded.
    if (verifyKeys.size >= 64) verifyKeys.clear();
    key = importPublicKey(publicKeyRaw);
    key.catch(() => verifyKeys.delete(publicKeyRaw));
    verifyKeys.set(publicKeyRaw, key);
  }
  return key;
}

export async function verifyBytes(publicKeyRaw: string, signature: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  let key: Key;
  let sig: Uint8Array<ArrayBuffer>;
  try {
    key = await verifyKey(publicKeyRaw);
    sig = fromBase64(signature);
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  return crypto.subtle.verify(ED25519, key, sig, data);
}

/** SPKI PEM of a raw Ed25519 key (RFC 8410 §4), for `openssl pkeyutl -verify -pubin`. */
export async function publicKeyPem(publicKeyRaw: string): Promise<string> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await importPublicKey(publicKeyRaw)));
  const body = (toBase64(spki).match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}
