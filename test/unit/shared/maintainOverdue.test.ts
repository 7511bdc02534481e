import { describe, expect, it } from 'vitest';
import { buildCoverage } from '../../../shared/coverage/coverage';
import { maintainView } from '../../../shared/maintain/overdue';
import { maintenanceSchedule } from '../../../shared/maintain/schedule';
import { control, evidence, pending, type1, type2 } from './coverageFixtures';

describe('the Maintain step counts overdue as Coverage does', () => {
  const controls = [control('ac-01', 'quarterly'), control('cm-01', 'monthly'), control('ops-01', 'daily'), control('ir-01', 'per-event')];
  const items = [evidence('q1', ['ac-01'], '2026-02-10T12:00:00.000Z'), evidence('may', ['cm-01'], '2026-05-20T00:00:00.000Z')];
  const now = '2026-11-30T12:00:00.000Z';

  it('reports every slot that ended without evidence, the same number Coverage shows', () => {
    const view = maintainView(type2(), controls, items, pending, now);
    const coverage = buildCoverage(type2(), controls, items, pending, now);
    expect(view.overdueSlots).toBe(coverage.totals.overdue);
    // Q2 and Q3; ten months but May; 333 days (1 January to 29 November).
    expect(view.overdue.map((r) => [r.ref, r.slots.length])).toEqual([
      ['AC-01', 2],
      ['CM-01', 9],
      ['OPS-01', 333],
    ]);
    expect(view.overdueSlots).toBe(2 + 9 + 333);
    expect(view.overdue[0]?.slots.map((s) => s.id)).toEqual(['2026-Q2', '2026-Q3']);
  });

  it('looks ahead only: nothing already overdue is in the schedule twice', () => {
    const audit = type1('2026-11-29');
    const schedule = maintenanceSchedule(audit, controls, [], now);
    expect(schedule.some((r) => r.status === 'overdue')).toBe(true);
    const view = maintainView(audit, controls, [], pending, now);
    expect(view.upcoming.filter((r) => r.status === 'overdue')).toEqual([]);
    expect(view.overdueSlots).toBe(buildCoverage(audit, controls, [], pending, now).totals.overdue);
    expect(view.overdueSlots).toBe(4);
  });

  it('gives the same view from coverage the caller kept as from its own, and takes the overdue slots from it', () => {
    const coverage = buildCoverage(type2(), controls, items, pending, now);
    expect(maintainView(type2(), controls, items, pending, now, coverage)).toEqual(maintainView(type2(), controls, items, pending, now));
    // The kept coverage is what it counts: an (impossible) one with no overdue slot shows none.
    const none = { ...coverage, controls: coverage.controls.map((c) => ({ ...c, cells: c.cells.filter((cell) => cell.status !== 'overdue') })), totals: { ...coverage.totals, overdue: 0 } };
    expect(maintainView(type2(), controls, items, pending, now, none)).toMatchObject({ overdue: [], overdueSlots: 0 });
  });
});
