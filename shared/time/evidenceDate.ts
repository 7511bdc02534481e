import { TZDate } from '@date-fns/tz';
import { isCalendarDate } from '../domain/audit';

/**
 * An evidence date the user picks as a calendar day ("this report is for 31 March") is stored
 * as noon of that day in the audit's zone: far from both midnights, so the day (and its slot)
 * stays the same even if the audit's zone is later corrected by a few hours.
 */
export function evidenceInstantForDay(day: string, timeZone: string): string {
  if (!isCalendarDate(day)) throw new Error(`not a calendar date: ${JSON.stringify(day)}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 12, 0, 0, timeZone).getTime()).toISOString();
}

/** The calendar day ('YYYY-MM-DD') an instant falls on in a zone. */
export function dayInZone(instant: string, timeZone: string): string {
  const date = new TZDate(new Date(instant).getTime(), timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
