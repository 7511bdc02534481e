/**
 * Calendar days for the Maintain and Remediation steps. People plan by the day in their
 * organization's zone ("due Friday"), so every comparison here is between calendar days in the
 * audit's zone, never between raw instants: a task due today is not overdue at 9 a.m.
 */
import { TZDate } from '@date-fns/tz';
import { isValidTimeZone } from '../time/format';

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day 'YYYY-MM-DD' on which an instant falls in the zone. */
export function calendarDayIn(instant: string, zone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`${JSON.stringify(instant)} is not an ISO instant.`);
  if (!isValidTimeZone(zone)) throw new Error(`${JSON.stringify(zone)} is not a known IANA time zone.`);
  const local = new TZDate(ms, zone);
  return dayString(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

/** Whole days from one calendar day to another: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return dayString(dayMs(day) + days * DAY_MS);
}

function dayMs(day: string): number {
  const match = CALENDAR_DATE.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || dayString(ms) !== day) throw new Error(`${JSON.stringify(day)} is not a calendar date 'YYYY-MM-DD'.`);
  return ms;
}

function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
