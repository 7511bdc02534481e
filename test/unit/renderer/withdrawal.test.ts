import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeUnreferenced } from '../../../electron/main/bridge/purge';
import { createEvidenceStore, type EvidenceStore } from '../../../electron/main/store';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { compareEvidenceWithTrail } from '../../../shared/integrity/trail';
import { verifyChain } from '../../../shared/log/chain';
import { computeReviewStates } from '../../../shared/review/reviewState';
import { createAudit, listAuditSummaries } from '../../../renderer/db/audits';
import { db } from '../../../renderer/db/db';
import { addEvidence, countEvidence, listEvidenceForAudit } from '../../../renderer/db/evidence';
import { runIntegrityCheck } from '../../../renderer/db/integrity';
import { listLog } from '../../../renderer/db/log';
import { loadReviewContext } from '../../../renderer/db/reviewContext';
import { saveReviewer } from '../../../renderer/db/reviewer';
import { listSignoffs, signOff } from '../../../renderer/db/signoffs';
import { listWithdrawn, purgeWithdrawnBytes, restoreEvidence, withdrawEvidence } from '../../../renderer/db/withdrawal';
import { recordFiles } from '../../../renderer/features/evidence/collect';
import { localStateFor } from '../../../renderer/db/importBundle';

const ACTOR = 'alice@laptop';
const NOW = new Date('2026-12-01T10:00:00.000Z');
let root: string;
let store: EvidenceStore;

