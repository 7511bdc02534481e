import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { auditRemovalFacts, deleteAudit, setAuditArchived } from '../../../renderer/db/auditLifecycle';
import { createAudit } from '../../../renderer/db/audits';
import { db } from '../../../renderer/db/db';
import { addEvidence } from '../../../renderer/db/evidence';
import { listLog } from '../../../renderer/db/log';
import { purgeUnreferenced } from '../../../electron/main/bridge/purge';
import { createEvidenceStore, type EvidenceStore } from '../../../electron/main/store';

const ACTOR = 'alice@laptop';
let root: string;
let store: EvidenceStore;

beforeEach(async () => {
  await db.delete();
  await db.open();
  root = await mkdtemp(join(tmpdir(), 'lifecycle-store-'));
  store = createEvidenceStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Main's real purge over a real store on disk: the same function the bridge handler runs. */
const purgeInMain = (request: { candidates: string[]; referenced: string[]; reason: string }) => purgeUnreferenced(store, request, () => new Date('2026-11-30T12:00:00Z'));

async function newAudit(name: string): Promise<{ auditId: string; controlId: string }> {
  const audit = await createAudit({ name, organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' }, ACTOR);
  const control = await db.controls.where('auditId').equals(audit.id).first();
  return { auditId: audit.id, controlId: control?.id ?? '' };
}

/** Stores real bytes in the store and records an item for them (with a kept raw capture, if given). */
async function item(audit: { auditId: string; controlId: string }, content: string, original?: string): Promise<EvidenceRecord> {
  const blob = await store.put(Buffer.from(content));
  const raw = original === undefined ? null : await store.put(Buffer.from(original));
  const record: EvidenceRecord = {
    id: crypto.randomUUID(),
    auditId: audit.auditId,
    controlIds: [audit.controlId],
    step: 'fieldwork',
    name: `${content.slice(0, 8)}.txt`,
    evidenceDate: '2026-03-31T12:00:00.000Z',
    capturedAt: '2026-04-02T09:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: 'x.txt', originalPath: '/tmp/x.txt', modifiedAt: '2026-04-01T00:00:00.000Z' },
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
  };
  await addEvidence([record], ACTOR);
  return record;
}

describe('deleting an audit', () => {
  it('removes its rows and purges only the bytes no other audit uses, by item or by raw capture', async () => {
    const a = await newAudit('FY2025');
    const b = await newAudit('FY2026');
    const shared = await item(a, 'the same user list in both audits');
    const own = await item(a, 'a screenshot only FY2025 has', 'its raw capture, only FY2025 has it');
    const viaOriginal = await item(a, 'a report FY2026 keeps as a raw capture');
    await item(b, 'the same user list in both audits');
    await item(b, 'a processed image of it', 'a report FY2026 keeps as a raw capture');

    const facts = await auditRemovalFacts(a.auditId);
    expect(facts).toMatchObject({ name: 'FY2025', evidence: 3, signoffs: 0 });
    expect(facts.controls).toBeGreaterThan(10);
    expect(facts.blobs.own.count).toBe(2);
    expect(facts.blobs.shared.count).toBe(2);

    const result = await deleteAudit(a.auditId, ACTOR, purgeInMain);
    expect(result.purgeError).toBeNull();
    expect(new Set(result.purge?.purged.map((p) => p.sha256))).toEqual(new Set([own.sha256, own.original?.sha256]));
    expect(await store.has(own.sha256)).toBe(false);
    expect(await store.has(own.original?.sha256 ?? '')).toBe(false);
    // What FY2026 uses is all still there, whether as an item or as a raw capture.
    expect(await store.has(shared.sha256)).toBe(true);
    expect(await store.has(viaOriginal.sha256)).toBe(true);
    for (const e of await db.evidence.where('auditId').equals(b.auditId).toArray()) expect(await store.has(e.sha256)).toBe(true);

    expect(await db.audits.get(a.auditId)).toBeUndefined();
    for (const table of [db.controls, db.evidence, db.signoffs, db.requests, db.tasks, db.log]) {
      expect(await table.where('auditId').equals(a.auditId).count()).toBe(0);
    }
    expect(await db.evidence.where('auditId').equals(b.auditId).count()).toBe(2);
    const log = (await readFile(join(root, 'purge-log.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { sha256: string; reason: string });
    expect(log.map((l) => l.sha256).sort()).toEqual([own.sha256, own.original?.sha256].sort());
    expect(log[0]?.reason).toBe(`audit "FY2025" (${a.auditId}) deleted by ${ACTOR}`);
  });

  it('keeps bytes another audit uses even when the candidate list wrongly names them', async () => {
    const a = await newAudit('FY2025');
    const b = await newAudit('FY2026');
    const shared = await item(b, 'FY2026 needs these bytes');
    const own = await item(a, 'only FY2025 has these');
    await deleteAudit(a.auditId, ACTOR, purgeInMain);
    // A bug that names every hash in the store as a candidate: main still checks each one
    // against what the database references and keeps the shared bytes.
    const referenced = (await db.evidence.toArray()).map((e) => e.sha256);
    const result = await purgeInMain({ candidates: [shared.sha256, own.sha256], referenced, reason: 'a buggy caller' });
    expect(result.kept).toEqual([shared.sha256]);
    expect(result.missing).toEqual([own.sha256]);
    expect(result.purged).toEqual([]);
    expect(await store.has(shared.sha256)).toBe(true);
  });

  it('purges nothing and asks main nothing when every file is shared', async () => {
    const a = await newAudit('FY2025');
    const b = await newAudit('FY2026');
    await item(a, 'shared bytes');
    await item(b, 'shared bytes');
    const calls: unknown[] = [];
    const result = await deleteAudit(a.auditId, ACTOR, async (request) => {
      calls.push(request);
      return purgeInMain(request);
    });
    expect(calls).toEqual([]);
    expect(result.purge).toBeNull();
  });

  it('keeps the rows deleted and says so when the purge fails: bytes without rows are harmless', async () => {
    const a = await newAudit('FY2025');
    await item(a, 'bytes');
    const result = await deleteAudit(a.auditId, ACTOR, async () => {
      throw new Error('disk unplugged');
    });
    expect(result.purgeError).toBe('disk unplugged');
    expect(await db.audits.get(a.auditId)).toBeUndefined();
  });
});

describe('archiving an audit', () => {
  it('sets archivedAt and logs it, and restoring clears it; doing it twice changes nothing', async () => {
    const a = await newAudit('FY2025');
    await setAuditArchived(a.auditId, true, ACTOR, new Date('2026-11-30T10:00:00Z'));
    await setAuditArchived(a.auditId, true, ACTOR, new Date('2026-11-30T10:05:00Z'));
    expect((await db.audits.get(a.auditId))?.archivedAt).toBe('2026-11-30T10:00:00.000Z');
    await setAuditArchived(a.auditId, false, ACTOR);
    expect((await db.audits.get(a.auditId))?.archivedAt).toBeNull();
    const changes = (await listLog(a.auditId)).filter((e) => e.action === 'update').map((e) => e.details['changes']);
    expect(changes).toEqual([
      { archivedAt: { from: null, to: '2026-11-30T10:00:00.000Z' } },
      { archivedAt: { from: '2026-11-30T10:00:00.000Z', to: null } },
    ]);
  });
});
