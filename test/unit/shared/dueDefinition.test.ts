import { describe, expect, it } from 'vitest';
import { buildCoverage } from '../../../shared/coverage/coverage';
import { countStandings, isSlotDue, percentOfDueCovered, slotStanding } from '../../../shared/coverage/due';
import type { Review } from '../../../shared/coverage/coverage';
import { control, evidence, type2 } from './coverageFixtures';

describe('due, overdue and covered: the one definition', () => {
  it('calls a slot due from the instant it ends, not before', () => {
    expect(isSlotDue('2026-04-01T00:00:00.000Z', '2026-03-31T23:59:59.999Z')).toBe(false);
    expect(isSlotDue('2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')).toBe(true);
  });

  it('counts a slot that is not due yet as neither covered nor overdue, whatever it holds', () => {
    for (const status of ['approved', 'collected', 'rejected', 'missing'] as const) expect(slotStanding(status, false)).toBe('not-due');
  });

  it('covers a due slot with pending or approved evidence, and calls an empty one overdue', () => {
    expect(slotStanding('approved', true)).toBe('covered');
    expect(slotStanding('collected', true)).toBe('covered');
    expect(slotStanding('overdue', true)).toBe('overdue');
    // Rejected only: the evidence was looked at and found wanting; it needs rework, and is not covered.
    expect(slotStanding('rejected', true)).toBe('rework');
  });

  it('leaves slots not due yet out of the denominator of "% covered"', () => {
    const cells = [
      { slot: { end: '2026-04-01T00:00:00.000Z' }, status: 'collected' as const },
      { slot: { end: '2026-07-01T00:00:00.000Z' }, status: 'overdue' as const },
      { slot: { end: '2026-10-01T00:00:00.000Z' }, status: 'approved' as const },
      { slot: { end: '2027-01-01T00:00:00.000Z' }, status: 'missing' as const },
    ];
    const counts = countStandings(cells, '2026-08-15T00:00:00.000Z');
    expect(counts).toEqual({ due: 2, covered: 1, overdue: 1, rework: 0, notDue: 2 });
    expect(percentOfDueCovered(counts)).toBe(50);
    expect(percentOfDueCovered(countStandings(cells, '2026-01-15T00:00:00.000Z'))).toBeNull();
  });

  it('is what buildCoverage counts: overdue and covered add up to the due slots with rework', () => {
    const reviews: Record<string, Review> = { q2: 'rejected' };
    const items = [evidence('q1', ['ac-01'], '2026-02-10T12:00:00.000Z'), evidence('q2', ['ac-01'], '2026-05-10T12:00:00.000Z'), evidence('q4', ['ac-01'], '2026-11-10T12:00:00.000Z')];
    const coverage = buildCoverage(type2(), [control('ac-01', 'quarterly')], items, (id) => reviews[id] ?? 'pending', '2026-11-30T00:00:00.000Z');
    // Q1 covered, Q2 rework, Q3 overdue; Q4 holds evidence but runs until 31 December.
    expect(coverage.totals).toMatchObject({ slots: 4, due: 3, covered: 1, overdue: 1, rejected: 1, notDue: 1 });
  });
});
