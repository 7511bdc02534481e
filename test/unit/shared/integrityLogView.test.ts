import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/domain/records';
import {
  buildTrailRows,
  describeChain,
  describeTarget,
  filterTrail,
  NO_NAMES,
  NO_TRAIL_FILTER,
  parseTarget,
  summarizeDetails,
  trailFacets,
  withTrailNames,
  zoneTimeFormatter,
  type TrailNames,
} from '../../../shared/integrity/logView';
import { nextEntry, verifyChain } from '../../../shared/log/chain';

type Part = Pick<LogEntry, 'action' | 'target' | 'details'> & Partial<Pick<LogEntry, 'actor' | 'at'>>;

function trail(...parts: Part[]): LogEntry[] {
  const log: LogEntry[] = [];
  for (const part of parts) log.push(nextEntry(log.at(-1), { auditId: 'a1', at: '2026-04-02T09:00:00.000Z', actor: 'alice@laptop', ...part }));
  return log;
}

const NAMES: TrailNames = {
  auditName: 'FY2026',
  evidence: new Map([['e1', 'okta-users.csv']]),
  controls: new Map([['c1', 'AC-01 Quarterly access review']]),
  requests: new Map([['r1', 'PBC-014']]),
  tasks: new Map([['t1', 'Enable MFA']]),
};

describe('reading an entry’s target', () => {
  it('splits kind and id, and keeps a bare word as a kind without id', () => {
    expect(parseTarget('evidence:e1')).toEqual({ kind: 'evidence', id: 'e1' });
    expect(parseTarget('reviewer')).toEqual({ kind: 'reviewer', id: '' });
  });

  it('names evidence, controls, requests and tasks the app knows, and falls back to a short id', () => {
    expect(describeTarget('evidence:e1', NAMES)).toBe('Evidence "okta-users.csv"');
    expect(describeTarget('control:c1', NAMES)).toBe('Control AC-01 Quarterly access review');
    expect(describeTarget('request:r1', NAMES)).toBe('Request PBC-014');
    expect(describeTarget('task:t1', NAMES)).toBe('Task "Enable MFA"');
    expect(describeTarget('audit:a1', NAMES)).toBe('Audit "FY2026"');
    expect(describeTarget('evidence:0123456789abcdef', NAMES)).toBe('Evidence 01234567…');
  });

  it('remembers names only the trail still holds (a deleted control, a vanished row)', () => {
    const log = trail(
      { action: 'delete', target: 'control:c9', details: { ref: 'ZZ-09', title: 'Badge review' } },
      { action: 'create', target: 'evidence:e9', details: { snapshot: { name: 'gone.png', controlIds: ['c9'] } } },
    );
    const names = withTrailNames(NAMES, log);
    expect(describeTarget('control:c9', names)).toBe('Control ZZ-09 Badge review');
    expect(describeTarget('evidence:e9', names)).toBe('Evidence "gone.png"');
    expect(describeTarget('control:c1', names)).toBe('Control AC-01 Quarterly access review');
  });
});

describe('summarizing an entry’s details', () => {
  it('shows each changed field from → to, with control ids as refs', () => {
    expect(
      summarizeDetails({ action: 'update', details: { changes: { notes: { from: '', to: 'Q1 export' }, controlIds: { from: ['c1'], to: ['c1', 'c2'] } } } }, NAMES),
    ).toBe('notes: — → "Q1 export"; controlIds: [AC-01] → [AC-01, "c2"]');
  });

  it('puts a withdrawal, its undoing and a purge in words, with the reason', () => {
    const withdrawal = { at: '2026-12-01T10:00:00.000Z', by: 'alice@laptop', reason: 'holds credentials', purge: null };
    expect(summarizeDetails({ action: 'update', details: { event: 'withdraw', reason: 'holds credentials', changes: { withdrawal: { from: null, to: withdrawal } } } }, NAMES)).toBe(
      'Withdrawn: "holds credentials"',
    );
    expect(summarizeDetails({ action: 'update', details: { event: 'restore', changes: { withdrawal: { from: withdrawal, to: null } } } }, NAMES)).toBe('Withdrawal undone: the item counts again');
    expect(
      summarizeDetails({ action: 'update', details: { event: 'purge', remove: [{ sha256: 'a', size: 2048 }], keep: [{ sha256: 'b', size: 10 }], changes: {} } }, NAMES),
    ).toBe('Stored bytes purged: 1 file (2.0 KB) · 1 file kept, still used elsewhere');
  });

  it('says who decided what for a sign-off', () => {
    expect(summarizeDetails({ action: 'signoff', details: { decision: 'rejected', comment: 'Wrong quarter', keyFingerprint: 'ab12 cd34 ef56' } }, NAMES)).toBe(
      'rejected · "Wrong quarter" · key ab12 cd34…',
    );
  });

  it('says what a created item is from its snapshot, and clips long values', () => {
    expect(summarizeDetails({ action: 'create', details: { snapshot: { name: 'okta.csv', mime: 'text/csv', size: 2048, controlIds: ['c1'] } } }, NAMES)).toBe(
      'text/csv · 2.0 KB · for [AC-01]',
    );
    expect(summarizeDetails({ action: 'import', details: { fileName: 'x'.repeat(100) } }, NO_NAMES)).toBe(`fileName: "${'x'.repeat(47)}…"`);
  });
});

