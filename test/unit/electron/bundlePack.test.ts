import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleAudit, type SampleAudit } from '../../../electron/main/bundle/sample';
import { packDraft, planBundle, stagePlan, withPackedSignature, withSignature, type BagSignature } from '../../../shared/bundle/plan';
import { computeReviewStates, reviewContextFor } from '../../../shared/review/reviewState';
import { publicKeyPem, signBytes } from '../../../shared/signing/ed25519';

/**
 * The renderer plans in a worker and gets back a packed draft (bytes, no text), which it signs
 * and stages; main's sample and the bench stage the draft itself. Both must name the same bytes.
 */
let sample: SampleAudit;

beforeAll(async () => {
  sample = await buildSampleAudit();
});

afterAll(async () => {
  await rm(sample.store.root, { recursive: true, force: true });
});

describe('a packed draft', () => {
  it('stages the same files, byte for byte, as the draft it was packed from, signature.json included', async () => {
    const { input, keys } = sample;
    const unsigned = await planBundle({
      ...input,
      reviewStates: await computeReviewStates(input.evidence, input.signoffs, reviewContextFor(input.audit, input.controls, [keys.fingerprint])),
      selection: { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: true },
      generatedAt: '2026-11-20T15:00:00.000Z',
      appVersion: 'test',
      exporter: { fingerprint: keys.fingerprint, publicKey: keys.publicKeyRaw, ...sample.reviewer },
    });
    const signature: BagSignature = {
      algorithm: 'Ed25519',
      signedFile: 'tagmanifest-sha256.txt',
      signature: await signBytes(keys.privateKey, new TextEncoder().encode(unsigned.tagmanifest)),
      publicKey: keys.publicKeyRaw,
      publicKeyPem: await publicKeyPem(keys.publicKeyRaw),
      keyFingerprint: keys.fingerprint,
    };
    const draft = await withSignature(unsigned, signature);
    const packed = await withPackedSignature(packDraft(unsigned.draft), signature);
    // A structured clone, as the worker's answer is: no text survives, only bytes.
    const cloned = structuredClone(packed);
    expect(cloned.entries.some((e) => 'text' in e)).toBe(false);

    const fromText: Record<string, string> = {};
    const fromBytes: Record<string, string> = {};
    const hash = async (bytes: Uint8Array<ArrayBuffer>): Promise<{ sha256: string; size: number }> => ({
      sha256: Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex'),
      size: bytes.length,
    });
    const plan = await stagePlan(draft, (file) => {
      fromText[file.path] = file.text;
      return hash(new TextEncoder().encode(file.text));
    });
    const packedPlan = await stagePlan(cloned, (file) => {
      fromBytes[file.path] = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file.bytes);
      return hash(file.bytes);
    });
    expect(packedPlan).toEqual(plan);
    expect(fromBytes).toEqual(fromText);
    expect(Object.keys(fromText)).toContain('signature.json');
    expect(Object.keys(fromText)).toContain('data/index.html');
  });

  it('is refused at staging when main hashed other bytes than its manifest lists', async () => {
    const bytes = new TextEncoder().encode('hello\n');
    const draft = { bagName: 'b', generatedAt: '2026-11-20T15:00:00.000Z', entries: [{ kind: 'generated' as const, path: 'a.txt', bytes, sha256: '0'.repeat(64), size: bytes.length }] };
    await expect(stagePlan(draft, () => Promise.resolve({ sha256: '1'.repeat(64), size: 6 }))).rejects.toThrow(/a\.txt reached main as 6 bytes with SHA-256 1{64}, not the 6 bytes with 0{64}/);
  });
});
