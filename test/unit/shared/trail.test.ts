import { describe, expect, it } from 'vitest';
import type { EvidenceRecord, LogEntry } from '../../../shared/domain/records';
import { compareEvidenceWithTrail, missingSignoffs } from '../../../shared/integrity/trail';
import { nextEntry } from '../../../shared/log/chain';

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
  sha256: 'ab'.repeat(32),
  width: null,
  height: null,
  notes: '',
  supersedes: null,
  original: null,
  systemReport: null,
  createdAt: '2026-04-02T09:00:00.000Z',
};

function trail(...parts: Omit<LogEntry, 'seq' | 'prevHash' | 'hash' | 'auditId' | 'at' | 'actor'>[]): LogEntry[] {
  const log: LogEntry[] = [];
  for (const part of parts) log.push(nextEntry(log.at(-1), { auditId: 'a1', at: '2026-04-02T09:00:00.000Z', actor: 'alice@laptop', ...part }));
  return log;
}

const created = { action: 'create' as const, target: 'evidence:e1', details: { snapshot: item } };

describe('comparing evidence rows with the audit trail', () => {
  it('finds nothing when every change went through the app', () => {
    const log = trail(created, { action: 'update', target: 'evidence:e1', details: { changes: { notes: { from: '', to: 'Q1 export' } } } });
    expect(compareEvidenceWithTrail([{ ...item, notes: 'Q1 export' }], log)).toEqual([]);
  });

  it('names the field of a row changed behind the app’s back', () => {
    const problems = compareEvidenceWithTrail([{ ...item, sha256: 'cd'.repeat(32) }], trail(created));
    expect(problems).toEqual([
      { target: 'evidence:e1', message: `"okta-users.csv": sha256 is "${'cd'.repeat(32)}" but the audit trail says "${'ab'.repeat(32)}"` },
    ]);
  });

  it('names a row that appeared without a trail entry, and one that vanished', () => {
    expect(compareEvidenceWithTrail([item, { ...item, id: 'e2', name: 'planted.png' }], trail(created))).toEqual([
      { target: 'evidence:e2', message: '"planted.png" is in the database but the audit trail never recorded it' },
    ]);
    expect(compareEvidenceWithTrail([], trail(created))).toEqual([
      { target: 'evidence:e1', message: '"okta-users.csv" is in the audit trail but missing from the database' },
    ]);
  });

  it('names a sign-off the trail recorded whose row was deleted', () => {
    const log = trail(created, { action: 'signoff', target: 'evidence:e1', details: { signoffId: 's1', decision: 'rejected' } });
    expect(missingSignoffs(log, new Set())).toEqual([
      { target: 'evidence:e1', message: 'sign-off s1 (entry 2) is in the audit trail but missing from the database' },
    ]);
    expect(missingSignoffs(log, new Set(['s1']))).toEqual([]);
  });
});

describe('comparing rows rebuilt from a bundle', () => {
  it('treats the same values with nested keys in another order as equal', () => {
    const reordered = { ...item, source: { modifiedAt: '2026-04-01T00:00:00.000Z', originalPath: '/tmp/okta-users.csv', kind: 'file' as const, originalName: 'okta-users.csv' } };
    expect(compareEvidenceWithTrail([reordered], trail(created))).toEqual([]);
  });
});
