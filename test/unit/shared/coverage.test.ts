import { describe, expect, it } from 'vitest';
import { buildCoverage, coverageSteadyBetween, percentCovered } from '../../../shared/coverage/coverage';
import type { AuditCoverage, ControlCoverage, Review } from '../../../shared/coverage/coverage';
import type { SlotStatus } from '../../../shared/periods/slots';
import { control, evidence, pending, type1, type2 } from './coverageFixtures';

function row(coverage: AuditCoverage, controlId: string): ControlCoverage {
  const found = coverage.controls.find((c) => c.controlId === controlId);
  if (!found) throw new Error(`no coverage row for ${controlId}`);
  return found;
}

function statuses(coverage: AuditCoverage, controlId: string): Record<string, SlotStatus> {
  return Object.fromEntries(row(coverage, controlId).cells.map((cell) => [cell.slot.id, cell.status]));
}

function idsIn(coverage: AuditCoverage, controlId: string, slotId: string): readonly string[] {
  return row(coverage, controlId).cells.find((cell) => cell.slot.id === slotId)?.evidenceIds ?? ['no such slot'];
}

const quarterly = control('ac-01', 'quarterly');
const twoQuarters = [evidence('q1', ['ac-01'], '2026-02-10T12:00:00.000Z'), evidence('q3', ['ac-01'], '2026-08-01T09:30:00.000Z')];

