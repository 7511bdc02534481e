import { describe, expect, it } from 'vitest';
import type { BlobCheck } from '../../../shared/bridge/contract';
import type { EvidenceRecord, LogEntry } from '../../../shared/domain/records';
import { buildIntegrityReport, hashesToVerify, type IntegrityInput } from '../../../shared/integrity/check';
import { nextEntry } from '../../../shared/log/chain';
import type { SignoffRecord } from '../../../shared/signing/signoff';

const SHA = 'ab'.repeat(32);

const item: EvidenceRecord = {
  id: 'e1',
  auditId: 'a1',
  controlIds: ['c1'],
  step: 'fieldwork',
  name: 'okta-users.csv',
  evidenceDate: '2026-03-31T12:00:00.000Z',
  capturedAt: '2026-04-02T09:00:00.000Z',
  timeZone: 'UTC',
  capturedBy: 'alice',
  host: 'laptop',
  source: { kind: 'file', originalName: 'okta-users.csv', originalPath: '/tmp/okta-users.csv', modifiedAt: '2026-04-01T00:00:00.000Z' },
  processing: [],
  mime: 'text/csv',
  size: 66,
  sha256: SHA,
  width: null,
  height: null,
  notes: '',
  supersedes: null,
  original: null,
  systemReport: null,
  createdAt: '2026-04-02T09:00:00.000Z',
};

function trailOf(...rows: EvidenceRecord[]): LogEntry[] {
  const log: LogEntry[] = [];
  for (const row of rows) {
    log.push(nextEntry(log.at(-1), { auditId: 'a1', at: row.createdAt, actor: 'alice@laptop', action: 'create', target: `evidence:${row.id}`, details: { snapshot: row } }));
  }
  return log;
}

function input(overrides: Partial<IntegrityInput>): IntegrityInput {
  const blobs: BlobCheck[] = [{ sha256: SHA, status: 'ok', size: 66 }];
  return { evidence: [item], controls: [{ id: 'c1', ref: 'AC-01' }], signoffs: [], log: trailOf(item), blobs, ...overrides };
}

describe('building the integrity report', () => {
  it('passes an item whose file, row and trail agree, and lists it with its control refs', async () => {
    const report = await buildIntegrityReport(input({}), new Date('2026-05-01T00:00:00.000Z'));
    expect(report).toMatchObject({ ok: true, summary: 'All 1 item verified', checkedAt: '2026-05-01T00:00:00.000Z', problems: [] });
    expect(report.items).toEqual([
      {
        evidenceId: 'e1',
        name: 'okta-users.csv',
        controlRefs: ['AC-01'],
        inDatabase: true,
        file: { status: 'pass', messages: ['Re-hashed: matches its SHA-256 (66 B)'] },
        signoffs: { status: 'none', messages: [] },
        trail: { status: 'pass', messages: ['Row matches the audit trail'] },
        ok: true,
      },
    ]);
  });

  it('names an item whose recorded hash is not a hash, and never sends that to the store', async () => {
    const bad = { ...item, sha256: '../../etc/passwd' };
    expect(hashesToVerify([bad], [])).toEqual([]);
    const report = await buildIntegrityReport(input({ evidence: [bad], log: trailOf(bad), blobs: [] }));
    expect(report.items[0]?.file.messages).toEqual(['"okta-users.csv": the recorded SHA-256 "../../etc/passwd" is not a valid hash, so its file cannot be checked']);
  });

  it('re-hashes a kept raw capture too, and names it when it is missing or altered', async () => {
    const RAW = 'cd'.repeat(32);
    const shot: EvidenceRecord = { ...item, processing: ['stamped'], original: { sha256: RAW, size: 90, width: 10, height: 5, stored: true } };
    const redacted: EvidenceRecord = { ...item, id: 'e2', sha256: 'ef'.repeat(32), original: { sha256: '01'.repeat(32), size: 90, width: 10, height: 5, stored: false } };
    // The redacted item's raw capture was never kept: it is not asked for.
    expect(hashesToVerify([shot, redacted], [])).toEqual([SHA, RAW, 'ef'.repeat(32)]);
    const ok = await buildIntegrityReport(input({ evidence: [shot], log: trailOf(shot), blobs: [{ sha256: SHA, status: 'ok', size: 66 }, { sha256: RAW, status: 'ok', size: 90 }] }));
    expect(ok.items[0]?.file.messages).toEqual(['Re-hashed: matches its SHA-256 (66 B); the raw capture kept beside it matches too']);
    const missing = await buildIntegrityReport(input({ evidence: [shot], log: trailOf(shot), blobs: [{ sha256: SHA, status: 'ok', size: 66 }, { sha256: RAW, status: 'missing', size: null }] }));
    expect(missing.problems).toEqual(['"okta-users.csv": the raw capture kept beside it is missing (SHA-256 cdcdcdcdcdcd…)']);
    const altered = await buildIntegrityReport(input({ evidence: [shot], log: trailOf(shot), blobs: [{ sha256: SHA, status: 'ok', size: 66 }, { sha256: RAW, status: 'altered', size: 90 }] }));
    expect(altered.ok).toBe(false);
    expect(altered.problems[0]).toMatch(/raw capture kept beside it was altered/);
  });

  it('names a stored file whose size differs from the record', async () => {
    const report = await buildIntegrityReport(input({ blobs: [{ sha256: SHA, status: 'ok', size: 70 }] }));
    expect(report.items[0]?.file.messages).toEqual(['"okta-users.csv": the stored file has 70 bytes but the record says 66 bytes']);
  });

  it('names a row planted without a trail entry', async () => {
    const planted = { ...item, id: 'e2', name: 'planted.png', sha256: 'cd'.repeat(32) };
    const report = await buildIntegrityReport(input({ evidence: [item, planted], blobs: [{ sha256: SHA, status: 'ok', size: 66 }, { sha256: 'cd'.repeat(32), status: 'ok', size: 66 }] }));
    expect(report.problems).toEqual(['"planted.png" is in the database but the audit trail never recorded it']);
    expect(report.summary).toBe('1 problem found');
  });

  it('names a sign-off for an item that never existed in this audit', async () => {
    const stray: SignoffRecord = {
      id: 's1',
      auditId: 'a1',
      evidenceId: 'ghost-item-0001',
      payload: {
        v: 1,
        evidenceId: 'ghost-item-0001',
        evidenceSha256: SHA,
        controlRefs: [],
        decision: 'approved',
        comment: '',
        reviewer: { name: 'Dana', role: 'Controller' },
        at: '2026-04-03T10:00:00.000Z',
        keyFingerprint: '0000',
      },
      signature: 'AAAA',
      publicKey: 'AAAA',
    };
    const report = await buildIntegrityReport(input({ signoffs: [stray] }));
    expect(report.problems).toEqual(['"unknown item ghost-it": sign-off (approved by Dana, 2026-04-03 10:00:00 UTC) is invalid — the evidence it signs no longer exists']);
    expect(report.auditChecks.find((c) => c.id === 'signoffs')).toMatchObject({ ok: false, detail: '1 of 1 sign-off invalid' });
  });
});
