import { describe, expect, it } from 'vitest';
import type { Frequency } from '../../../shared/domain/types';
import { DUE_SOON_DAYS, LOOKAHEAD_DAYS, describeDaysLeft, dueStatus } from '../../../shared/maintain/due';
import { maintenanceSchedule, type ScheduleControl, type ScheduleEvidence, type ScheduleRow } from '../../../shared/maintain/schedule';
import type { AuditWindow } from '../../../shared/periods/slots';

function type2(periodStart: string, periodEnd: string, timeZone = 'UTC'): AuditWindow {
  return { type: 'type2', asOf: null, periodStart, periodEnd, timeZone };
}

function type1(asOf: string, timeZone = 'UTC'): AuditWindow {
  return { type: 'type1', asOf, periodStart: null, periodEnd: null, timeZone };
}

function control(ref: string, frequency: Frequency): ScheduleControl {
  return { id: `id-${ref}`, ref, title: `${ref} title`, frequency };
}

function evidence(evidenceDate: string, ...refs: string[]): ScheduleEvidence {
  return { controlIds: refs.map((ref) => `id-${ref}`), evidenceDate };
}

function rowOf(rows: readonly ScheduleRow[], ref: string): ScheduleRow {
  const row = rows.find((r) => r.ref === ref);
  if (!row) throw new Error(`no row for ${ref} among ${rows.map((r) => r.ref).join(', ')}`);
  return row;
}

// A Thursday late in the year: 35 days before the end of Q4.
const NOW = '2026-11-26T10:00:00Z';
const FY2026 = type2('2026-01-01', '2026-12-31');