describe('filtering the trail', () => {
  const log = trail(
    { action: 'create', target: 'audit:a1', details: { name: 'FY2026' }, at: '2026-03-31T23:30:00.000Z' },
    { action: 'create', target: 'evidence:e1', details: { snapshot: { name: 'okta-users.csv' } }, at: '2026-04-01T03:00:00.000Z' },
    { action: 'signoff', target: 'evidence:e1', details: { decision: 'approved' }, actor: 'dana@desk', at: '2026-04-02T12:00:00.000Z' },
    { action: 'update', target: 'control:c1', details: { changes: { owner: { from: '', to: 'IT' } } }, at: '2026-04-03T12:00:00.000Z' },
  );
  const rows = buildTrailRows(log, NAMES, 'America/New_York');
  const seqs = (filter: Partial<typeof NO_TRAIL_FILTER>): number[] => filterTrail(rows, { ...NO_TRAIL_FILTER, ...filter }).map((r) => r.entry.seq);

  it('filters by action, target kind and actor', () => {
    expect(seqs({})).toEqual([1, 2, 3, 4]);
    expect(seqs({ action: 'signoff' })).toEqual([3]);
    expect(seqs({ kind: 'evidence' })).toEqual([2, 3]);
    expect(seqs({ actor: 'dana@desk' })).toEqual([3]);
  });

  it('reads the date range as calendar days in the audit’s zone', () => {
    // 2026-04-01T03:00Z is still 31 March in New York.
    expect(rows.map((r) => r.day)).toEqual(['2026-03-31', '2026-03-31', '2026-04-02', '2026-04-03']);
    expect(seqs({ from: '2026-04-01' })).toEqual([3, 4]);
    expect(seqs({ to: '2026-03-31' })).toEqual([1, 2]);
    expect(seqs({ from: '2026-04-02', to: '2026-04-02' })).toEqual([3]);
  });

  it('searches names, details and hashes, every word, ignoring case', () => {
    expect(seqs({ text: 'OKTA' })).toEqual([2, 3]);
    expect(seqs({ text: 'okta approved' })).toEqual([3]);
    expect(seqs({ text: log[3]?.hash.slice(0, 10) ?? '' })).toEqual([4]);
    expect(seqs({ text: 'AC-01 owner' })).toEqual([4]);
  });

  it('offers only the actions, kinds and actors that occur', () => {
    expect(trailFacets(rows)).toEqual({ actions: ['create', 'update', 'signoff'], kinds: ['audit', 'control', 'evidence'], actors: ['alice@laptop', 'dana@desk'] });
  });
});

describe('the chain check in words', () => {
  const log = trail(
    { action: 'create', target: 'audit:a1', details: {} },
    { action: 'create', target: 'evidence:e1', details: {} },
    { action: 'update', target: 'evidence:e1', details: {} },
    { action: 'update', target: 'evidence:e1', details: {} },
  );

  it('reports an intact chain with its length and last hash', () => {
    expect(describeChain(verifyChain(log), log)).toBe(`Chain intact: 4 entries, last hash ${log[3]?.hash.slice(0, 16) ?? ''}…`);
  });

  it('names the entry after a deleted one, and says which entries are missing', () => {
    const one = log.filter((e) => e.seq !== 2);
    expect(describeChain(verifyChain(one), one)).toBe('Chain broken at entry 3: entry 2 is missing before it');
    const two = log.filter((e) => e.seq !== 2 && e.seq !== 3);
    expect(describeChain(verifyChain(two), two)).toBe('Chain broken at entry 4: entries 2–3 are missing before it');
  });

  it('names an entry whose content was edited', () => {
    const edited = log.map((e) => (e.seq === 3 ? { ...e, actor: 'mallory@devtools' } : e));
    expect(describeChain(verifyChain(edited), edited)).toBe('Chain broken at entry 3: entry hash does not match its content');
  });
});

describe('times in the audit’s zone', () => {
  it('shows the local time with its offset, and falls back to UTC for an unknown zone', () => {
    expect(zoneTimeFormatter('America/New_York')('2026-04-01T03:00:00.000Z')).toBe('2026-03-31 23:00:00 GMT-4');
    expect(zoneTimeFormatter('Mars/Olympus')('2026-04-01T03:00:00.000Z')).toBe('2026-04-01 03:00:00 GMT+0');
    expect(zoneTimeFormatter('UTC')('not a date')).toBe('invalid date');
  });
});
