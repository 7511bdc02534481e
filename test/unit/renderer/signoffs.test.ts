import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { verifyChain } from '../../../shared/log/chain';
import { computeReviewStates } from '../../../shared/review/reviewState';
import { createAudit } from '../../../renderer/db/audits';
import { listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { addEvidence, listEvidenceForAudit, updateEvidence } from '../../../renderer/db/evidence';
import { listKeyring, removeTrustedKey, trustKey } from '../../../renderer/db/keyring';
import { generateReviewerKeys } from '../../../shared/signing/ed25519';
import { signSignoff, type SignoffPayloadV1, type SignoffPayloadV2 } from '../../../shared/signing/signoff';
import { listLog } from '../../../renderer/db/log';
import { getReviewer, INSTALLATION_LOG, saveReviewer } from '../../../renderer/db/reviewer';
import { listSignoffs, signOff } from '../../../renderer/db/signoffs';
import { loadReviewContext } from '../../../renderer/db/reviewContext';

const ACTOR = 'dana@laptop';

async function newAudit(): Promise<{ auditId: string; controlIds: Map<string, string> }> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const controls = await listControls(audit.id);
  return { auditId: audit.id, controlIds: new Map(controls.map((c) => [c.ref, c.id])) };
}

function evidence(auditId: string, controlId: string, name: string, sha: string): EvidenceRecord {
  return {
    id: crypto.randomUUID(),
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name,
    evidenceDate: '2026-02-01T12:00:00.000Z',
    capturedAt: '2026-02-01T12:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: name, originalPath: `/tmp/${name}`, modifiedAt: '2026-02-01T00:00:00.000Z' },
    processing: [],
    mime: 'text/csv',
    size: 10,
    sha256: sha.repeat(64),
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: '2026-02-01T12:00:00.000Z',
  };
}

/** An audit with three items on AC-01, recorded the way the app records them. */
async function auditWithEvidence(): Promise<{ auditId: string; items: EvidenceRecord[] }> {
  const { auditId, controlIds } = await newAudit();
  const ac01 = controlIds.get('AC-01') ?? 'missing';
  const items = [evidence(auditId, ac01, 'q1.csv', 'a'), evidence(auditId, ac01, 'q2.csv', 'b'), evidence(auditId, ac01, 'q3.csv', 'c')];
  await addEvidence(items, ACTOR);
  return { auditId, items };
}

async function statesOf(auditId: string): Promise<Awaited<ReturnType<typeof computeReviewStates>>> {
  return computeReviewStates(await listEvidenceForAudit(auditId), await listSignoffs(auditId), await loadReviewContext(auditId));
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('the reviewer identity', () => {
  it('makes a non-extractable key pair the first time and keeps the same key when the reviewer is renamed', async () => {
    const first = await saveReviewer('  Dana Reviewer ', 'IT Manager', ACTOR);
    expect(first.name).toBe('Dana Reviewer');
    expect(first.privateKey.type).toBe('private');
    expect(first.privateKey.extractable).toBe(false);
    expect(first.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

    // Read back from IndexedDB: the stored private key is still not extractable.
    const stored = await getReviewer();
    if (!stored) throw new Error('the reviewer was not stored');
    expect(stored.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', stored.privateKey)).rejects.toThrow();

    const renamed = await saveReviewer('Dana Whitfield', 'CISO', ACTOR);
    expect(renamed).toMatchObject({ name: 'Dana Whitfield', role: 'CISO', fingerprint: first.fingerprint, publicKeyRaw: first.publicKeyRaw, createdAt: first.createdAt });

    const log = await listLog(INSTALLATION_LOG);
    expect(verifyChain(log)).toEqual({ ok: true });
    expect(log.map((e) => [e.action, e.target, e.details['name']])).toEqual([
      ['create', 'reviewer', 'Dana Reviewer'],
      ['update', 'reviewer', 'Dana Whitfield'],
    ]);
  });

  it('refuses an empty role and keeps no reviewer', async () => {
    await expect(saveReviewer('Dana', '   ', ACTOR)).rejects.toThrow('Enter your role');
    expect(await getReviewer()).toBeUndefined();
  });
});

describe('signing off evidence', () => {
  it('approves several items in one call, with one signoff entry each in a chain that verifies', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);

    const signed = await signOff(
      items.map((i) => i.id),
      'approved',
      '',
      reviewer,
      ACTOR,
    );

    expect(signed).toHaveLength(3);
    expect(signed.map((s) => s.payload.controlRefs)).toEqual([['AC-01'], ['AC-01'], ['AC-01']]);
    const log = await listLog(auditId);
    expect(verifyChain(log)).toEqual({ ok: true });
    const signoffEntries = log.filter((e) => e.action === 'signoff');
    expect(signoffEntries.map((e) => e.target)).toEqual(items.map((i) => `evidence:${i.id}`));
    expect(signoffEntries.map((e) => e.details['decision'])).toEqual(['approved', 'approved', 'approved']);

    const states = await statesOf(auditId);
    expect(items.map((i) => states.get(i.id)?.decision)).toEqual(['approved', 'approved', 'approved']);
  });

  it('refuses to reject without a comment and records nothing', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const logBefore = await listLog(auditId);

    await expect(signOff([items[0]?.id ?? ''], 'rejected', '   ', reviewer, ACTOR)).rejects.toThrow('Say why the evidence is rejected');

    expect(await listSignoffs(auditId)).toEqual([]);
    expect(await listLog(auditId)).toHaveLength(logBefore.length);
  });

  it('shows an approval as invalid, with the hash reason, once the evidence row changes behind the app', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const target = items[0]?.id ?? '';
    await signOff([target], 'approved', 'Looks complete.', reviewer, ACTOR);

    // Someone edits IndexedDB directly, pointing the item at other bytes.
    await db.evidence.update(target, { sha256: 'f'.repeat(64) });

    const state = (await statesOf(auditId)).get(target);
    expect(state?.decision).toBe('pending');
    expect(state?.validity).toEqual({ valid: false, kind: 'invalid', reason: 'the evidence hash no longer matches the one approved' });
    expect(state?.latest?.payload.decision).toBe('approved');
  });

  it('shows both sign-offs as invalid when their signatures are swapped between two rows', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const [first, second] = await signOff(
      items.slice(0, 2).map((i) => i.id),
      'approved',
      '',
      reviewer,
      ACTOR,
    );
    if (!first || !second) throw new Error('expected two sign-offs');

    await db.signoffs.update(first.id, { signature: second.signature });
    await db.signoffs.update(second.id, { signature: first.signature });

    const states = await statesOf(auditId);
    for (const signoff of [first, second]) {
      const state = states.get(signoff.evidenceId);
      expect(state?.decision).toBe('pending');
      expect(state?.validity).toEqual({ valid: false, kind: 'invalid', reason: 'the signature does not verify' });
    }
    // The untouched third item was never signed: pending, with no sign-off to judge.
    expect(states.get(items[2]?.id ?? '')).toMatchObject({ decision: 'pending', latest: null, validity: null });
  });
});