describe('buildCoverage', () => {
  it('marks exactly the two filled quarters collected, an ended empty quarter overdue and a running one missing', () => {
    const coverage = buildCoverage(type2(), [quarterly], twoQuarters, pending, '2026-08-15T00:00:00.000Z');
    expect(statuses(coverage, 'ac-01')).toEqual({ '2026-Q1': 'collected', '2026-Q2': 'overdue', '2026-Q3': 'collected', '2026-Q4': 'missing' });
    expect(idsIn(coverage, 'ac-01', '2026-Q1')).toEqual(['q1']);
    expect(idsIn(coverage, 'ac-01', '2026-Q3')).toEqual(['q3']);
    // Q3 has evidence but has not ended: not due, so neither covered nor in the denominator.
    expect(row(coverage, 'ac-01').totals).toEqual({ slots: 4, missing: 1, collected: 2, approved: 0, rejected: 0, overdue: 1, covered: 1, due: 2, notDue: 2 });
  });

  it('calls no empty quarter overdue before the period begins, and every empty one overdue after it ends', () => {
    const before = buildCoverage(type2(), [quarterly], twoQuarters, pending, '2025-06-01T00:00:00.000Z');
    expect(statuses(before, 'ac-01')).toEqual({ '2026-Q1': 'collected', '2026-Q2': 'missing', '2026-Q3': 'collected', '2026-Q4': 'missing' });
    const after = buildCoverage(type2(), [quarterly], twoQuarters, pending, '2027-02-01T00:00:00.000Z');
    expect(statuses(after, 'ac-01')).toEqual({ '2026-Q1': 'collected', '2026-Q2': 'overdue', '2026-Q3': 'collected', '2026-Q4': 'overdue' });
  });

  it('places evidence by its date in the audit zone, not in UTC', () => {
    // 23:30 on 31 March in New York is already 1 April in UTC.
    const item = evidence('late-q1', ['ac-01'], '2026-04-01T03:30:00.000Z');
    const coverage = buildCoverage(type2('2026-01-01', '2026-12-31', 'America/New_York'), [quarterly], [item], pending, '2026-05-01T00:00:00.000Z');
    expect(idsIn(coverage, 'ac-01', '2026-Q1')).toEqual(['late-q1']);
    expect(idsIn(coverage, 'ac-01', '2026-Q2')).toEqual([]);
  });

  it('lists a slot’s items in time order even when their dates carry different offsets', () => {
    const items = [evidence('utc', ['ac-01'], '2026-02-10T08:00:00Z'), evidence('karachi', ['ac-01'], '2026-02-10T12:00:00+05:00')];
    const coverage = buildCoverage(type2(), [quarterly], items, pending, '2026-03-01T00:00:00.000Z');
    expect(idsIn(coverage, 'ac-01', '2026-Q1')).toEqual(['karachi', 'utc']);
  });

  it('flags evidence dated outside the window for its control and counts it in no slot', () => {
    const items = [
      ...twoQuarters,
      evidence('before', ['ac-01'], '2025-12-31T23:59:59.000Z'),
      evidence('after', ['ac-01'], '2027-01-01T00:00:00.000Z'),
      evidence('garbled', ['ac-01'], 'last Tuesday'),
    ];
    const coverage = buildCoverage(type2(), [quarterly], items, pending, '2026-08-15T00:00:00.000Z');
    expect(row(coverage, 'ac-01').outside).toEqual(['before', 'after', 'garbled']);
    expect(row(coverage, 'ac-01').totals.covered).toBe(1);
    expect(statuses(coverage, 'ac-01')['2026-Q4']).toBe('missing');
    expect(coverage.outside).toBe(3);
  });

  it('counts an item that lies outside the window for two controls once in the audit total', () => {
    const items = [evidence('stale', ['ac-01', 'cm-01'], '2025-11-01T00:00:00.000Z')];
    const coverage = buildCoverage(type2(), [quarterly, control('cm-01', 'monthly')], items, pending, '2026-08-15T00:00:00.000Z');
    expect(row(coverage, 'ac-01').outside).toEqual(['stale']);
    expect(row(coverage, 'cm-01').outside).toEqual(['stale']);
    expect(coverage.outside).toBe(1);
  });

  it('shows a per-event control its population: the number of items in the window', () => {
    const changes = control('cm-02', 'per-event');
    const items = [
      evidence('t1', ['cm-02'], '2026-02-01T00:00:00.000Z'),
      evidence('t2', ['cm-02'], '2026-05-01T00:00:00.000Z'),
      evidence('t3', ['cm-02'], '2026-11-01T00:00:00.000Z'),
      evidence('old', ['cm-02'], '2025-05-01T00:00:00.000Z'),
    ];
    const coverage = buildCoverage(type2(), [changes, control('hr-01', 'per-event')], items, pending, '2026-12-01T00:00:00.000Z');
    expect(row(coverage, 'cm-02').population).toBe(3);
    expect(statuses(coverage, 'cm-02')).toEqual({ population: 'collected' });
    expect(row(coverage, 'hr-01').population).toBe(0);
    expect(row(coverage, 'cm-02').outside).toEqual(['old']);
  });

  it('gives recurring controls no population count', () => {
    const coverage = buildCoverage(type2(), [quarterly], twoQuarters, pending, '2026-08-15T00:00:00.000Z');
    expect(row(coverage, 'ac-01').population).toBeNull();
  });

  it('counts only the newest version of a superseded item', () => {
    const items = [
      evidence('v1', ['ac-01'], '2026-02-01T00:00:00.000Z'),
      evidence('v2', ['ac-01'], '2026-05-01T00:00:00.000Z', { supersedes: 'v1' }),
      evidence('v3', ['ac-01'], '2026-08-01T00:00:00.000Z', { supersedes: 'v2' }),
    ];
    const coverage = buildCoverage(type2(), [quarterly], items, pending, '2026-09-01T00:00:00.000Z');
    expect(statuses(coverage, 'ac-01')).toEqual({ '2026-Q1': 'overdue', '2026-Q2': 'overdue', '2026-Q3': 'collected', '2026-Q4': 'missing' });
    expect(idsIn(coverage, 'ac-01', '2026-Q3')).toEqual(['v3']);
    expect(coverage.superseded).toBe(2);
  });

  it('no longer flags an out-of-window item once a newer version replaces it', () => {
    const items = [
      evidence('stale', ['ac-01'], '2025-12-01T00:00:00.000Z'),
      evidence('fresh', ['ac-01'], '2026-01-15T00:00:00.000Z', { supersedes: 'stale' }),
    ];
    const coverage = buildCoverage(type2(), [quarterly], items, pending, '2026-02-01T00:00:00.000Z');
    expect(row(coverage, 'ac-01').outside).toEqual([]);
    expect(idsIn(coverage, 'ac-01', '2026-Q1')).toEqual(['fresh']);
  });

  it('counts an item linked to several controls for each of them, in each one’s own slots', () => {
    const items = [evidence('shared', ['ac-01', 'cm-01'], '2026-05-20T00:00:00.000Z')];
    const coverage = buildCoverage(type2(), [quarterly, control('cm-01', 'monthly')], items, pending, '2026-06-15T00:00:00.000Z');
    expect(idsIn(coverage, 'ac-01', '2026-Q2')).toEqual(['shared']);
    expect(idsIn(coverage, 'cm-01', '2026-05')).toEqual(['shared']);
    expect(statuses(coverage, 'cm-01')['2026-04']).toBe('overdue');
    // May has ended, Q2 has not: only May's is a covered due slot.
    expect(coverage.totals.covered).toBe(1);
  });

  it('gives a Type I audit one as-of slot for every control', () => {
    const controls = [quarterly, control('ops-01', 'daily'), control('cm-02', 'per-event')];
    const items = [evidence('design', ['ac-01', 'cm-02'], '2026-05-15T00:00:00.000Z')];
    const coverage = buildCoverage(type1('2026-06-30'), controls, items, pending, '2026-06-01T00:00:00.000Z');
    for (const c of coverage.controls) expect(c.cells.map((cell) => cell.slot.id)).toEqual(['as-of']);
    expect(statuses(coverage, 'ac-01')).toEqual({ 'as-of': 'collected' });
    expect(statuses(coverage, 'ops-01')).toEqual({ 'as-of': 'missing' });
    expect(row(coverage, 'cm-02').population).toBe(1);
    // Before the as-of date nothing is due yet.
    expect(coverage.totals).toMatchObject({ slots: 3, covered: 0, missing: 1, due: 0, notDue: 3 });
  });

  it('takes each item’s sign-off state from reviewOf', () => {
    const reviews: Record<string, Review> = { q1: 'approved', q3: 'rejected' };
    const coverage = buildCoverage(type2(), [quarterly], twoQuarters, (id) => reviews[id] ?? 'pending', '2026-12-01T00:00:00.000Z');
    expect(statuses(coverage, 'ac-01')).toEqual({ '2026-Q1': 'approved', '2026-Q2': 'overdue', '2026-Q3': 'rejected', '2026-Q4': 'missing' });
    expect(row(coverage, 'ac-01').totals).toMatchObject({ approved: 1, rejected: 1, covered: 1 });
  });

  it('keeps mid-period evidence of a continuous control apart: in the window, but in neither edge slot', () => {
    const monitoring = control('ops-02', 'continuous');
    const items = [evidence('start', ['ops-02'], '2026-01-10T00:00:00.000Z'), evidence('middle', ['ops-02'], '2026-06-10T00:00:00.000Z')];
    const coverage = buildCoverage(type2(), [monitoring], items, pending, '2026-06-15T00:00:00.000Z');
    expect(statuses(coverage, 'ops-02')).toEqual({ start: 'collected', end: 'missing' });
    expect(row(coverage, 'ops-02').between).toEqual(['middle']);
    expect(row(coverage, 'ops-02').outside).toEqual([]);
  });

  it('ignores evidence of other audits and links to controls it was not given', () => {
    const items = [evidence('elsewhere', ['ac-01'], '2026-02-01T00:00:00.000Z', { auditId: 'audit-2' }), evidence('retired', ['gone'], '2026-02-01T00:00:00.000Z')];
    const coverage = buildCoverage(type2(), [quarterly], items, pending, '2026-02-15T00:00:00.000Z');
    expect(coverage.totals.covered).toBe(0);
    expect(coverage.outside).toBe(0);
  });

  it('adds the audit totals up over every control and slot', () => {
    const controls = [quarterly, control('cm-01', 'monthly'), control('ops-01', 'daily')];
    const coverage = buildCoverage(type2(), controls, twoQuarters, pending, '2026-08-15T00:00:00.000Z');
    expect(coverage.totals.slots).toBe(4 + 12 + 365);
    const { slots, missing, collected, approved, rejected, overdue } = coverage.totals;
    expect(missing + collected + approved + rejected + overdue).toBe(slots);
    expect(percentCovered(coverage.totals)).toBe(0);
  });

  it('rounds the covered share down, so nearly complete never reads 100 %', () => {
    expect(percentCovered({ slots: 365, covered: 364, missing: 0, collected: 364, approved: 0, rejected: 0, overdue: 1, due: 365, notDue: 0 })).toBe(99);
    expect(percentCovered({ slots: 4, covered: 0, missing: 2, collected: 2, approved: 0, rejected: 0, overdue: 0, due: 0, notDue: 4 })).toBeNull();
  });

  it('refuses an audit without a period, saying what is missing', () => {
    const broken = { ...type2(), periodEnd: null };
    expect(() => buildCoverage(broken, [quarterly], [], pending, '2026-01-01T00:00:00.000Z')).toThrow(/periodEnd is missing/);
  });
});

