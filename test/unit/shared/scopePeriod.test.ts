import { describe, expect, it } from 'vitest';
import { describePeriodLength, periodLength, periodLengthWarning } from '../../../shared/scope/period';

describe('periodLength', () => {
  it.each([
    ['2026-01-01', '2026-03-31', 3, 0],
    ['2026-01-15', '2026-04-14', 3, 0],
    ['2026-01-01', '2026-12-31', 12, 0],
    ['2026-01-01', '2027-01-15', 12, 15],
    ['2026-01-01', '2026-03-30', 2, 30],
    ['2026-01-01', '2026-02-28', 2, 0],
    ['2026-01-01', '2026-01-20', 0, 20],
    ['2026-07-01', '2027-06-30', 12, 0],
    // Leap day: February 2028 has 29 days.
    ['2028-02-01', '2028-02-29', 1, 0],
    // A month after 31 January is the last day of February.
    ['2026-01-31', '2026-02-27', 1, 0],
  ])('counts %s to %s as %i months and %i days', (start, end, months, days) => {
    expect(periodLength(start, end)).toEqual({ months, days });
  });

  it('has no length for an impossible date or a period that ends before it starts', () => {
    expect(periodLength('2026-02-30', '2026-06-30')).toBeNull();
    expect(periodLength('2026-06-30', '2026-01-01')).toBeNull();
    expect(periodLength('', '2026-01-01')).toBeNull();
  });
});

describe('describePeriodLength', () => {
  it('reads as a person would say it', () => {
    expect(describePeriodLength({ months: 3, days: 0 })).toBe('3 months');
    expect(describePeriodLength({ months: 1, days: 1 })).toBe('1 month and 1 day');
    expect(describePeriodLength({ months: 12, days: 15 })).toBe('12 months and 15 days');
    expect(describePeriodLength({ months: 0, days: 20 })).toBe('20 days');
  });
});

describe('periodLengthWarning', () => {
  it('accepts exactly 3 months and exactly 12 months', () => {
    expect(periodLengthWarning('2026-01-01', '2026-03-31')).toBeNull();
    expect(periodLengthWarning('2026-01-01', '2026-12-31')).toBeNull();
  });

  it('warns one day short of 3 months, naming the length', () => {
    expect(periodLengthWarning('2026-01-01', '2026-03-30')).toMatch(/^The period is 2 months and 30 days long\..*usually 3 to 12 months/);
  });

  it('warns one day over 12 months', () => {
    expect(periodLengthWarning('2026-01-01', '2027-01-01')).toMatch(/^The period is 12 months and 1 day long\..*at most 12 months/);
  });

  it('warns about a period well over 12 months', () => {
    expect(periodLengthWarning('2026-01-01', '2027-01-15')).toContain('12 months and 15 days');
  });

  it('leaves invalid periods to validation instead of warning', () => {
    expect(periodLengthWarning('2026-12-31', '2026-01-01')).toBeNull();
    expect(periodLengthWarning('2026-01-01', 'soon')).toBeNull();
  });
});