describe('a sign-off covers everything the reviewer decided on (issue #13)', () => {
  it('commits to the item\'s date, slot, controls and report facts, and to the trail head before it', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const head = (await listLog(auditId)).at(-1);
    const [signed] = await signOff([items[0]!.id], 'approved', '', reviewer, ACTOR);
    const payload = signed!.payload as SignoffPayloadV2;
    expect(payload).toMatchObject({
      v: 2,
      evidenceSha256: 'a'.repeat(64),
      evidenceDate: '2026-02-01T12:00:00.000Z',
      controlRefs: ['AC-01'],
      slots: [{ control: 'AC-01', slot: '2026-Q1' }],
      systemReport: null,
      logHead: { seq: head!.seq, hash: head!.hash },
    });
    const entry = (await listLog(auditId)).at(-1);
    expect(entry).toMatchObject({ action: 'signoff', seq: head!.seq + 1, details: { signoffId: signed!.id, logHead: payload.logHead } });
  });

  it('goes stale when the approved item is re-dated into another quarter: pending again, saying what changed', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    await signOff([items[0]!.id], 'approved', '', reviewer, ACTOR);
    expect((await statesOf(auditId)).get(items[0]!.id)?.decision).toBe('approved');

    await updateEvidence(items[0]!.id, { evidenceDate: '2026-08-15T12:00:00.000Z' }, ACTOR);
    const state = (await statesOf(auditId)).get(items[0]!.id);
    expect(state?.decision).toBe('pending');
    expect(state?.validity).toEqual({
      valid: false,
      kind: 'stale',
      changed: ['evidence date', 'slot'],
      reason: 'the item changed since it was signed (evidence date, slot): it needs a new review',
    });
  });

  it('goes stale on a new date in the same slot, a control added, and edited report facts, each named', async () => {
    const { auditId, items } = await auditWithEvidence();
    const controlIds = new Map((await listControls(auditId)).map((c) => [c.ref, c.id]));
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    await signOff(items.map((i) => i.id), 'approved', '', reviewer, ACTOR);

    await updateEvidence(items[0]!.id, { evidenceDate: '2026-02-02T12:00:00.000Z' }, ACTOR);
    await updateEvidence(items[1]!.id, { controlIds: [controlIds.get('AC-01')!, controlIds.get('AC-02')!] }, ACTOR);
    await updateEvidence(items[2]!.id, { systemReport: { sourceSystem: 'Okta', query: 'status=ACTIVE', rowCount: 41, extractedAt: null, filterScreenshotId: null } }, ACTOR);
    const states = await statesOf(auditId);
    expect(items.map((i) => states.get(i.id)?.validity)).toEqual([
      expect.objectContaining({ kind: 'stale', changed: ['evidence date'] }),
      expect.objectContaining({ kind: 'stale', changed: ['controls'] }),
      expect.objectContaining({ kind: 'stale', changed: ['system-report facts'] }),
    ]);
    expect(items.map((i) => states.get(i.id)?.decision)).toEqual(['pending', 'pending', 'pending']);

    // Putting the date back makes the sign-off cover the item again: staleness is a comparison, not a flag.
    await updateEvidence(items[0]!.id, { evidenceDate: '2026-02-01T12:00:00.000Z' }, ACTOR);
    expect((await statesOf(auditId)).get(items[0]!.id)?.decision).toBe('approved');
  });

  it('reads an old v1 sign-off as what it is: it verifies, covers bytes and controls, and names no date to go stale on', async () => {
    const { auditId, items } = await auditWithEvidence();
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const payload: SignoffPayloadV1 = {
      v: 1,
      evidenceId: items[0]!.id,
      evidenceSha256: items[0]!.sha256,
      controlRefs: ['AC-01'],
      decision: 'approved',
      comment: 'signed before v2',
      reviewer: { name: reviewer.name, role: reviewer.role },
      at: '2026-03-01T10:00:00.000Z',
      keyFingerprint: reviewer.fingerprint,
    };
    await db.signoffs.add({ id: 'legacy', auditId, evidenceId: items[0]!.id, payload, signature: await signSignoff(reviewer.privateKey, payload), publicKey: reviewer.publicKeyRaw });
    await updateEvidence(items[0]!.id, { evidenceDate: '2026-02-20T12:00:00.000Z' }, ACTOR);
    expect((await statesOf(auditId)).get(items[0]!.id)).toMatchObject({ decision: 'approved', validity: { valid: true } });

    const ac02 = (await listControls(auditId)).find((c) => c.ref === 'AC-02')!.id;
    await updateEvidence(items[0]!.id, { controlIds: [ac02] }, ACTOR);
    expect((await statesOf(auditId)).get(items[0]!.id)?.validity).toMatchObject({ kind: 'stale', changed: ['controls'] });
  });
});

