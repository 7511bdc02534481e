import { fingerprintOf } from '../signing/ed25519';
import { base64Bytes, hex } from './bytes';
import { ed25519Verify } from './ed25519';
import type { Check } from './report';
import { quoted } from './words';

/**
 * signature.json: the exporter's detached signature over tagmanifest-sha256.txt. It is the one
 * file no manifest covers, so it is checked for its own consistency: it holds nothing but the
 * signature and one key, and its raw key, its PEM and its fingerprint are that same key. A PEM
 * of another key would make the README's openssl steps "verify" with the wrong key.
 */

// DER prefix of an SPKI Ed25519 public key (RFC 8410 §4): what publicKeyPem wraps.
const SPKI_ED25519_PREFIX = '302a300506032b6570032100';
const FIELDS = ['algorithm', 'signedFile', 'signature', 'publicKey', 'publicKeyPem', 'keyFingerprint'];

export interface SignatureResult {
  readonly check: Check;
  /** The key that signed, when the signature verified. */
  readonly signer: { readonly fingerprint: string; readonly publicKey: string } | null;
}

export async function checkBagSignature(text: string | null, tagmanifest: Uint8Array | null): Promise<SignatureResult> {
  const title = 'Bag signature';
  const failed = (summary: string, problems: string[]): SignatureResult => ({
    check: { id: 'signature', title, status: 'fail', summary, problems, notes: [] },
    signer: null,
  });
  if (text === null) return failed('signature.json is missing: nothing ties the manifests to a key.', ['missing: signature.json']);
  let sig: unknown;
  try {
    sig = JSON.parse(text);
  } catch {
    return failed('signature.json is not JSON.', ['signature.json: not JSON']);
  }
  if (sig === null || typeof sig !== 'object' || Array.isArray(sig)) return failed('signature.json is not a JSON object.', ['signature.json: not a JSON object']);
  const s = sig as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if (!FIELDS.includes(key)) problems.push(`signature.json: unexpected field ${quoted(key)} (no manifest covers this file, so it may hold only the key and the signature)`);
  }
  if (s['algorithm'] !== 'Ed25519') problems.push(`signature.json: algorithm is ${quoted(s['algorithm'])}, expected "Ed25519"`);
  if (s['signedFile'] !== 'tagmanifest-sha256.txt') problems.push(`signature.json: signedFile is ${quoted(s['signedFile'])}, expected "tagmanifest-sha256.txt"`);
  const raw = base64Bytes(s['publicKey']);
  if (raw === null || raw.length !== 32) {
    problems.push('signature.json: publicKey is not a 32-byte Ed25519 key in base64');
    return failed('The bag signature is not valid.', problems);
  }
  const fingerprint = fingerprintOf(raw);
  if (s['keyFingerprint'] !== fingerprint) problems.push(`signature.json: keyFingerprint ${quoted(s['keyFingerprint'])} is not the fingerprint of its publicKey (${fingerprint})`);
  const pem = s['publicKeyPem'];
  const pemBody = typeof pem === 'string' ? /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PUBLIC KEY-----\r?\n?$/.exec(pem)?.[1] : undefined;
  const der = pemBody === undefined ? null : base64Bytes(pemBody);
  if (der === null) problems.push('signature.json: publicKeyPem is missing or not one PEM public key');
  else if (hex(der) !== SPKI_ED25519_PREFIX + hex(raw)) problems.push('signature.json: publicKeyPem is a different key than publicKey');
  const signature = base64Bytes(s['signature']);
  if (tagmanifest === null) problems.push('the signed file tagmanifest-sha256.txt is missing');
  else if (signature === null || !(await ed25519Verify(raw, signature, tagmanifest))) problems.push('signature.json: the signature does not verify over tagmanifest-sha256.txt');
  if (problems.length > 0) return failed('The bag signature is not valid.', problems);
  return {
    check: {
      id: 'signature',
      title,
      status: 'pass',
      summary: `Ed25519 signature over tagmanifest-sha256.txt verifies with key ${fingerprint}; its PEM is the same key.`,
      problems: [],
      notes: [],
    },
    signer: { fingerprint, publicKey: s['publicKey'] as string },
  };
}
