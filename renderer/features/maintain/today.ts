import { calendarDayIn } from '../../../shared/maintain/calendar';

/**
 * Today's calendar day in the audit's zone. An audit read from a bundle may name a zone this
 * runtime does not know; then UTC's day is the honest fallback (the header shows the zone).
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return calendarDayIn(now.toISOString(), timeZone);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
