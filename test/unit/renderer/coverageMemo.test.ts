import { describe, expect, it } from 'vitest';
import { buildCoverage, coverageSteadyBetween } from '../../../shared/coverage/coverage';
import type { ReviewState } from '../../../shared/review/reviewState';
import { coverageOf } from '../../../renderer/features/coverage/coverageMemo';
import { control, evidence, type2 } from '../shared/coverageFixtures';

describe('coverage remembered per review while the clock stays between slot ends', () => {
  const audit = type2();
  const controls = [control('d', 'daily'), control('q', 'quarterly')];
  const items = [evidence('a', ['d'], '2026-03-04T15:00:00.000Z'), evidence('b', ['q'], '2026-02-10T12:00:00.000Z')];
  const approvedA = new Map<string, ReviewState>([['a', { decision: 'approved', latest: null, validity: null, supersededBy: null, history: [] }]]);

  it('hands out the same coverage within the span, builds afresh after it, and never answers for other rows or reviews', () => {
    const now = '2026-03-10T12:00:00.000Z';
    const first = coverageOf(audit, controls, items, approvedA, now);
    expect(first).toEqual(buildCoverage(audit, controls, items, (id) => approvedA.get(id)?.decision ?? 'pending', now));
    const { until } = coverageSteadyBetween(audit, controls, Date.parse(now));
    expect(coverageOf(audit, [...controls], items, approvedA, new Date(until - 1).toISOString())).toBe(first);

    const later = coverageOf(audit, controls, items, approvedA, new Date(until).toISOString());
    expect(later).not.toBe(first);
    expect(later.totals.overdue).toBe(first.totals.overdue + 1);

    // New rows (a write) or another review: built for them, not taken from the memo.
    const more = [...items, evidence('c', ['d'], '2026-03-09T15:00:00.000Z')];
    expect(coverageOf(audit, controls, more, approvedA, now).totals.collected).toBe(first.totals.collected + 1);
    const none = new Map<string, ReviewState>();
    expect(coverageOf(audit, controls, items, none, now).totals.approved).toBe(first.totals.approved - 1);
  });
});