describe('the Maintain schedule', () => {
  it('lists a quarterly control that was never evidenced as due on the last day of the quarter', () => {
    const rows = maintenanceSchedule(FY2026, [control('AC-01', 'quarterly')], [], NOW);
    expect(rows).toEqual([
      {
        controlId: 'id-AC-01',
        ref: 'AC-01',
        title: 'AC-01 title',
        frequency: 'quarterly',
        lastEvidence: null,
        due: '2027-01-01T00:00:00.000Z',
        dueDay: '2026-12-31',
        daysLeft: 35,
        status: 'upcoming',
      },
    ]);
  });

  it('moves a monthly control to the next month once this month has evidence, and reports the latest evidence date', () => {
    const controls = [control('OPS-01', 'monthly'), control('OPS-04', 'monthly')];
    const rows = maintenanceSchedule(
      FY2026,
      controls,
      [evidence('2026-10-03T09:00:00Z', 'OPS-01'), evidence('2026-11-10T09:00:00Z', 'OPS-01'), evidence('2026-10-20T09:00:00Z', 'OPS-04')],
      NOW,
    );
    expect(rowOf(rows, 'OPS-01')).toMatchObject({ lastEvidence: '2026-11-10T09:00:00Z', dueDay: '2026-12-31', status: 'upcoming' });
    expect(rowOf(rows, 'OPS-04')).toMatchObject({ lastEvidence: '2026-10-20T09:00:00Z', dueDay: '2026-11-30', daysLeft: 4, status: 'due-soon' });
  });

  it('counts an item linked to two controls for both', () => {
    const rows = maintenanceSchedule(FY2026, [control('A', 'monthly'), control('B', 'monthly')], [evidence('2026-11-02T12:00:00Z', 'A', 'B')], NOW);
    expect(rows.map((r) => [r.ref, r.dueDay])).toEqual([
      ['A', '2026-12-31'],
      ['B', '2026-12-31'],
    ]);
  });

  it('sorts rows by due date, then by reference in numeric order', () => {
    const controls = [control('AC-10', 'quarterly'), control('EP-01', 'weekly'), control('AC-9', 'quarterly'), control('BC-01', 'daily')];
    const rows = maintenanceSchedule(FY2026, controls, [], NOW);
    expect(rows.map((r) => r.ref)).toEqual(['BC-01', 'EP-01', 'AC-9', 'AC-10']);
    expect(rows.map((r) => r.dueDay)).toEqual(['2026-11-26', '2026-11-29', '2026-12-31', '2026-12-31']);
    expect(rowOf(rows, 'BC-01')).toMatchObject({ daysLeft: 0, status: 'due-soon' });
  });

  it('leaves out per-event controls: events are sampled, not scheduled', () => {
    expect(maintenanceSchedule(FY2026, [control('CM-01', 'per-event')], [], NOW)).toEqual([]);
    expect(maintenanceSchedule(FY2026, [control('CM-01', 'per-event')], [evidence('2026-11-01T00:00:00Z', 'CM-01')], NOW)).toEqual([]);
  });

  it("leaves out a 'once' control evidenced in the period, and lists it while it is not", () => {
    const once = [control('GOV-04', 'once')];
    expect(maintenanceSchedule(FY2026, once, [evidence('2026-02-01T00:00:00Z', 'GOV-04')], NOW)).toEqual([]);
    expect(rowOf(maintenanceSchedule(FY2026, once, [], NOW), 'GOV-04')).toMatchObject({ dueDay: '2026-12-31', status: 'upcoming' });
  });

  it('includes a control due in exactly 90 days and leaves out one due in 91', () => {
    const now = '2026-01-10T15:00:00Z';
    const in90 = maintenanceSchedule(type1('2026-04-10'), [control('X', 'annual')], [], now);
    expect(in90).toHaveLength(1);
    expect(rowOf(in90, 'X')).toMatchObject({ dueDay: '2026-04-10', daysLeft: LOOKAHEAD_DAYS, status: 'upcoming' });
    expect(maintenanceSchedule(type1('2026-04-11'), [control('X', 'annual')], [], now)).toEqual([]);
  });

  it('marks a Type I control overdue by 1 day when the as-of date was yesterday and it has no evidence', () => {
    const rows = maintenanceSchedule(type1('2026-11-25'), [control('AC-01', 'quarterly')], [], NOW);
    expect(rowOf(rows, 'AC-01')).toMatchObject({ lastEvidence: null, dueDay: '2026-11-25', daysLeft: -1, status: 'overdue' });
    expect(describeDaysLeft(-1)).toBe('1 day overdue');
  });

  it('keeps overdue controls however long ago they fell due', () => {
    const rows = maintenanceSchedule(type1('2025-06-30'), [control('AC-01', 'quarterly')], [], NOW);
    expect(rowOf(rows, 'AC-01')).toMatchObject({ status: 'overdue', daysLeft: -514 });
  });

  it('treats a Type I control as done once any item lies in its window, even when a later item lies outside it', () => {
    const audit = type1('2026-11-25');
    const rows = maintenanceSchedule(
      audit,
      [control('AC-01', 'quarterly'), control('AC-02', 'continuous')],
      [evidence('2026-10-01T12:00:00Z', 'AC-01'), evidence('2026-11-26T08:00:00Z', 'AC-01', 'AC-02')],
      NOW,
    );
    expect(rows.map((r) => r.ref)).toEqual(['AC-02']);
    expect(rowOf(rows, 'AC-02')).toMatchObject({ lastEvidence: '2026-11-26T08:00:00Z', status: 'overdue' });
  });

  it('counts days in the audit zone: in New York the evening of 29 November is 1 day before a 30 November deadline', () => {
    const nowUtc = '2026-11-30T03:00:00Z'; // 22:00 on 29 November in New York
    const ny = maintenanceSchedule(type2('2026-01-01', '2026-12-31', 'America/New_York'), [control('OPS-01', 'monthly')], [], nowUtc);
    expect(rowOf(ny, 'OPS-01')).toMatchObject({ due: '2026-12-01T05:00:00.000Z', dueDay: '2026-11-30', daysLeft: 1 });
    const utc = maintenanceSchedule(type2('2026-01-01', '2026-12-31', 'UTC'), [control('OPS-01', 'monthly')], [], nowUtc);
    expect(rowOf(utc, 'OPS-01')).toMatchObject({ dueDay: '2026-11-30', daysLeft: 0 });
  });

  it('clips a quarter to the period end, so every recurring control is due when the period closes', () => {
    const rows = maintenanceSchedule(type2('2025-12-04', '2026-12-03'), [control('AC-01', 'quarterly'), control('RISK-01', 'annual')], [], NOW);
    expect(rows.map((r) => [r.ref, r.dueDay, r.status])).toEqual([
      ['AC-01', '2026-12-03', 'due-soon'],
      ['RISK-01', '2026-12-03', 'due-soon'],
    ]);
  });

  it('rejects an audit window it cannot compute, naming the problem', () => {
    expect(() => maintenanceSchedule(type2('2026-01-01', '2026-12-31', 'Mars/Olympus'), [control('A', 'monthly')], [], NOW)).toThrow(/time zone/);
  });
});

describe('due statuses', () => {
  it.each([
    [-1, 'overdue'],
    [0, 'due-soon'],
    [DUE_SOON_DAYS, 'due-soon'],
    [DUE_SOON_DAYS + 1, 'upcoming'],
    [LOOKAHEAD_DAYS, 'upcoming'],
    [LOOKAHEAD_DAYS + 1, null],
  ] as const)('classifies %i days left as %s', (daysLeft, status) => {
    expect(dueStatus(daysLeft)).toBe(status);
  });

  it.each([
    [0, 'due today'],
    [1, 'in 1 day'],
    [12, 'in 12 days'],
    [-3, '3 days overdue'],
  ] as const)('describes %i days left as "%s"', (daysLeft, text) => {
    expect(describeDaysLeft(daysLeft)).toBe(text);
  });
});
