import 'fake-indexeddb/auto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlobCheck } from '../../../shared/bridge/contract';
import type { EvidenceRecord } from '../../../shared/domain/records';
import type { ItemReport } from '../../../shared/integrity/check';
import { createAudit } from '../../../renderer/db/audits';
import { db } from '../../../renderer/db/db';
import { addEvidence, updateEvidence } from '../../../renderer/db/evidence';
import { runIntegrityCheck, type IntegrityPhase, type VerifyBlobs } from '../../../renderer/db/integrity';
import { saveReviewer } from '../../../renderer/db/reviewer';
import { signOff } from '../../../renderer/db/signoffs';

const ACTOR = 'alice@laptop';

/**
 * The evidence store as the check sees it across the bridge: bytes by hash, re-hashed on
 * request. Tampering with a file is writing other bytes under the same name, as on disk.
 */
function fakeStore(): { files: Map<string, Uint8Array>; verify: VerifyBlobs; calls: string[][] } {
  const files = new Map<string, Uint8Array>();
  const calls: string[][] = [];
  const verify: VerifyBlobs = async (hashes) => {
    calls.push(hashes);
    return hashes.map((hash): BlobCheck => {
      const bytes = files.get(hash);
      if (!bytes) return { sha256: hash, status: 'missing', size: null };
      return { sha256: hash, status: bytesToHex(sha256(bytes)) === hash ? 'ok' : 'altered', size: bytes.length };
    });
  };
  return { files, verify, calls };
}

async function newAudit(): Promise<{ auditId: string; controlIds: Map<string, string> }> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const controls = await db.controls.where('auditId').equals(audit.id).toArray();
  return { auditId: audit.id, controlIds: new Map(controls.map((c) => [c.ref, c.id])) };
}

async function attach(store: ReturnType<typeof fakeStore>, auditId: string, controlId: string, name: string, content: string): Promise<EvidenceRecord> {
  const bytes = utf8ToBytes(content);
  const hash = bytesToHex(sha256(bytes));
  store.files.set(hash, bytes);
  const record: EvidenceRecord = {
    id: crypto.randomUUID(),
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name,
    evidenceDate: '2026-03-31T12:00:00.000Z',
    capturedAt: '2026-04-02T09:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: name, originalPath: `/tmp/${name}`, modifiedAt: '2026-04-01T00:00:00.000Z' },
    processing: [],
    mime: 'text/csv',
    size: bytes.length,
    sha256: hash,
    width: null,
    height: null,
    notes: '',
    supersedes: null,
          original: null,
          systemReport: null,
    createdAt: '2026-04-02T09:00:00.000Z',
  };
  await addEvidence([record], ACTOR);
  return record;
}

/** An audit with two items on two controls, both approved by a reviewer with a real key. */
async function signedAudit(): Promise<{ auditId: string; store: ReturnType<typeof fakeStore>; users: EvidenceRecord; tickets: EvidenceRecord }> {
  const store = fakeStore();
  const { auditId, controlIds } = await newAudit();
  const users = await attach(store, auditId, controlIds.get('AC-01') ?? '', 'okta-users.csv', 'user,role\nalice,admin\n');
  const tickets = await attach(store, auditId, controlIds.get('CM-01') ?? '', 'change-tickets.csv', 'ticket,approved\nCHG-1,yes\n');
  const reviewer = await saveReviewer('Dana Reviewer', 'Controller', ACTOR);
  await signOff([users.id, tickets.id], 'approved', 'Complete and accurate.', reviewer, ACTOR, new Date('2026-04-03T10:00:00.000Z'));
  return { auditId, store, users, tickets };
}

