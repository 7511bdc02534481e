import { tz } from '@date-fns/tz';
import { addMonths, addQuarters, format, getISOWeek, getISOWeekYear, getQuarter, startOfISOWeek } from 'date-fns';
import { describe, it, expect } from 'vitest';
import { FREQUENCIES } from '../../../shared/domain/types';
import type { Frequency } from '../../../shared/domain/types';
import {
  MAX_SLOTS,
  auditWindow,
  cachedSlots,
  computeSlots,
  isInWindow,
  nextDue,
  slotOf,
  slotStatus,
} from '../../../shared/periods/slots';
import type { AuditWindow, Slot, SlotStatus } from '../../../shared/periods/slots';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function type2(periodStart: string, periodEnd: string, timeZone = 'UTC'): AuditWindow {
  return { type: 'type2', asOf: null, periodStart, periodEnd, timeZone };
}

function type1(asOf: string, timeZone = 'UTC'): AuditWindow {
  return { type: 'type1', asOf, periodStart: null, periodEnd: null, timeZone };
}

function ms(iso: string): number {
  return Date.parse(iso);
}

function shift(iso: string, by: number): string {
  return new Date(ms(iso) + by).toISOString();
}

function hoursOf(slot: Slot): number {
  return (ms(slot.end) - ms(slot.start)) / HOUR;
}

function at<T>(list: readonly T[], index: number): T {
  const item = list.at(index);
  if (item === undefined) throw new Error(`no item at ${index} of ${list.length}`);
  return item;
}

function byId(slots: readonly Slot[], id: string): Slot {
  const slot = slots.find((s) => s.id === id);
  if (slot === undefined) throw new Error(`no slot ${id} in ${slots.map((s) => s.id).join(', ')}`);
  return slot;
}

