import { describe, expect, it } from 'vitest';
import { buildCoverage } from '../../../shared/coverage/coverage';
import type { EvidenceRecord, LogEntry, Withdrawal } from '../../../shared/domain/records';
import { checkWithdrawalReason, countingEvidence, isPurged, isWithdrawn, purgePlan, withdrawnInTrail } from '../../../shared/evidence/withdrawal';
import { buildIntegrityReport } from '../../../shared/integrity/check';
import { nextEntry } from '../../../shared/log/chain';
import { control, evidence, pending, type2 } from './coverageFixtures';

const W: Withdrawal = { at: '2026-12-01T10:00:00.000Z', by: 'alice@laptop', reason: 'wrong file', purge: null };

function entry(log: LogEntry[], action: LogEntry['action'], target: string, details: Record<string, unknown>): LogEntry[] {
  return [...log, nextEntry(log.at(-1), { auditId: 'audit-1', at: '2026-12-01T10:00:00.000Z', actor: 'alice@laptop', action, target, details })];
}

describe('the withdrawal rule', () => {
  it('asks for a reason, trimmed and of bounded length', () => {
    expect(checkWithdrawalReason('  \n ')).toEqual({ ok: false, error: 'Say why the item is withdrawn: the audit trail keeps the reason.' });
    expect(checkWithdrawalReason('  attached by mistake ')).toEqual({ ok: true, reason: 'attached by mistake' });
    expect(checkWithdrawalReason('x'.repeat(2001))).toEqual({ ok: false, error: 'The reason is 2,001 characters; keep it under 2,000.' });
  });

  it('counts an item unless it is withdrawn; a row from before schema v8 counts', () => {
    const old = evidence('e0', ['c1'], '2026-02-01T00:00:00.000Z');
    const live = { ...old, id: 'e1', withdrawal: null };
    const gone = { ...old, id: 'e2', withdrawal: W };
    const purged = { ...old, id: 'e3', withdrawal: { ...W, purge: { at: W.at, by: W.by } } };
    expect(countingEvidence([old, live, gone, purged]).map((e) => e.id)).toEqual(['e0', 'e1']);
    expect([old, live, gone, purged].map((e) => [isWithdrawn(e), isPurged(e)])).toEqual([
      [false, false],
      [false, false],
      [true, false],
      [true, true],
    ]);
  });

  it('reads from the trail which items are withdrawn now: the last withdrawal change decides', () => {
    let log: LogEntry[] = [];
    log = entry(log, 'update', 'evidence:a', { changes: { withdrawal: { from: null, to: W } } });
    log = entry(log, 'update', 'evidence:b', { changes: { withdrawal: { from: null, to: W } } });
    log = entry(log, 'update', 'evidence:b', { changes: { withdrawal: { from: W, to: null } } });
    log = entry(log, 'update', 'evidence:c', { changes: { notes: { from: '', to: 'x' } } });
    // Not evidence, or not an update: not a withdrawal.
    log = entry(log, 'update', 'control:d', { changes: { withdrawal: { from: null, to: W } } });
    log = entry(log, 'create', 'evidence:e', { changes: { withdrawal: { from: null, to: W } } });
    expect([...withdrawnInTrail(log)]).toEqual(['a']);
  });

  it('purges an item\'s bytes and kept raw capture unless something else names them', () => {
    const shot: Pick<EvidenceRecord, 'sha256' | 'size' | 'original'> = { sha256: 'a'.repeat(64), size: 10, original: { sha256: 'b'.repeat(64), size: 20, width: 1, height: 1, stored: true } };
    expect(purgePlan(shot, new Set())).toEqual({ remove: [{ sha256: 'a'.repeat(64), size: 10 }, { sha256: 'b'.repeat(64), size: 20 }], keep: [] });
    expect(purgePlan(shot, new Set(['b'.repeat(64)]))).toEqual({ remove: [{ sha256: 'a'.repeat(64), size: 10 }], keep: [{ sha256: 'b'.repeat(64), size: 20 }] });
    // A raw capture not kept (redacted) is no stored file.
    expect(purgePlan({ ...shot, original: { ...shot.original!, stored: false } }, new Set()).remove).toHaveLength(1);
  });
});

describe('coverage without withdrawn items', () => {
  it('leaves a slot a withdrawn item filled missing, and lets a withdrawn re-capture\'s original count', () => {
    const audit = type2();
    const q1 = evidence('q1', ['c1'], '2026-02-01T00:00:00.000Z');
    const wrongQ2 = { ...evidence('q2', ['c1'], '2026-05-01T00:00:00.000Z'), withdrawal: W };
    const recapture = { ...evidence('q1b', ['c1'], '2026-02-02T00:00:00.000Z', { supersedes: 'q1' }), withdrawal: W };
    const coverage = buildCoverage(audit, [control('c1', 'quarterly')], [q1, wrongQ2, recapture], pending, '2026-12-01T00:00:00.000Z');
    const cells = coverage.controls[0]?.cells ?? [];
    expect(cells.map((c) => c.evidenceIds)).toEqual([['q1'], [], [], []]);
    expect(coverage.superseded).toBe(0);
  });
});

describe('the integrity check of withdrawn items', () => {
  const item = (id: string, withdrawal: Withdrawal | null): EvidenceRecord => ({ ...evidence(id, ['c1'], '2026-02-01T00:00:00.000Z'), sha256: String(id.length).repeat(64), withdrawal });

  it('accepts a withdrawn item absent from the database (a bundle never carries one), and expects purged bytes gone', async () => {
    const kept = item('kept', null);
    const away = item('away', null);
    const purged = item('purged', { ...W, purge: { at: W.at, by: W.by } });
    let log: LogEntry[] = [];
    for (const row of [kept, away, { ...purged, withdrawal: null }]) log = entry(log, 'create', `evidence:${row.id}`, { snapshot: row });
    log = entry(log, 'update', 'evidence:away', { changes: { withdrawal: { from: null, to: W } } });
    log = entry(log, 'update', 'evidence:purged', { changes: { withdrawal: { from: null, to: purged.withdrawal } } });
    const report = await buildIntegrityReport({ evidence: [kept, purged], controls: [{ id: 'c1', ref: 'AC-01' }], signoffs: [], log, blobs: [{ sha256: kept.sha256, status: 'ok', size: 1000 }] });
    expect(report.problems).toEqual([]);
    expect(report.items.map((i) => i.evidenceId).sort()).toEqual(['kept', 'purged']);

    // An item the trail did not withdraw is still missed when its row is gone.
    const missing = await buildIntegrityReport({ evidence: [purged], controls: [], signoffs: [], log, blobs: [] });
    expect(missing.problems).toEqual(expect.arrayContaining([expect.stringContaining('"kept.png" is in the audit trail but missing from the database')]));
  });
});