function itemNamed(items: readonly ItemReport[], name: string): ItemReport {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`no item named ${name}`);
  return item;
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('the integrity check of an untouched audit', () => {
  it('verifies every item, every sign-off and the chain, and says so', async () => {
    const { auditId, store, users, tickets } = await signedAudit();
    await updateEvidence(users.id, { notes: 'Exported by IT on 2 April' }, ACTOR);
    const phases: IntegrityPhase[] = [];

    const report = await runIntegrityCheck(auditId, store.verify, (p) => phases.push(p));

    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.summary).toBe('All 2 items verified');
    expect(report.auditChecks.map((c) => [c.id, c.ok])).toEqual([
      ['chain', true],
      ['files', true],
      ['signoffs', true],
      ['rows', true],
      ['recorded-signoffs', true],
    ]);
    expect(report.auditChecks.find((c) => c.id === 'chain')?.detail).toMatch(/^6 entries verified; last hash [0-9a-f]{16}…$/);
    expect(itemNamed(report.items, 'okta-users.csv')).toMatchObject({
      controlRefs: ['AC-01'],
      file: { status: 'pass' },
      signoffs: { status: 'pass', messages: ['1 signature verifies; latest: approved by Dana Reviewer'] },
      trail: { status: 'pass' },
    });
    expect(store.calls.map((hashes) => [...hashes].sort())).toEqual([[users.sha256, tickets.sha256].sort()]);
    expect(phases).toEqual(['reading', 'files', 'signoffs']);
  });

  it('does not ask the store anything for an audit without evidence', async () => {
    const store = fakeStore();
    const { auditId } = await newAudit();
    const report = await runIntegrityCheck(auditId, store.verify);
    expect(store.calls).toEqual([]);
    expect(report).toMatchObject({ ok: true, items: [], summary: 'No evidence yet; the audit trail verifies' });
  });
});