/** The local calendar day of an instant, from Intl — independent of the code under test. */
function localDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** Calendar days from `from` to `to` inclusive, by plain UTC arithmetic. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = ms(`${from}T00:00:00Z`); t <= ms(`${to}T00:00:00Z`); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function addCalendarDays(date: string, days: number): string {
  return new Date(ms(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const GRID: readonly Frequency[] = ['annual', 'semiannual', 'quarterly', 'monthly', 'weekly', 'daily'];
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Santiago'];

describe('auditWindow', () => {
  it('runs a Type II window from local midnight of the first day to local midnight after the last day', () => {
    // New York is at UTC-5 in winter, so its midnight is 05:00Z.
    expect(auditWindow(type2('2026-01-01', '2026-12-31', 'America/New_York'))).toEqual({
      start: '2026-01-01T05:00:00.000Z',
      end: '2027-01-01T05:00:00.000Z',
    });
  });

  it('gives a Type I window of the 90 days up to and including the as-of date', () => {
    const window = auditWindow(type1('2026-06-30'));
    expect(window.end).toBe('2026-07-01T00:00:00.000Z');
    expect((ms(window.end) - ms(window.start)) / DAY).toBe(90);
    expect(daysBetween(window.start.slice(0, 10), '2026-06-30')).toHaveLength(90);
  });

  it('counts the Type I window in calendar days across a change of clocks', () => {
    // 2026-03-08 is the spring-forward day in New York: 90 calendar days are one hour short of 90 × 24 h.
    const window = auditWindow(type1('2026-04-30', 'America/New_York'));
    expect(localDate(window.start, 'America/New_York')).toBe(addCalendarDays('2026-04-30', -89));
    expect((ms(window.end) - ms(window.start)) / HOUR).toBe(90 * 24 - 1);
  });
});

describe('slot counts over the calendar year 2026', () => {
  const year = type2('2026-01-01', '2026-12-31', 'America/New_York');
  const days = daysBetween('2026-01-01', '2026-12-31');
  // An ISO week starts on Monday: one slot per Monday in the year, plus the week already
  // running on 1 January when that is not a Monday (2026-01-01 is a Thursday).
  const mondays = days.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1).length;
  const firstIsMonday = new Date('2026-01-01T00:00:00Z').getUTCDay() === 1;
  const expected: Record<Frequency, number> = {
    once: 1,
    annual: 1,
    semiannual: 2,
    quarterly: 4,
    monthly: 12,
    weekly: mondays + (firstIsMonday ? 0 : 1),
    daily: days.length,
    'per-event': 1,
    continuous: 2,
  };

  for (const frequency of FREQUENCIES) {
    it(`gives ${frequency} ${expected[frequency]} slot(s)`, () => {
      expect(computeSlots(year, frequency)).toHaveLength(expected[frequency]);
    });
  }

  it('derives 53 ISO weeks and 365 days for 2026', () => {
    expect(expected.weekly).toBe(53);
    expect(expected.daily).toBe(365);
  });

  it('gives every slot of a frequency a different id', () => {
    for (const frequency of FREQUENCIES) {
      const ids = computeSlots(year, frequency).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('names the whole period for once and per-event', () => {
    expect(computeSlots(year, 'once')).toEqual([
      { id: 'period', label: 'Period (2026-01-01 – 2026-12-31)', kind: 'period', ...auditWindow(year), partial: false },
    ]);
    expect(computeSlots(year, 'per-event')).toEqual([
      { id: 'population', label: 'Population (2026-01-01 – 2026-12-31)', kind: 'population', ...auditWindow(year), partial: false },
    ]);
  });

  it('names calendar units by their own ids and labels', () => {
    expect(computeSlots(year, 'quarterly').map((s) => [s.id, s.label])).toEqual([1, 2, 3, 4].map((q) => [`2026-Q${q}`, `Q${q} 2026`]));
    expect(at(computeSlots(year, 'monthly'), 2)).toMatchObject({ id: '2026-03', label: 'Mar 2026', kind: 'month', partial: false });
    expect(at(computeSlots(year, 'daily'), 66)).toMatchObject({ id: '2026-03-08', label: '2026-03-08', kind: 'day' });
    expect(computeSlots(year, 'semiannual').map((s) => s.label)).toEqual([
      'Half 1 (2026-01-01 – 2026-06-30)',
      'Half 2 (2026-07-01 – 2026-12-31)',
    ]);
  });
});

describe('slots tile the window at local midnights', () => {
  for (const timeZone of ZONES) {
    it(`covers the period without gaps or overlaps, every boundary the first instant of a day in ${timeZone}`, () => {
      const audit = type2('2026-02-15', '2027-02-14', timeZone);
      const window = auditWindow(audit);
      for (const frequency of GRID) {
        const slots = computeSlots(audit, frequency);
        expect(at(slots, 0).start).toBe(window.start);
        expect(at(slots, -1).end).toBe(window.end);
        slots.forEach((slot, i) => {
          if (i > 0) expect(slot.start).toBe(at(slots, i - 1).end);
          // The instant before a boundary falls on the previous local day.
          expect(localDate(shift(slot.start, -1), timeZone)).not.toBe(localDate(slot.start, timeZone));
        });
      }
    });
  }
});

describe('periods not aligned to quarters', () => {
  const audit = type2('2026-02-15', '2027-02-14', 'America/New_York');
  const slots = computeSlots(audit, 'quarterly');

  it('clips the first and last calendar quarter to the period and marks them partial', () => {
    expect(slots.map((s) => s.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(slots.map((s) => s.partial)).toEqual([true, false, false, false, true]);
  });

  it('starts the first slot at the period start and ends the last at the day after the period', () => {
    expect(localDate(at(slots, 0).start, 'America/New_York')).toBe('2026-02-15');
    expect(at(slots, 0).start).toBe('2026-02-15T05:00:00.000Z');
    expect(at(slots, 0).end).toBe('2026-04-01T04:00:00.000Z');
    expect(at(slots, -1).start).toBe('2027-01-01T05:00:00.000Z');
    expect(at(slots, -1).end).toBe('2027-02-15T05:00:00.000Z');
  });

  it('labels years by their clipped range and marks a short last year partial', () => {
    const exact = computeSlots(type2('2026-04-01', '2027-03-31'), 'annual');
    expect(exact).toEqual([
      { id: 'Y1', label: 'Year 1 (2026-04-01 – 2027-03-31)', kind: 'year', ...auditWindow(type2('2026-04-01', '2027-03-31')), partial: false },
    ]);
    const longer = computeSlots(type2('2026-04-01', '2027-09-30'), 'annual');
    expect(longer.map((s) => [s.id, s.label, s.partial])).toEqual([
      ['Y1', 'Year 1 (2026-04-01 – 2027-03-31)', false],
      ['Y2', 'Year 2 (2027-04-01 – 2027-09-30)', true],
    ]);
  });

  it('counts half years from the period start, not from January', () => {
    const halves = computeSlots(type2('2026-04-01', '2027-03-31'), 'semiannual');
    expect(halves.map((s) => [s.id, s.label, s.partial])).toEqual([
      ['H1', 'Half 1 (2026-04-01 – 2026-09-30)', false],
      ['H2', 'Half 2 (2026-10-01 – 2027-03-31)', false],
    ]);
  });

  it('ends a half year starting on the 31st at the end of the shorter month', () => {
    const halves = computeSlots(type2('2026-08-31', '2027-08-30'), 'semiannual');
    expect(halves.map((s) => s.label)).toEqual(['Half 1 (2026-08-31 – 2027-02-28)', 'Half 2 (2027-03-01 – 2027-08-30)']);
  });

  it('clips months and ISO weeks at both ends', () => {
    const months = computeSlots(audit, 'monthly');
    expect(at(months, 0)).toMatchObject({ id: '2026-02', partial: true });
    expect(at(months, -1)).toMatchObject({ id: '2027-02', partial: true, end: auditWindow(audit).end });
    expect(months).toHaveLength(13);
    const weeks = computeSlots(audit, 'weekly');
    // 2026-02-15 is a Sunday: its week began on Monday the 9th.
    expect(at(weeks, 0)).toMatchObject({ id: '2026-W07', partial: true });
    expect(hoursOf(at(weeks, 0))).toBe(24);
  });
});

describe('leap days', () => {
  it('gives February 2028 29 days and February 2027 28', () => {
    const feb2028 = byId(computeSlots(type2('2028-01-01', '2028-03-31'), 'monthly'), '2028-02');
    const feb2027 = byId(computeSlots(type2('2027-01-01', '2027-03-31'), 'monthly'), '2027-02');
    expect(feb2028.label).toBe('Feb 2028');
    expect(hoursOf(feb2028)).toBe(29 * 24);
    expect(hoursOf(feb2027)).toBe(28 * 24);
  });

  it('has a daily slot for 2028-02-29', () => {
    const slots = computeSlots(type2('2028-02-28', '2028-03-01', 'Europe/Berlin'), 'daily');
    expect(slots.map((s) => s.id)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(slotOf(slots, '2028-02-29T12:00:00+01:00')?.id).toBe('2028-02-29');
  });

  it('makes a 12-month period starting on 2028-02-29 exactly one year', () => {
    const slots = computeSlots(type2('2028-02-29', '2029-02-28'), 'annual');
    expect(slots.map((s) => [s.id, s.label, s.partial])).toEqual([['Y1', 'Year 1 (2028-02-29 – 2029-02-28)', false]]);
  });

  it('continues yearly blocks from 2028-02-29 without drifting', () => {
    const slots = computeSlots(type2('2028-02-29', '2032-02-28'), 'annual');
    expect(slots.map((s) => s.label)).toEqual([
      'Year 1 (2028-02-29 – 2029-02-28)',
      'Year 2 (2029-03-01 – 2030-02-28)',
      'Year 3 (2030-03-01 – 2031-02-28)',
      'Year 4 (2031-03-01 – 2032-02-28)',
    ]);
    // 2032-02-29 exists, so the fourth year ends on the 28th like the others and is whole.
    expect(slots.map((s) => s.partial)).toEqual([false, false, false, false]);
    const oneDayMore = computeSlots(type2('2028-02-29', '2032-02-29'), 'annual');
    expect(at(oneDayMore, -1)).toMatchObject({ id: 'Y5', label: 'Year 5 (2032-02-29 – 2032-02-29)', partial: true });
  });

  it('rejects 29 February in a common year', () => {
    expect(() => computeSlots(type2('2027-02-01', '2027-02-29'), 'daily')).toThrow(/periodEnd "2027-02-29" is not a valid calendar date/);
  });
});

describe('changes of clocks', () => {
  const newYork = type2('2026-01-01', '2026-12-31', 'America/New_York');
  const berlin = type2('2026-01-01', '2026-12-31', 'Europe/Berlin');

  it('moves the UTC offset of New York month boundaries with daylight saving', () => {
    const months = computeSlots(newYork, 'monthly');
    // EST is UTC-5, EDT UTC-4; clocks change on 2026-03-08 and 2026-11-01 at 02:00 local.
    expect(byId(months, '2026-03').start).toBe('2026-03-01T05:00:00.000Z');
    expect(byId(months, '2026-04').start).toBe('2026-04-01T04:00:00.000Z');
    expect(byId(months, '2026-11').start).toBe('2026-11-01T04:00:00.000Z');
    expect(byId(months, '2026-12').start).toBe('2026-12-01T05:00:00.000Z');
    expect(hoursOf(byId(months, '2026-03'))).toBe(31 * 24 - 1);
    expect(hoursOf(byId(months, '2026-11'))).toBe(30 * 24 + 1);
  });

  it('gives the New York spring-forward day 23 hours and the fall-back day 25', () => {
    const days = computeSlots(newYork, 'daily');
    expect(byId(days, '2026-03-08')).toMatchObject({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(hoursOf(byId(days, '2026-03-08'))).toBe(23);
    expect(hoursOf(byId(days, '2026-03-09'))).toBe(24);
    expect(hoursOf(byId(days, '2026-11-01'))).toBe(25);
    expect(byId(days, '2026-11-02').start).toBe('2026-11-02T05:00:00.000Z');
  });

  it('gives the Berlin spring-forward day 23 hours and the fall-back day 25', () => {
    const days = computeSlots(berlin, 'daily');
    // CET is UTC+1, CEST UTC+2; clocks change on 2026-03-29 and 2026-10-25.
    expect(byId(days, '2026-03-29')).toMatchObject({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(hoursOf(byId(days, '2026-03-29'))).toBe(23);
    expect(byId(days, '2026-10-25')).toMatchObject({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
    expect(hoursOf(byId(days, '2026-10-25'))).toBe(25);
  });

  it('shortens the Berlin ISO week holding the spring change by one hour', () => {
    const weeks = computeSlots(berlin, 'weekly');
    const week = slotOf(weeks, '2026-03-29T12:00:00Z');
    expect(week?.id).toBe('2026-W13');
    expect(week === null ? null : hoursOf(week)).toBe(7 * 24 - 1);
  });

  it('starts a day whose midnight is skipped (Santiago) at its first instant, 01:00 local', () => {
    const days = computeSlots(type2('2026-09-05', '2026-09-07', 'America/Santiago'), 'daily');
    expect(byId(days, '2026-09-06').start).toBe('2026-09-06T04:00:00.000Z');
    expect(hoursOf(byId(days, '2026-09-05'))).toBe(24);
    expect(hoursOf(byId(days, '2026-09-06'))).toBe(23);
  });
});

describe('time zones far from UTC', () => {
  const kiritimati = type2('2026-01-01', '2026-01-31', 'Pacific/Kiritimati');
  const pagoPago = type2('2026-01-01', '2026-01-31', 'Pacific/Pago_Pago');

  it('puts the boundaries at local midnight, 25 hours apart for +14 and -11', () => {
    expect(auditWindow(kiritimati).start).toBe('2025-12-31T10:00:00.000Z');
    expect(auditWindow(pagoPago).start).toBe('2026-01-01T11:00:00.000Z');
    expect((ms(auditWindow(pagoPago).start) - ms(auditWindow(kiritimati).start)) / HOUR).toBe(25);
  });

  it('files the same instant under different local days', () => {
    const instant = '2026-01-01T05:00:00Z';
    expect(slotOf(computeSlots(kiritimati, 'daily'), instant)?.id).toBe('2026-01-01');
    expect(isInWindow(kiritimati, instant)).toBe(true);
    expect(slotOf(computeSlots(pagoPago, 'daily'), instant)).toBeNull();
    expect(isInWindow(pagoPago, instant)).toBe(false);
    expect(slotOf(computeSlots(pagoPago, 'daily'), '2026-01-31T12:00:00Z')?.id).toBe('2026-01-31');
    expect(slotOf(computeSlots(kiritimati, 'daily'), '2026-01-31T12:00:00Z')).toBeNull();
  });
});

describe('slotOf and isInWindow', () => {
  const audit = type2('2026-01-01', '2026-12-31', 'America/New_York');
  const months = computeSlots(audit, 'monthly');
  const window = auditWindow(audit);

  it('puts evidence exactly on a boundary in the later slot', () => {
    expect(slotOf(months, byId(months, '2026-04').start)?.id).toBe('2026-04');
  });

  it('puts evidence one millisecond before a boundary in the earlier slot', () => {
    expect(slotOf(months, shift(byId(months, '2026-04').start, -1))?.id).toBe('2026-03');
  });

  it('reads instants given with an offset', () => {
    expect(slotOf(months, '2026-04-01T00:00:00-04:00')?.id).toBe('2026-04');
    expect(slotOf(months, '2026-03-31T23:59:59.999-04:00')?.id).toBe('2026-03');
  });

  it('counts the first instant of the window and the last millisecond in it', () => {
    expect(slotOf(months, window.start)?.id).toBe('2026-01');
    expect(isInWindow(audit, window.start)).toBe(true);
    expect(slotOf(months, shift(window.end, -1))?.id).toBe('2026-12');
    expect(isInWindow(audit, shift(window.end, -1))).toBe(true);
  });

  it('finds no slot for evidence before the period starts', () => {
    expect(slotOf(months, shift(window.start, -1))).toBeNull();
    expect(isInWindow(audit, shift(window.start, -1))).toBe(false);
    expect(isInWindow(audit, '2025-06-01T12:00:00Z')).toBe(false);
  });

  it('finds no slot for evidence at or after the end of the period', () => {
    expect(slotOf(months, window.end)).toBeNull();
    expect(isInWindow(audit, window.end)).toBe(false);
    expect(slotOf(months, '2027-04-15T12:00:00Z')).toBeNull();
  });

  it('treats midnight UTC on the first day as outside a New York period', () => {
    expect(isInWindow(audit, '2026-01-01T00:00:00Z')).toBe(false);
  });
});

describe('continuous controls', () => {
  it('needs evidence in the first and the last 30 days of the period', () => {
    const audit = type2('2026-01-01', '2026-12-31', 'Europe/Berlin');
    const [start, end] = computeSlots(audit, 'continuous');
    expect(start).toMatchObject({ id: 'start', kind: 'start', label: 'Period start', start: auditWindow(audit).start, partial: false });
    expect(end).toMatchObject({ id: 'end', kind: 'end', label: 'Period end', end: auditWindow(audit).end, partial: false });
    expect(start === undefined ? null : localDate(start.end, 'Europe/Berlin')).toBe(addCalendarDays('2026-01-01', 30));
    expect(end === undefined ? null : localDate(end.start, 'Europe/Berlin')).toBe(addCalendarDays('2027-01-01', -30));
    expect(slotOf(computeSlots(audit, 'continuous'), '2026-06-15T12:00:00Z')).toBeNull();
  });

  it('lets the two slots overlap in a period under 60 days, and slotOf picks the first', () => {
    const slots = computeSlots(type2('2026-01-01', '2026-02-14'), 'continuous');
    const [start, end] = slots;
    expect(start !== undefined && end !== undefined && ms(end.start) < ms(start.end)).toBe(true);
    expect(slotOf(slots, '2026-01-20T12:00:00Z')?.id).toBe('start');
    expect(slotOf(slots, '2026-02-10T12:00:00Z')?.id).toBe('end');
  });

  it('clips both slots to a period under 30 days and marks them partial', () => {
    const audit = type2('2026-01-01', '2026-01-20');
    const slots = computeSlots(audit, 'continuous');
    for (const slot of slots) expect(slot).toMatchObject({ ...auditWindow(audit), partial: true });
  });
});

describe('Type I audits', () => {
  const audit = type1('2026-06-30', 'America/New_York');
  const window = auditWindow(audit);

  for (const frequency of FREQUENCIES) {
    it(`gives ${frequency} controls the one as-of slot over the 90-day window`, () => {
      expect(computeSlots(audit, frequency)).toEqual([
        { id: 'as-of', label: 'As of 2026-06-30', kind: 'as-of', start: window.start, end: window.end, partial: false },
      ]);
    });
  }

  it('counts evidence from the window but not from the day before it or after the as-of date', () => {
    const slots = computeSlots(audit, 'quarterly');
    expect(localDate(window.start, 'America/New_York')).toBe(addCalendarDays('2026-06-30', -89));
    expect(slotOf(slots, '2026-06-30T23:59:59-04:00')?.id).toBe('as-of');
    expect(slotOf(slots, '2026-07-01T00:00:00-04:00')).toBeNull();
    expect(slotOf(slots, shift(window.start, -1))).toBeNull();
    expect(isInWindow(audit, '2026-05-15T12:00:00Z')).toBe(true);
    expect(isInWindow(audit, '2026-03-15T12:00:00Z')).toBe(false);
  });

  it('ignores period dates left on a Type I audit', () => {
    const withPeriod: AuditWindow = { ...audit, periodStart: '2020-01-01', periodEnd: '2020-12-31' };
    expect(auditWindow(withPeriod)).toEqual(window);
  });
});

describe('ISO week ids across year ends', () => {
  it('puts 2027-01-01 in 2026-W53', () => {
    const weeks = computeSlots(type2('2026-12-21', '2027-01-10'), 'weekly');
    expect(weeks.map((w) => w.id)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(slotOf(weeks, '2027-01-01T12:00:00Z')).toMatchObject({ id: '2026-W53', label: 'Week 53, 2026', kind: 'week' });
    expect(byId(weeks, '2027-W01').start).toBe('2027-01-04T00:00:00.000Z');
  });

  it('puts Monday 2024-12-30 in 2025-W01', () => {
    const weeks = computeSlots(type2('2024-12-23', '2025-01-05'), 'weekly');
    expect(weeks.map((w) => [w.id, w.partial])).toEqual([
      ['2024-W52', false],
      ['2025-W01', false],
    ]);
  });

  it('puts Sunday 2021-01-03 in 2020-W53', () => {
    const weeks = computeSlots(type2('2020-12-28', '2021-01-10'), 'weekly');
    expect(slotOf(weeks, '2021-01-03T12:00:00Z')?.id).toBe('2020-W53');
    expect(slotOf(weeks, '2021-01-04T00:00:00Z')?.id).toBe('2021-W01');
  });

  it('clips the ISO weeks that straddle the ends of 2026', () => {
    const weeks = computeSlots(type2('2026-01-01', '2026-12-31'), 'weekly');
    expect(at(weeks, 0)).toMatchObject({ id: '2026-W01', label: 'Week 1, 2026', start: '2026-01-01T00:00:00.000Z', partial: true });
    expect(at(weeks, 1)).toMatchObject({ id: '2026-W02', start: '2026-01-05T00:00:00.000Z', partial: false });
    expect(at(weeks, -1)).toMatchObject({ id: '2026-W53', end: '2027-01-01T00:00:00.000Z', partial: true });
  });
});

describe('slotStatus', () => {
  const slot = at(computeSlots(type2('2026-01-01', '2026-12-31'), 'monthly'), 0);
  const before = shift(slot.end, -1);
  const after = slot.end;
  type Review = 'pending' | 'approved' | 'rejected';
  const cases: [Review[], SlotStatus, SlotStatus][] = [
    // items, status before the slot ends, status once it has ended
    [[], 'missing', 'overdue'],
    [['pending'], 'collected', 'collected'],
    [['approved'], 'approved', 'approved'],
    [['rejected'], 'rejected', 'rejected'],
    [['rejected', 'rejected'], 'rejected', 'rejected'],
    [['pending', 'approved'], 'approved', 'approved'],
    [['rejected', 'approved'], 'approved', 'approved'],
    [['pending', 'rejected'], 'collected', 'collected'],
    [['rejected', 'pending', 'rejected'], 'collected', 'collected'],
    [['rejected', 'pending', 'approved'], 'approved', 'approved'],
    [['pending', 'pending'], 'collected', 'collected'],
  ];

  for (const [reviews, whileOpen, afterEnd] of cases) {
    const items = reviews.map((review) => ({ review }));
    const name = reviews.length === 0 ? 'no items' : reviews.join(' + ');
    it(`is ${whileOpen} with ${name} before the slot ends and ${afterEnd} after`, () => {
      expect(slotStatus(slot, items, before)).toBe(whileOpen);
      expect(slotStatus(slot, items, after)).toBe(afterEnd);
    });
  }

  it('turns an empty slot overdue exactly when it ends', () => {
    expect(slotStatus(slot, [], shift(slot.end, -1))).toBe('missing');
    expect(slotStatus(slot, [], slot.end)).toBe('overdue');
  });

  it('is missing, not overdue, for an empty slot that has not begun', () => {
    expect(slotStatus(slot, [], shift(slot.start, -DAY))).toBe('missing');
  });
});

describe('nextDue', () => {
  const newYork = type2('2026-01-01', '2026-12-31', 'America/New_York');
  const utcYear = type2('2026-01-01', '2026-12-31');

  it('is the end of the current slot when it has no evidence yet', () => {
    const march = byId(computeSlots(newYork, 'monthly'), '2026-03');
    expect(nextDue(newYork, 'monthly', null, '2026-03-15T12:00:00Z')).toBe(march.end);
    expect(nextDue(newYork, 'monthly', '2026-02-20T12:00:00Z', '2026-03-15T12:00:00Z')).toBe(march.end);
  });

  it('is the end of the next slot when the current one has evidence', () => {
    const april = byId(computeSlots(newYork, 'monthly'), '2026-04');
    expect(nextDue(newYork, 'monthly', '2026-03-02T12:00:00Z', '2026-03-15T12:00:00Z')).toBe(april.end);
  });

  it('is the end of the first slot before the period has begun', () => {
    const january = byId(computeSlots(newYork, 'monthly'), '2026-01');
    expect(nextDue(newYork, 'monthly', null, '2025-12-15T12:00:00Z')).toBe(january.end);
  });

  it('follows the local day for daily controls across a change of clocks', () => {
    const days = computeSlots(newYork, 'daily');
    expect(nextDue(newYork, 'daily', null, '2026-03-08T15:00:00Z')).toBe(byId(days, '2026-03-08').end);
    expect(nextDue(newYork, 'daily', '2026-03-08T14:00:00Z', '2026-03-08T15:00:00Z')).toBe(byId(days, '2026-03-09').end);
    expect(byId(days, '2026-03-08').end).toBe('2026-03-09T04:00:00.000Z');
  });

  it('continues the calendar cadence after the period ends', () => {
    expect(nextDue(utcYear, 'quarterly', '2026-12-01T00:00:00Z', '2027-02-10T00:00:00Z')).toBe('2027-04-01T00:00:00.000Z');
    expect(nextDue(utcYear, 'quarterly', '2027-01-20T00:00:00Z', '2027-02-10T00:00:00Z')).toBe('2027-07-01T00:00:00.000Z');
    expect(nextDue(utcYear, 'weekly', null, '2027-01-13T00:00:00Z')).toBe('2027-01-18T00:00:00.000Z');
  });

  it('continues yearly blocks from the period start after the period ends', () => {
    const audit = type2('2026-04-01', '2027-03-31');
    expect(nextDue(audit, 'annual', '2026-05-01T00:00:00Z', '2027-06-01T00:00:00Z')).toBe('2028-04-01T00:00:00.000Z');
    expect(nextDue(audit, 'annual', '2027-05-01T00:00:00Z', '2027-06-01T00:00:00Z')).toBe('2029-04-01T00:00:00.000Z');
    expect(nextDue(audit, 'semiannual', '2027-05-01T00:00:00Z', '2027-06-01T00:00:00Z')).toBe('2028-04-01T00:00:00.000Z');
  });

  it('gives the same answer just before and just after a period that ends mid-quarter', () => {
    const audit = type2('2026-02-15', '2027-02-14');
    const last = at(computeSlots(audit, 'quarterly'), -1);
    expect(last.end).toBe('2027-02-15T00:00:00.000Z');
    // Evidence in the clipped last quarter: the next slot is the rest of that quarter.
    expect(nextDue(audit, 'quarterly', '2027-01-20T00:00:00Z', '2027-02-01T00:00:00Z')).toBe('2027-04-01T00:00:00.000Z');
    expect(nextDue(audit, 'quarterly', '2027-01-20T00:00:00Z', '2027-03-01T00:00:00Z')).toBe('2027-04-01T00:00:00.000Z');
    expect(nextDue(audit, 'quarterly', null, '2027-02-01T00:00:00Z')).toBe(last.end);
    expect(nextDue(audit, 'quarterly', '2027-02-20T00:00:00Z', '2027-03-01T00:00:00Z')).toBe('2027-07-01T00:00:00.000Z');
  });

  it('is the end of the period for a once control without evidence in the window, else null', () => {
    const end = auditWindow(newYork).end;
    expect(nextDue(newYork, 'once', null, '2026-03-01T00:00:00Z')).toBe(end);
    expect(nextDue(newYork, 'once', '2025-12-31T12:00:00Z', '2026-03-01T00:00:00Z')).toBe(end);
    expect(nextDue(newYork, 'once', end, '2027-03-01T00:00:00Z')).toBe(end);
    expect(nextDue(newYork, 'once', '2026-02-01T12:00:00Z', '2026-03-01T00:00:00Z')).toBeNull();
  });

  it('is null for per-event controls', () => {
    expect(nextDue(newYork, 'per-event', null, '2026-03-01T00:00:00Z')).toBeNull();
    expect(nextDue(newYork, 'per-event', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')).toBeNull();
  });

  it('is the end of the end slot for continuous controls until that slot has evidence', () => {
    const [, endSlot] = computeSlots(utcYear, 'continuous');
    expect(endSlot?.start).toBe('2026-12-02T00:00:00.000Z');
    expect(nextDue(utcYear, 'continuous', null, '2026-01-10T00:00:00Z')).toBe(auditWindow(utcYear).end);
    expect(nextDue(utcYear, 'continuous', '2026-01-10T00:00:00Z', '2026-06-01T00:00:00Z')).toBe(auditWindow(utcYear).end);
    expect(nextDue(utcYear, 'continuous', shift('2026-12-02T00:00:00.000Z', -1), '2026-12-20T00:00:00Z')).toBe(auditWindow(utcYear).end);
    expect(nextDue(utcYear, 'continuous', '2026-12-02T00:00:00.000Z', '2026-12-20T00:00:00Z')).toBeNull();
  });

  it('is the end of the as-of window for a Type I control until it has evidence there', () => {
    const audit = type1('2026-06-30', 'Europe/Berlin');
    const window = auditWindow(audit);
    expect(nextDue(audit, 'monthly', null, '2026-06-01T00:00:00Z')).toBe(window.end);
    expect(nextDue(audit, 'monthly', shift(window.start, -1), '2026-06-01T00:00:00Z')).toBe(window.end);
    expect(nextDue(audit, 'monthly', window.start, '2026-06-01T00:00:00Z')).toBeNull();
  });
});

describe('input validation', () => {
  it('rejects an unknown time zone everywhere', () => {
    const mars = type2('2026-01-01', '2026-12-31', 'Mars/Olympus');
    expect(() => computeSlots(mars, 'monthly')).toThrow(/time zone "Mars\/Olympus"/);
    expect(() => auditWindow(mars)).toThrow(/time zone/);
    expect(() => isInWindow(mars, '2026-03-01T00:00:00Z')).toThrow(/time zone/);
    expect(() => nextDue(mars, 'monthly', null, '2026-03-01T00:00:00Z')).toThrow(/time zone/);
    expect(() => computeSlots(type2('2026-01-01', '2026-12-31', ''), 'monthly')).toThrow(/time zone/);
  });

  it('rejects a period that ends before it starts', () => {
    expect(() => computeSlots(type2('2026-12-31', '2026-01-01'), 'monthly')).toThrow(/periodEnd 2026-01-01 is before periodStart 2026-12-31/);
  });

  it('accepts a one-day period', () => {
    const slots = computeSlots(type2('2026-05-05', '2026-05-05'), 'daily');
    expect(slots.map((s) => [s.id, s.partial])).toEqual([['2026-05-05', false]]);
    expect(computeSlots(type2('2026-05-05', '2026-05-05'), 'monthly').map((s) => [s.id, s.partial])).toEqual([['2026-05', true]]);
  });

  it('rejects missing dates', () => {
    expect(() => computeSlots({ ...type2('2026-01-01', '2026-12-31'), periodStart: null }, 'monthly')).toThrow(/periodStart is missing/);
    expect(() => computeSlots({ ...type2('2026-01-01', '2026-12-31'), periodEnd: '' }, 'monthly')).toThrow(/periodEnd is missing/);
    expect(() => computeSlots({ ...type1('2026-06-30'), asOf: null }, 'monthly')).toThrow(/asOf is missing/);
  });

  for (const bad of ['2026-02-30', '2026-13-01', '2026-1-05', '26-01-01', '0099-01-01', '2026-01-01T00:00:00Z', 'soon']) {
    it(`rejects the calendar date ${JSON.stringify(bad)}`, () => {
      expect(() => auditWindow(type2(bad, '2026-12-31'))).toThrow(/periodStart .* is not a valid calendar date/);
      expect(() => auditWindow(type1(bad))).toThrow(/asOf .* is not a valid calendar date/);
    });
  }

  for (const bad of ['2026-03-01', '2026-03-01T12:00:00', 'yesterday', '']) {
    it(`rejects the instant ${JSON.stringify(bad)}, which names no zone`, () => {
      const audit = type2('2026-01-01', '2026-12-31');
      const slot = at(computeSlots(audit, 'monthly'), 0);
      expect(() => slotOf([slot], bad)).toThrow(/not an ISO instant/);
      expect(() => isInWindow(audit, bad)).toThrow(/not an ISO instant/);
      expect(() => slotStatus(slot, [], bad)).toThrow(/not an ISO instant/);
      expect(() => nextDue(audit, 'monthly', null, bad)).toThrow(/not an ISO instant/);
      expect(() => nextDue(audit, 'monthly', bad, '2026-03-01T00:00:00Z')).toThrow(/not an ISO instant/);
    });
  }

  it('rejects an unknown frequency and an unknown audit type', () => {
    const audit = type2('2026-01-01', '2026-12-31');
    expect(() => computeSlots(audit, 'hourly' as Frequency)).toThrow(/Unknown frequency "hourly"/);
    expect(() => nextDue(audit, 'hourly' as Frequency, null, '2026-03-01T00:00:00Z')).toThrow(/Unknown frequency "hourly"/);
    expect(() => auditWindow({ ...audit, type: 'type3' as AuditWindow['type'] })).toThrow(/Unknown audit type "type3"/);
  });

  it('allows long daily and weekly periods', () => {
    expect(computeSlots(type2('2026-01-01', '2027-12-31'), 'daily')).toHaveLength(daysBetween('2026-01-01', '2027-12-31').length);
    expect(computeSlots(type2('2026-01-05', '2027-12-26'), 'weekly')).toHaveLength(daysBetween('2026-01-05', '2027-12-26').length / 7);
  });

  it(`allows exactly ${MAX_SLOTS} slots and refuses one more`, () => {
    const last = addCalendarDays('2026-01-01', MAX_SLOTS - 1);
    expect(computeSlots(type2('2026-01-01', last), 'daily')).toHaveLength(MAX_SLOTS);
    expect(() => computeSlots(type2('2026-01-01', addCalendarDays(last, 1)), 'daily')).toThrow(/more than 5000 slots/);
    expect(() => computeSlots(type2('1900-01-01', '9999-12-31'), 'daily')).toThrow(/more than 5000 slots/);
  });
});

describe('slotOf by binary search', () => {
  /** The definition slotOf replaced: the first slot containing the instant, by a scan. */
  function scan(slots: readonly Slot[], instant: string): Slot | null {
    const t = ms(instant);
    return slots.find((slot) => ms(slot.start) <= t && t < ms(slot.end)) ?? null;
  }

  it('finds the slot a scan finds, for every frequency, on every boundary and between them', () => {
    const audits = [type2('2026-01-01', '2026-12-31', 'America/New_York'), type2('2026-02-15', '2027-02-14', 'Asia/Kolkata'), type1('2026-06-30', 'Europe/Berlin')];
    for (const audit of audits) {
      for (const frequency of FREQUENCIES) {
        const slots = computeSlots(audit, frequency);
        const instants = slots.flatMap((slot) => [slot.start, slot.end, shift(slot.start, -1), shift(slot.end, -1), shift(slot.start, 7 * HOUR)]);
        instants.push('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
        for (const instant of instants) expect(slotOf(slots, instant)?.id ?? null).toBe(scan(slots, instant)?.id ?? null);
      }
    }
  });

  it("takes the first of overlapping slots, as the scan did: a short period's continuous start and end", () => {
    const slots = computeSlots(type2('2026-01-01', '2026-02-14'), 'continuous');
    expect(ms(slots[1]?.start ?? '')).toBeLessThan(ms(slots[0]?.end ?? ''));
    for (let t = ms('2026-01-01T00:00:00Z'); t < ms('2026-02-15T00:00:00Z'); t += 6 * HOUR) {
      const instant = new Date(t).toISOString();
      expect(slotOf(slots, instant)?.id).toBe(scan(slots, instant)?.id);
    }
  });

  it('hands out one shared list per window and frequency, equal to a fresh computation', () => {
    const audit = type2('2026-01-01', '2026-12-31', 'America/New_York');
    const shared = cachedSlots(audit, 'daily');
    expect(cachedSlots({ ...audit }, 'daily')).toBe(shared);
    expect(shared).toEqual(computeSlots(audit, 'daily'));
    expect(cachedSlots({ ...audit, timeZone: 'UTC' }, 'daily')).not.toBe(shared);
  });
});

describe('calendar units against date-fns, day by day over twelve years', () => {
  // The units are plain UTC arithmetic (issue #12: date-fns' zoned dates were 90 ms of the Maintain
  // step); date-fns is the oracle here for every ISO week, month and quarter of 2020-2031.
  const audit = type2('2020-01-01', '2031-12-31');
  const utc = { in: tz('UTC') };

  it('starts every ISO week on a Monday and names it by its ISO week-numbering year and number', () => {
    const weeks = computeSlots(audit, 'weekly');
    expect(weeks).toHaveLength(627);
    for (const slot of weeks.slice(1, -1)) {
      const start = new Date(slot.start);
      expect(startOfISOWeek(start, utc).getTime()).toBe(start.getTime());
      expect(slot.id).toBe(`${getISOWeekYear(start, utc)}-W${String(getISOWeek(start, utc)).padStart(2, '0')}`);
      expect(slot.label).toBe(`Week ${getISOWeek(start, utc)}, ${getISOWeekYear(start, utc)}`);
      expect(ms(slot.end) - ms(slot.start)).toBe(7 * DAY);
    }
  });

  it('names every month and quarter as date-fns does and ends it where the next begins', () => {
    const months = computeSlots(audit, 'monthly');
    expect(months).toHaveLength(144);
    for (const slot of months) {
      const start = new Date(slot.start);
      expect(slot.id).toBe(format(start, 'yyyy-MM', utc));
      expect(slot.label).toBe(format(start, 'MMM yyyy', utc));
      expect(ms(slot.end)).toBe(addMonths(start, 1, utc).getTime());
    }
    const quarters = computeSlots(audit, 'quarterly');
    expect(quarters).toHaveLength(48);
    for (const slot of quarters) {
      const start = new Date(slot.start);
      expect(slot.id).toBe(`${start.getUTCFullYear()}-Q${getQuarter(start, utc)}`);
      expect(ms(slot.end)).toBe(addQuarters(start, 1, utc).getTime());
    }
  });

  it('places every day of the twelve years in the unit date-fns puts it in', () => {
    const weeks = computeSlots(audit, 'weekly');
    const months = computeSlots(audit, 'monthly');
    for (let day = ms('2020-01-01T00:00:00Z'); day < ms('2032-01-01T00:00:00Z'); day += DAY) {
      const at = new Date(day + 12 * HOUR).toISOString();
      const date = new Date(day);
      expect(slotOf(months, at)?.id).toBe(format(date, 'yyyy-MM', utc));
      const week = slotOf(weeks, at);
      expect(week?.id.endsWith(`W${String(getISOWeek(date, utc)).padStart(2, '0')}`)).toBe(true);
    }
  });
});
