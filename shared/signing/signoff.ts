import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../log/chain';
import { fingerprintOf, fromBase64, signBytes, verifyBytes, type Key } from './ed25519';

/**
 * A reviewer's signed decision on one evidence item (DESIGN.md §4). The signature covers the
 * RFC 8785 canonical JSON of the payload, so anyone can re-serialize and check it.
 */
export interface SignoffPayload {
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

export type SignoffValidity = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/**
 * A sign-off counts only while all of this holds: it is about this item, the item's bytes are
 * still the ones that were approved, the key is the one the fingerprint names, and the
 * signature verifies. The first failure is the reason shown.
 */
export async function checkSignoff(
  record: SignoffRecord,
  evidence: { readonly id: string; readonly sha256: string } | undefined,
): Promise<SignoffValidity> {
  return signoffProblem(record, evidence) ?? ((await verifySignoffSignature(record)) ? VALID : BAD_SIGNATURE);
}

/** The signature alone: the one check that costs a verification. A sign-off never changes, so callers may remember it. */
export function verifySignoffSignature(record: SignoffRecord): Promise<boolean> {
  return verifyBytes(record.publicKey, record.signature, signoffMessage(record.payload));
}

/**
 * checkSignoff with the signature's verdict already known (verifySignoffSignature, verified once
 * and remembered): every other check still runs against the item as it is now.
 */
export function checkSignoffWith(
  record: SignoffRecord,
  evidence: { readonly id: string; readonly sha256: string } | undefined,
  signatureValid: boolean,
): SignoffValidity {
  return signoffProblem(record, evidence) ?? (signatureValid ? VALID : BAD_SIGNATURE);
}

const VALID: SignoffValidity = { valid: true };
const BAD_SIGNATURE: SignoffValidity = { valid: false, reason: 'the signature does not verify' };

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

/** Every check but the signature, in the order reasons are reported; null when all hold. */
function signoffProblem(record: SignoffRecord, evidence: { readonly id: string; readonly sha256: string } | undefined): SignoffValidity | null {
  if (!evidence) return { valid: false, reason: 'the evidence it signs no longer exists' };
  if (record.evidenceId !== evidence.id || record.payload.evidenceId !== evidence.id) {
    return { valid: false, reason: 'it was made for a different evidence item' };
  }
  if (record.payload.evidenceSha256 !== evidence.sha256) {
    return { valid: false, reason: 'the evidence hash no longer matches the one approved' };
  }
  const fingerprint = fingerprintOfBase64(record.publicKey);
  if (fingerprint === null) return { valid: false, reason: 'its public key is unreadable' };
  if (fingerprint !== record.payload.keyFingerprint) {
    return { valid: false, reason: 'its public key does not match the fingerprint it names' };
  }
  return null;
}