describe('the integrity check names each tamper', () => {
  it('a metadata row changed behind the app’s back', async () => {
    const { auditId, store, tickets } = await signedAudit();
    await db.evidence.update(tickets.id, { evidenceDate: '2026-06-30T12:00:00.000Z' });

    const report = await runIntegrityCheck(auditId, store.verify);

    expect(report.ok).toBe(false);
    const item = itemNamed(report.items, 'change-tickets.csv');
    expect(item.trail).toEqual({
      status: 'fail',
      messages: ['"change-tickets.csv": evidenceDate is "2026-06-30T12:00:00.000Z" but the audit trail says "2026-03-31T12:00:00.000Z"'],
    });
    expect(itemNamed(report.items, 'okta-users.csv').ok).toBe(true);
    expect(report.summary).toBe('1 problem found');
    expect(report.auditChecks.find((c) => c.id === 'rows')).toMatchObject({ ok: false, detail: '1 difference from the trail\'s record' });
  });

  it('a swapped hash: the file, the sign-off and the trail all name the item', async () => {
    const { auditId, store, tickets } = await signedAudit();
    await db.evidence.update(tickets.id, { sha256: 'f'.repeat(64) });

    const item = itemNamed((await runIntegrityCheck(auditId, store.verify)).items, 'change-tickets.csv');

    expect(item.file.messages).toEqual([`"change-tickets.csv": the stored file is missing (SHA-256 ffffffffffff…)`]);
    expect(item.signoffs.messages).toEqual([
      '"change-tickets.csv": sign-off (approved by Dana Reviewer, 2026-04-03 10:00:00 UTC) is invalid — the evidence hash no longer matches the one approved',
    ]);
    expect(item.trail.messages[0]).toContain('"change-tickets.csv": sha256 is "ffff');
  });

  it('a deleted log entry: the chain names the first broken entry', async () => {
    const { auditId, store } = await signedAudit();
    // Entry 1 created the audit, entry 2 recorded okta-users.csv.
    await db.log.delete([auditId, 2]);

    const report = await runIntegrityCheck(auditId, store.verify);

    expect(report.auditChecks.find((c) => c.id === 'chain')).toMatchObject({ ok: false, detail: 'Broken at entry 3: entry 2 is missing before it' });
    expect(report.problems[0]).toBe('Audit trail: chain broken at entry 3 — entry 2 is missing before it');
    // The row it recorded now has no trail entry either, and is named for it.
    expect(itemNamed(report.items, 'okta-users.csv').trail.messages).toEqual(['"okta-users.csv" is in the database but the audit trail never recorded it']);
  });

  it('a stored file altered or removed behind the app’s back', async () => {
    const { auditId, store, users, tickets } = await signedAudit();
    store.files.set(users.sha256, utf8ToBytes('user,role\nmallory,admin\n'));
    store.files.delete(tickets.sha256);

    const report = await runIntegrityCheck(auditId, store.verify);

    expect(itemNamed(report.items, 'okta-users.csv').file).toEqual({
      status: 'fail',
      messages: [`"okta-users.csv": the stored file was altered — its bytes no longer hash to ${users.sha256.slice(0, 12)}…`],
    });
    expect(itemNamed(report.items, 'change-tickets.csv').file.messages).toEqual([
      `"change-tickets.csv": the stored file is missing (SHA-256 ${tickets.sha256.slice(0, 12)}…)`,
    ]);
    expect(report.auditChecks.find((c) => c.id === 'files')).toMatchObject({ ok: false, detail: '2 of 2 files altered, missing or unreadable' });
    expect(report.summary).toBe('2 problems found');
  });

  it('signatures swapped between two sign-offs', async () => {
    const { auditId, store, users, tickets } = await signedAudit();
    const [a, b] = await Promise.all([db.signoffs.where('evidenceId').equals(users.id).first(), db.signoffs.where('evidenceId').equals(tickets.id).first()]);
    if (!a || !b) throw new Error('both items should be signed off');
    await db.signoffs.update(a.id, { signature: b.signature });
    await db.signoffs.update(b.id, { signature: a.signature });

    const report = await runIntegrityCheck(auditId, store.verify);

    for (const name of ['okta-users.csv', 'change-tickets.csv']) {
      expect(itemNamed(report.items, name).signoffs).toEqual({
        status: 'fail',
        messages: [`"${name}": sign-off (approved by Dana Reviewer, 2026-04-03 10:00:00 UTC) is invalid — the signature does not verify`],
      });
    }
    expect(report.auditChecks.find((c) => c.id === 'signoffs')).toMatchObject({ ok: false, detail: '2 of 2 sign-offs invalid' });
    // The files and rows themselves are untouched.
    expect(report.items.every((i) => i.file.status === 'pass' && i.trail.status === 'pass')).toBe(true);
  });

  it('a sign-off row deleted to hide a decision', async () => {
    const { auditId, store, tickets } = await signedAudit();
    const signoff = await db.signoffs.where('evidenceId').equals(tickets.id).first();
    await db.signoffs.delete(signoff?.id ?? '');

    const report = await runIntegrityCheck(auditId, store.verify);

    expect(itemNamed(report.items, 'change-tickets.csv').signoffs.messages).toEqual([
      expect.stringMatching(new RegExp(`^sign-off ${signoff?.id ?? ''} \\(entry 5\\) is in the audit trail but missing from the database$`)),
    ]);
    expect(report.auditChecks.find((c) => c.id === 'recorded-signoffs')?.ok).toBe(false);
  });

  it('an evidence row deleted: the trail still names it, and its file is still checked', async () => {
    const { auditId, store, users } = await signedAudit();
    await db.evidence.delete(users.id);

    const report = await runIntegrityCheck(auditId, store.verify);
    const item = itemNamed(report.items, 'okta-users.csv');

    expect(item).toMatchObject({ inDatabase: false, controlRefs: ['AC-01'], file: { status: 'pass' } });
    expect(item.trail.messages).toEqual(['"okta-users.csv" is in the audit trail but missing from the database']);
    expect(item.signoffs.messages).toEqual([expect.stringContaining('is invalid — the evidence it signs no longer exists')]);
  });
});