describe('the keyring decides whose sign-offs count (issue #11 §3)', () => {
  it('holds the own key from the moment it is made, and refuses to drop it', async () => {
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    expect(await listKeyring()).toEqual([expect.objectContaining({ fingerprint: reviewer.fingerprint, source: 'own', name: 'Dana Reviewer' })]);
    await expect(removeTrustedKey(reviewer.fingerprint, ACTOR)).rejects.toThrow('Your own key stays in the keyring.');
  });

  it('counts a sign-off by a key outside the keyring as "signed by an unknown key", until the key is confirmed', async () => {
    const { auditId, items } = await auditWithEvidence();
    await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    // A teammate on another computer signs with their own key; the row arrives by import.
    const other = await generateReviewerKeys();
    const teammate = { name: 'Sam Teammate', role: 'Security Lead', privateKey: other.privateKey, publicKey: other.publicKey, publicKeyRaw: other.publicKeyRaw, fingerprint: other.fingerprint, createdAt: '2026-01-01T00:00:00.000Z' };
    await signOff([items[0]!.id], 'approved', '', teammate, 'sam@desk');

    let state = (await statesOf(auditId)).get(items[0]!.id);
    expect(state?.decision).toBe('pending');
    expect(state?.validity).toMatchObject({ valid: false, kind: 'unknown-key' });
    expect(state?.validity?.valid === false && state.validity.reason).toContain(other.fingerprint);

    await trustKey({ publicKey: other.publicKeyRaw, name: 'Sam Teammate', role: 'Security Lead', how: 'fingerprint read aloud' }, ACTOR);
    state = (await statesOf(auditId)).get(items[0]!.id);
    expect(state?.decision).toBe('approved');

    await removeTrustedKey(other.fingerprint, ACTOR);
    expect((await statesOf(auditId)).get(items[0]!.id)?.decision).toBe('pending');
    const installation = await listLog(INSTALLATION_LOG);
    expect(installation.map((e) => [e.action, e.target])).toEqual([
      ['create', 'reviewer'],
      ['create', `key:${other.fingerprint}`],
      ['delete', `key:${other.fingerprint}`],
    ]);
  });

  it('refuses something that is not a public key, and adds nothing', async () => {
    await expect(trustKey({ publicKey: 'bm90IGEga2V5', name: 'x', role: '', how: 'typed' }, ACTOR)).rejects.toThrow('not an Ed25519 public key');
    expect(await listKeyring()).toEqual([]);
  });
});
