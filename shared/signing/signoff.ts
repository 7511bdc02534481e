import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../log/chain';
import { fingerprintOf, fromBase64, signBytes, verifyBytes, type Key } from './ed25519';
import type { LogHead, SignoffSubject } from './subject';
import { subjectChanges } from './subject';

/**
 * A reviewer's signed decision on one evidence item (DESIGN.md §4). The signature covers the
 * RFC 8785 canonical JSON of the payload, so anyone can re-serialize and check it.
 *
 * Version 1 covers the file's hash and the control refs. Version 2 covers everything the
 * reviewer saw and decided on (the subject: hash, evidence date, slot per control, controls,
 * system-report facts) and commits to the audit trail's head at the moment of signing, so a
 * trail cut below it no longer agrees with the sign-off (issue #11 §4, issue #13).
 */
export interface SignoffPayloadV1 {
  readonly v: 1;
  readonly evidenceId: string;
  readonly evidenceSha256: string;
  readonly controlRefs: readonly string[];
  readonly decision: 'approved' | 'rejected';
  readonly comment: string;
  readonly reviewer: { readonly name: string; readonly role: string };
  /** UTC ISO instant. */
  readonly at: string;
  readonly keyFingerprint: string;
}

export interface SignoffPayloadV2 extends Omit<SignoffPayloadV1, 'v'>, SignoffSubject {
  readonly v: 2;
  /** The last entry of the audit's trail when the reviewer signed (seq 0 for an empty trail). */
  readonly logHead: LogHead;
}

export type SignoffPayload = SignoffPayloadV1 | SignoffPayloadV2;

export const SIGNOFF_PAYLOAD_VERSION = 2;

export interface SignoffRecord {
  readonly id: string;
  readonly auditId: string;
  readonly evidenceId: string;
  readonly payload: SignoffPayload;
  /** base64 Ed25519 signature over canonicalJson(payload). */
  readonly signature: string;
  /** base64 raw public key the signature verifies with. */
  readonly publicKey: string;
}

export function signoffMessage(payload: SignoffPayload): Uint8Array<ArrayBuffer> {
  return utf8ToBytes(canonicalJson(payload));
}

export async function signSignoff(privateKey: Key, payload: SignoffPayload): Promise<string> {
  return signBytes(privateKey, signoffMessage(payload));
}

/**
 * Why a sign-off does not count:
 * - invalid: it is not what was signed (signature, key, another item, other bytes): tampering.
 * - stale: it verifies, but what it decided on has changed since (the item was re-dated, moved
 *   to another control, its report facts edited): the item goes back to review.
 * - unknown-key: it verifies, but its key is not one this installation (or auditor) confirmed.
 * - withdrawn: it verifies, but the item was withdrawn from the audit: nothing about it counts.
 */
export type SignoffProblemKind = 'invalid' | 'stale' | 'unknown-key' | 'withdrawn';

export type SignoffValidity =
  | { readonly valid: true }
  | { readonly valid: false; readonly kind: SignoffProblemKind; readonly reason: string; readonly changed?: readonly string[] };

/** What a check needs of the item: its id and hash, and (for staleness) what a sign-off now would cover. */
export interface SignedItem {
  readonly id: string;
  readonly sha256: string;
}

/**
 * The cryptographic half: the sign-off is about this item, the item's bytes are the ones that
 * were signed, the key is the one the fingerprint names, and the signature verifies. A failure
 * here means the sign-off was altered or forged; the first failure is the reason shown.
 */
export async function verifySignoff(record: SignoffRecord, evidence: SignedItem | undefined): Promise<SignoffValidity> {
  return signoffProblem(record, evidence) ?? ((await verifySignoffSignature(record)) ? VALID : BAD_SIGNATURE);
}

/**
 * The signature alone, over the whole payload (v2: the subject and the trail head too): the one
 * check that costs a verification. Its verdict depends on the signature, the key and the signed
 * message only, so callers may remember it per exactly those (renderer/db/signatureVerdicts.ts).
 */
export function verifySignoffSignature(record: SignoffRecord): Promise<boolean> {
  return verifyBytes(record.publicKey, record.signature, signoffMessage(record.payload));
}

/**
 * verifySignoff with the signature's verdict already known (verifySignoffSignature, verified
 * once and remembered): every other check still runs against the item as it is now. Both are
 * this one function, so they cannot disagree.
 */
export function verifySignoffWith(record: SignoffRecord, evidence: SignedItem | undefined, signatureValid: boolean): SignoffValidity {
  return signoffProblem(record, evidence) ?? (signatureValid ? VALID : BAD_SIGNATURE);
}

const VALID: SignoffValidity = { valid: true };
const invalid = (reason: string): SignoffValidity => ({ valid: false, kind: 'invalid', reason });
const BAD_SIGNATURE = invalid('the signature does not verify');

/** Fingerprints by raw key: an audit's thousands of sign-offs come from a handful of keys. */
const fingerprints = new Map<string, string | null>();

function fingerprintOfBase64(publicKey: string): string | null {
  let fingerprint = fingerprints.get(publicKey);
  if (fingerprint === undefined) {
    try {
      fingerprint = fingerprintOf(fromBase64(publicKey));
    } catch {
      fingerprint = null;
    }
    // Keys come from imported bundles too: keep the memo bounded.
    if (fingerprints.size >= 256) fingerprints.clear();
    fingerprints.set(publicKey, fingerprint);
  }
  return fingerprint;
}

/** Every cryptographic-half check but the signature, in the order reasons are reported; null when all hold. */
function signoffProblem(record: SignoffRecord, evidence: SignedItem | undefined): SignoffValidity | null {
  if (!evidence) return invalid('the evidence it signs no longer exists');
  const payload = record.payload as Partial<Record<keyof SignoffPayloadV2, unknown>> | null;
  if (payload === null || typeof payload !== 'object' || (payload.v !== 1 && payload.v !== 2)) return invalid('it is not a sign-off this version can read');
  if (record.evidenceId !== evidence.id || payload.evidenceId !== evidence.id) return invalid('it was made for a different evidence item');
  if (payload.evidenceSha256 !== evidence.sha256) return invalid('the evidence hash no longer matches the one approved');
  const fingerprint = typeof record.publicKey === 'string' ? fingerprintOfBase64(record.publicKey) : null;
  if (fingerprint === null) return invalid('its public key is unreadable');
  if (fingerprint !== payload.keyFingerprint) return invalid('its public key does not match the fingerprint it names');
  return null;
}

/**
 * Whether what the sign-off covered is still what the item is. A v1 sign-off covered the hash
 * (checked above) and the control refs only: it is read as exactly that, never as having
 * approved a date or slot it did not name.
 */
export function signoffStaleness(payload: SignoffPayload, now: SignoffSubject): SignoffValidity {
  const changed = subjectChanges(payload, now);
  if (changed.length === 0) return { valid: true };
  return {
    valid: false,
    kind: 'stale',
    changed,
    reason: `the item changed since it was signed (${changed.join(', ')}): it needs a new review`,
  };
}

/** Both halves: a sign-off counts (before trust) only while it verifies and is not stale. */
export async function checkSignoff(record: SignoffRecord, evidence: SignedItem | undefined, subject: SignoffSubject | undefined): Promise<SignoffValidity> {
  const verified = await verifySignoff(record, evidence);
  if (!verified.valid || subject === undefined) return verified;
  return signoffStaleness(record.payload, subject);
}
