/**
 * How long a Type II audit period is, in calendar months. DESIGN.md §1: a Type II report covers
 * 3 to 12 months. Outside that range the app warns but still saves: an auditor may agree to a
 * short first period, and the user knows their engagement letter better than we do.
 */
import { isCalendarDate } from '../domain/audit';

export const MIN_PERIOD_MONTHS = 3;
export const MAX_PERIOD_MONTHS = 12;

export interface PeriodLength {
  /** Whole calendar months. */
  readonly months: number;
  /** Days left over after the whole months. */
  readonly days: number;
}

interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parse(date: string): Ymd {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Date.UTC milliseconds of a calendar date: day arithmetic without any time zone. */
function utc(d: Ymd): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

/** The same day `months` later, clamped to the end of a shorter month (Jan 31 + 1 = Feb 28 or 29). */
function addMonths(d: Ymd, months: number): Ymd {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

const DAY_MS = 86_400_000;

/**
 * The length of the period start..end, both days included, as whole months plus days:
 * 2026-01-01..2026-03-31 is 3 months, 2026-01-15..2026-04-14 is 3 months,
 * 2026-01-01..2027-01-15 is 12 months and 15 days. null when a date is not a calendar date or the
 * period ends before it starts.
 */
export function periodLength(start: string, end: string): PeriodLength | null {
  if (!isCalendarDate(start) || !isCalendarDate(end) || end < start) return null;
  const from = parse(start);
  const to = parse(end);
  // The day after the last day: a period of N months ends where N months after the start begins.
  const afterEnd = utc(to) + DAY_MS;
  let months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  while (months > 0 && utc(addMonths(from, months)) > afterEnd) months -= 1;
  const days = Math.round((afterEnd - utc(addMonths(from, months))) / DAY_MS);
  return { months, days };
}

/** '3 months', '1 month and 1 day', '12 months and 15 days', '20 days'. */
export function describePeriodLength(length: PeriodLength): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (length.months === 0) return plural(length.days, 'day');
  if (length.days === 0) return plural(length.months, 'month');
  return `${plural(length.months, 'month')} and ${plural(length.days, 'day')}`;
}

/**
 * A warning when a Type II period is shorter than 3 or longer than 12 months; null when it is
 * within range or the dates are not (yet) a valid period (validation reports those).
 */
export function periodLengthWarning(start: string, end: string): string | null {
  const length = periodLength(start, end);
  if (length === null) return null;
  const described = describePeriodLength(length);
  if (length.months < MIN_PERIOD_MONTHS) {
    return `The period is ${described} long. A SOC 2 Type II period is usually ${MIN_PERIOD_MONTHS} to ${MAX_PERIOD_MONTHS} months; check with your auditor before using a shorter one.`;
  }
  if (length.months > MAX_PERIOD_MONTHS || (length.months === MAX_PERIOD_MONTHS && length.days > 0)) {
    return `The period is ${described} long. A SOC 2 Type II report covers at most ${MAX_PERIOD_MONTHS} months; check with your auditor before using a longer one.`;
  }
  return null;
}