describe('coverageSteadyBetween', () => {
  // The matrix keeps its coverage while the clock stays between two slot ends (issue #12): that
  // is only sound if buildCoverage's answer cannot change in between, and does change at the ends.
  const audit = type2('2026-01-01', '2026-12-31', 'America/New_York');
  const controls = [control('d', 'daily'), control('w', 'weekly'), quarterly];
  const items = [...twoQuarters, evidence('d1', ['d'], '2026-03-04T15:00:00.000Z'), evidence('w1', ['w'], '2026-05-05T15:00:00.000Z')];
  const at = (ms: number): AuditCoverage => buildCoverage(audit, controls, items, pending, new Date(ms).toISOString());

  it('gives the same coverage at both ends of the steady span as at the instant asked, and another right after it', () => {
    for (const now of ['2026-01-15T12:34:56.000Z', '2026-03-08T07:30:00.000Z', '2026-06-30T23:59:59.000Z', '2026-11-01T05:00:00.000Z']) {
      const nowMs = Date.parse(now);
      const { from, until } = coverageSteadyBetween(audit, controls, nowMs);
      expect(from).toBeLessThanOrEqual(nowMs);
      expect(until).toBeGreaterThan(nowMs);
      // A daily control: no span is longer than a local day (25 h on the day clocks go back).
      expect(until - from).toBeLessThanOrEqual(25 * 3_600_000);
      expect(at(from)).toEqual(at(nowMs));
      expect(at(until - 1)).toEqual(at(nowMs));
      // At `until` a slot ends: its day is due now, and empty, so overdue.
      expect(at(until).totals.overdue).toBeGreaterThan(at(nowMs).totals.overdue);
    }
  });

  it('is unbounded after the last slot ends and before the first', () => {
    expect(coverageSteadyBetween(audit, controls, Date.parse('2027-06-01T00:00:00.000Z')).until).toBe(Number.POSITIVE_INFINITY);
    expect(coverageSteadyBetween(audit, controls, Date.parse('2025-06-01T00:00:00.000Z')).from).toBe(Number.NEGATIVE_INFINITY);
  });
});