beforeEach(async () => {
  await db.delete();
  await db.open();
  root = await mkdtemp(join(tmpdir(), 'withdraw-store-'));
  store = createEvidenceStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Main's real purge over a real store on disk: the function the bridge handler runs. */
const purgeInMain = (request: { candidates: string[]; referenced: string[]; reason: string }) => purgeUnreferenced(store, request, () => NOW);

async function newAudit(name: string): Promise<{ auditId: string; controlId: string }> {
  const audit = await createAudit({ name, organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' }, ACTOR);
  const control = await db.controls.where('auditId').equals(audit.id).first();
  return { auditId: audit.id, controlId: control?.id ?? '' };
}

async function item(audit: { auditId: string; controlId: string }, name: string, content: string, extra: Partial<EvidenceRecord> = {}, original?: string): Promise<EvidenceRecord> {
  const blob = await store.put(Buffer.from(content));
  const raw = original === undefined ? null : await store.put(Buffer.from(original));
  const record: EvidenceRecord = {
    id: crypto.randomUUID(),
    auditId: audit.auditId,
    controlIds: [audit.controlId],
    step: 'fieldwork',
    name,
    evidenceDate: '2026-03-31T12:00:00.000Z',
    capturedAt: '2026-04-02T09:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: name, originalPath: `/tmp/${name}`, modifiedAt: '2026-04-01T00:00:00.000Z' },
    processing: [],
    mime: 'text/plain',
    size: blob.size,
    sha256: blob.sha256,
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: raw === null ? null : { sha256: raw.sha256, size: raw.size, width: 1, height: 1, stored: true },
    systemReport: null,
    createdAt: '2026-04-02T09:00:00.000Z',
    withdrawal: null,
    ...extra,
  };
  await addEvidence([record], ACTOR);
  return record;
}

async function statesOf(auditId: string): Promise<Awaited<ReturnType<typeof computeReviewStates>>> {
  return computeReviewStates(await listEvidenceForAudit(auditId), await listSignoffs(auditId), await loadReviewContext(auditId));
}

/** The integrity check over the real store: what exists is intact, what does not is missing. */
const checkBlobs = (hashes: string[]) =>
  Promise.all(hashes.map(async (sha256) => ((await store.has(sha256)) ? { sha256, status: 'ok' as const, size: (await stat(store.pathOf(sha256))).size } : { sha256, status: 'missing' as const, size: null })));

describe('withdrawing evidence', () => {
  it('needs a reason, and records who, when and why in the hash-chained trail', async () => {
    const audit = await newAudit('FY2026');
    const wrong = await item(audit, 'passwords-DO-NOT-SHARE.txt', 'root:hunter2\n');
    await expect(withdrawEvidence(wrong.id, '   ', ACTOR, NOW)).rejects.toThrow('Say why the item is withdrawn');
    expect((await db.evidence.get(wrong.id))?.withdrawal).toBeNull();

    await withdrawEvidence(wrong.id, '  Attached by mistake: holds credentials ', ACTOR, NOW);
    const row = await db.evidence.get(wrong.id);
    expect(row?.withdrawal).toEqual({ at: NOW.toISOString(), by: ACTOR, reason: 'Attached by mistake: holds credentials', purge: null });
    await expect(withdrawEvidence(wrong.id, 'again', ACTOR, NOW)).rejects.toThrow('is already withdrawn');

    const log = await listLog(audit.auditId);
    expect(verifyChain(log)).toEqual({ ok: true });
    expect(log.at(-1)).toMatchObject({ actor: ACTOR, at: NOW.toISOString(), action: 'update', target: `evidence:${wrong.id}`, details: { event: 'withdraw', reason: 'Attached by mistake: holds credentials' } });
    // The trail replays to the row as it is: the integrity check agrees with the table.
    expect(compareEvidenceWithTrail(await listEvidenceForAudit(audit.auditId), log)).toEqual([]);
  });

  it('takes the item out of every count and leaves no approval counted; undoing it (logged) brings both back', async () => {
    const audit = await newAudit('FY2026');
    const kept = await item(audit, 'users.csv', 'user,role\n');
    const wrong = await item(audit, 'passwords-DO-NOT-SHARE.txt', 'root:hunter2\n');
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', 'dana@laptop');
    await signOff([kept.id, wrong.id], 'approved', '', reviewer, 'dana@laptop');
    expect((await countEvidence(audit.auditId, [audit.controlId])).byControl.get(audit.controlId)).toBe(2);

    await withdrawEvidence(wrong.id, 'wrong file', ACTOR, NOW);
    expect(await countEvidence(audit.auditId, [audit.controlId])).toEqual({ byControl: new Map([[audit.controlId, 1]]), total: 1 });
    expect((await listAuditSummaries()).find((s) => s.audit.id === audit.auditId)?.evidence).toBe(1);
    expect((await listWithdrawn(audit.auditId)).map((e) => e.id)).toEqual([wrong.id]);
    const states = await statesOf(audit.auditId);
    expect(states.get(kept.id)?.decision).toBe('approved');
    expect(states.get(wrong.id)).toMatchObject({ decision: 'pending', validity: { valid: false, kind: 'withdrawn' } });
    // Nobody can sign off a withdrawn item either.
    await expect(signOff([wrong.id], 'approved', '', reviewer, 'dana@laptop')).rejects.toThrow('withdrawn');

    await restoreEvidence(wrong.id, ACTOR, NOW);
    expect((await db.evidence.get(wrong.id))?.withdrawal).toBeNull();
    expect((await countEvidence(audit.auditId, [audit.controlId])).total).toBe(2);
    expect((await statesOf(audit.auditId)).get(wrong.id)?.decision).toBe('approved');
    const log = await listLog(audit.auditId);
    expect(log.at(-1)).toMatchObject({ action: 'update', target: `evidence:${wrong.id}`, details: { event: 'restore' } });
    expect(compareEvidenceWithTrail(await listEvidenceForAudit(audit.auditId), log)).toEqual([]);
    await expect(restoreEvidence(wrong.id, ACTOR, NOW)).rejects.toThrow('is not withdrawn');
  });

  it('lets the item a withdrawn re-capture meant to replace count again', async () => {
    const audit = await newAudit('FY2026');
    const first = await item(audit, 'mfa.png', 'first capture');
    const recapture = await item(audit, 'mfa-again.png', 'the wrong window', { supersedes: first.id });
    expect((await statesOf(audit.auditId)).get(first.id)?.supersededBy).toBe(recapture.id);
    await withdrawEvidence(recapture.id, 'captured the wrong window', ACTOR, NOW);
    expect((await statesOf(audit.auditId)).get(first.id)?.supersededBy).toBeNull();
  });
});

describe('purging a withdrawn item', () => {
  it('removes bytes only it used, logs which went, and can then not be undone', async () => {
    const audit = await newAudit('FY2026');
    const wrong = await item(audit, 'passwords-DO-NOT-SHARE.txt', 'root:hunter2\n', {}, 'its raw capture');
    await expect(purgeWithdrawnBytes(wrong.id, ACTOR, purgeInMain, NOW)).rejects.toThrow('Withdraw "passwords-DO-NOT-SHARE.txt" before purging');
    await withdrawEvidence(wrong.id, 'holds credentials', ACTOR, NOW);

    const result = await purgeWithdrawnBytes(wrong.id, ACTOR, purgeInMain, NOW);
    expect(result.error).toBeNull();
    expect(result.result?.purged.map((p) => p.sha256).sort()).toEqual([wrong.sha256, wrong.original?.sha256].sort());
    expect(await store.has(wrong.sha256)).toBe(false);
    expect(await store.has(wrong.original?.sha256 ?? '')).toBe(false);
    const purgeLog = await readFile(join(root, 'purge-log.jsonl'), 'utf8');
    expect(purgeLog).toContain(wrong.sha256);
    expect(purgeLog).toContain('withdrawn and purged by alice@laptop: holds credentials');

    const log = await listLog(audit.auditId);
    expect(verifyChain(log)).toEqual({ ok: true });
    expect(log.at(-1)).toMatchObject({ actor: ACTOR, details: { event: 'purge', keep: [] } });
    expect((log.at(-1)?.details['remove'] as { sha256: string }[]).map((r) => r.sha256).sort()).toEqual([wrong.sha256, wrong.original?.sha256].sort());
    expect((await db.evidence.get(wrong.id))?.withdrawal?.purge).toEqual({ at: NOW.toISOString(), by: ACTOR });
    await expect(restoreEvidence(wrong.id, ACTOR, NOW)).rejects.toThrow('its stored bytes were purged');
    await expect(purgeWithdrawnBytes(wrong.id, ACTOR, purgeInMain, NOW)).rejects.toThrow('were already purged');

    // The integrity check expects those bytes gone, and everything else agrees.
    const report = await runIntegrityCheck(audit.auditId, checkBlobs);
    expect(report.problems).toEqual([]);
    expect(report.items.find((i) => i.evidenceId === wrong.id)?.file.messages[0]).toMatch(/^Withdrawn, and its stored bytes purged/);
  });

  it('keeps bytes another item, another audit or a raw capture still uses', async () => {
    const a = await newAudit('FY2025');
    const b = await newAudit('FY2026');
    const inAnotherAudit = await item(a, 'users.csv', 'the same user list');
    await item(b, 'users.csv', 'the same user list');
    const asRawCapture = await item(a, 'report.txt', 'kept as a raw capture elsewhere');
    await item(b, 'report.png', 'a stamped image', {}, 'kept as a raw capture elsewhere');
    // A second withdrawn holder keeps the bytes until it is purged too.
    const twinOne = await item(a, 'twin-1.txt', 'the same wrong file');
    const twinTwo = await item(a, 'twin-2.txt', 'the same wrong file');

    for (const x of [inAnotherAudit, asRawCapture, twinOne, twinTwo]) await withdrawEvidence(x.id, 'wrong', ACTOR, NOW);
    for (const x of [inAnotherAudit, asRawCapture, twinOne]) {
      const result = await purgeWithdrawnBytes(x.id, ACTOR, purgeInMain, NOW);
      expect(result).toMatchObject({ result: null, error: null, plan: { remove: [], keep: [{ sha256: x.sha256 }] } });
      expect(await store.has(x.sha256)).toBe(true);
    }
    const last = await purgeWithdrawnBytes(twinTwo.id, ACTOR, purgeInMain, NOW);
    expect(last.result?.purged.map((p) => p.sha256)).toEqual([twinTwo.sha256]);
    expect(await store.has(twinTwo.sha256)).toBe(false);
  });

  it('says why the bytes stayed when main could not purge them, with the row already marked', async () => {
    const audit = await newAudit('FY2026');
    const wrong = await item(audit, 'wrong.txt', 'wrong');
    await withdrawEvidence(wrong.id, 'wrong', ACTOR, NOW);
    const result = await purgeWithdrawnBytes(wrong.id, ACTOR, () => Promise.reject(new Error('disk is read-only')), NOW);
    expect(result.error).toBe('disk is read-only');
    expect((await db.evidence.get(wrong.id))?.withdrawal?.purge).not.toBeNull();
  });
});

describe('attaching the bytes of a withdrawn item again', () => {
  it('records a new item rather than pointing at the withdrawn one; a live copy is still pointed at', async () => {
    const audit = await newAudit('FY2026');
    const wrong = await item(audit, 'users.csv', 'user,role\n');
    await withdrawEvidence(wrong.id, 'attached to the wrong control', ACTOR, NOW);
    const auditRow = await db.audits.get(audit.auditId);
    const controlRow = await db.controls.get(audit.controlId);
    if (!auditRow || !controlRow) throw new Error('the audit was not created');
    const ctx = { audit: auditRow, control: controlRow, step: 'fieldwork' as const, info: { user: 'alice', host: 'laptop', platform: 'linux', osRelease: '6', appVersion: '0.1.0', timeZone: 'UTC' } };
    const again = { sha256: wrong.sha256, size: wrong.size, existed: true, name: 'users.csv', path: '/tmp/users.csv', mime: 'text/csv', modifiedAt: NOW.toISOString(), importedAt: NOW.toISOString() };

    const first = await recordFiles(ctx, [again]);
    expect(first.duplicates).toEqual([]);
    expect(first.added.map((e) => e.sha256)).toEqual([wrong.sha256]);
    // Now a live item holds those bytes: a third attach is told where they are.
    const second = await recordFiles(ctx, [again]);
    expect(second.added).toEqual([]);
    expect(second.duplicates.map((d) => d.existing.id)).toEqual([first.added[0]?.id]);
  });

  it('does not make a bundle\'s item with those bytes a duplicate on import (the same id still is)', async () => {
    const audit = await newAudit('FY2026');
    const wrong = await item(audit, 'users.csv', 'user,role\n');
    await withdrawEvidence(wrong.id, 'wrong', ACTOR, NOW);
    const state = await localStateFor(audit.auditId);
    expect(state.evidenceIds.has(wrong.id)).toBe(true);
    expect(state.evidenceHashes.has(wrong.sha256)).toBe(false);
  });
});
