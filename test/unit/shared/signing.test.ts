import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ED25519, fingerprintOf, fromBase64, generateReviewerKeys, publicKeyPem, signBytes, toBase64, verifyBytes } from '../../../shared/signing/ed25519';
import { verifySignoff, signSignoff, signoffMessage, type SignoffPayloadV1, type SignoffRecord } from '../../../shared/signing/signoff';

const hex = (h: string): Uint8Array<ArrayBuffer> => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));

// RFC 8032 §7.1, TEST 1 (empty message).
const RFC_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

async function signoff(overrides: Partial<SignoffPayloadV1> = {}): Promise<{ record: SignoffRecord; evidence: { id: string; sha256: string } }> {
  const keys = await generateReviewerKeys();
  const evidence = { id: 'ev-1', sha256: 'ab'.repeat(32) };
  const payload: SignoffPayloadV1 = {
    v: 1,
    evidenceId: evidence.id,
    evidenceSha256: evidence.sha256,
    controlRefs: ['AC-01'],
    decision: 'approved',
    comment: 'Q1 review complete — signed by the CISO ✓',
    reviewer: { name: 'Dana Reviewer', role: 'IT Manager' },
    at: '2026-04-02T10:00:00.000Z',
    keyFingerprint: keys.fingerprint,
    ...overrides,
  };
  const record: SignoffRecord = {
    id: 's-1',
    auditId: 'a-1',
    evidenceId: evidence.id,
    payload,
    signature: await signSignoff(keys.privateKey, payload),
    publicKey: keys.publicKeyRaw,
  };
  return { record, evidence };
}

describe('Ed25519 signing', () => {
  it('produces the RFC 8032 test vector signature', async () => {
    const pkcs8 = hex(`302e020100300506032b657004220420${RFC_SECRET}`);
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
    const signature = await signBytes(key, new Uint8Array(0));
    expect(Buffer.from(fromBase64(signature)).toString('hex')).toBe(RFC_SIGNATURE);
    expect(await verifyBytes(toBase64(hex(RFC_PUBLIC)), signature, new Uint8Array(0))).toBe(true);
  });

  it('makes a non-extractable private key and a fingerprint of 16 groups of four hex digits', async () => {
    const keys = await generateReviewerKeys();
    expect(keys.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
    expect(keys.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(fingerprintOf(fromBase64(keys.publicKeyRaw))).toBe(keys.fingerprint);
  });

  it('writes a public key PEM that stock openssl verifies a signature with', async () => {
    const keys = await generateReviewerKeys();
    const message = new TextEncoder().encode('tagmanifest contents\n');
    const signature = fromBase64(await signBytes(keys.privateKey, message));
    const dir = await mkdtemp(join(tmpdir(), 'pem-'));
    try {
      await writeFile(join(dir, 'key.pem'), await publicKeyPem(keys.publicKeyRaw));
      await writeFile(join(dir, 'msg'), message);
      await writeFile(join(dir, 'sig'), signature);
      const ok = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'msg', '-sigfile', 'sig'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(ok).toMatch(/Signature Verified Successfully/);
      await writeFile(join(dir, 'msg'), 'tagmanifest contents!\n');
      expect(() =>
        execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'msg', '-sigfile', 'sig'], { cwd: dir, stdio: 'pipe' }),
      ).toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects malformed keys and signatures instead of throwing', async () => {
    expect(await verifyBytes('not base64!!', 'AAAA', new Uint8Array(1))).toBe(false);
    expect(await verifyBytes(toBase64(new Uint8Array(31)), toBase64(new Uint8Array(64)), new Uint8Array(1))).toBe(false);
    expect(await verifyBytes(toBase64(hex(RFC_PUBLIC)), toBase64(new Uint8Array(63)), new Uint8Array(0))).toBe(false);
  });
});

describe('sign-offs', () => {
  it('signs the canonical JSON of the payload and verifies while nothing changed', async () => {
    const { record, evidence } = await signoff();
    expect(new TextDecoder().decode(signoffMessage(record.payload))).toMatch(/^\{"at":"2026-04-02T10:00:00.000Z","comment":/);
    expect(await verifySignoff(record, evidence)).toEqual({ valid: true });
  });

  it('is invalid once the evidence bytes changed, and says so', async () => {
    const { record, evidence } = await signoff();
    expect(await verifySignoff(record, { ...evidence, sha256: 'cd'.repeat(32) })).toEqual({
      valid: false,
      kind: 'invalid',
      reason: 'the evidence hash no longer matches the one approved',
    });
  });

  it('is invalid when the evidence is gone or is another item', async () => {
    const { record, evidence } = await signoff();
    expect(await verifySignoff(record, undefined)).toMatchObject({ valid: false, kind: 'invalid', reason: /no longer exists/ });
    expect(await verifySignoff(record, { ...evidence, id: 'ev-2' })).toMatchObject({ valid: false, kind: 'invalid', reason: /different evidence item/ });
  });

  it('is invalid when any signed field is edited', async () => {
    const { record, evidence } = await signoff();
    for (const payload of [
      { ...record.payload, comment: 'changed' },
      { ...record.payload, decision: 'rejected' as const },
      { ...record.payload, reviewer: { name: 'Mallory', role: 'IT Manager' } },
      { ...record.payload, at: '2026-04-03T10:00:00.000Z' },
      { ...record.payload, controlRefs: ['AC-02'] },
    ]) {
      expect(await verifySignoff({ ...record, payload }, evidence)).toEqual({ valid: false, kind: 'invalid', reason: 'the signature does not verify' });
    }
  });

  it('is invalid when signatures are swapped between two sign-offs', async () => {
    const a = await signoff();
    const b = await signoff({ comment: 'second' });
    expect(await verifySignoff({ ...a.record, signature: b.record.signature }, a.evidence)).toMatchObject({ valid: false });
  });

  it('is invalid when the key is replaced, even with a fresh valid signature by another key', async () => {
    const { record, evidence } = await signoff();
    const other = await generateReviewerKeys();
    const forged = { ...record, publicKey: other.publicKeyRaw, signature: await signSignoff(other.privateKey, record.payload) };
    expect(await verifySignoff(forged, evidence)).toEqual({ valid: false, kind: 'invalid', reason: 'its public key does not match the fingerprint it names' });
  });
});
