import { TZDate } from '@date-fns/tz';

/** What an <input type="datetime-local"> holds: 'YYYY-MM-DDTHH:MM', seconds optional. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The wall-clock time an instant shows in a zone, as a datetime-local value: 'YYYY-MM-DDTHH:MM',
 * with ':SS' only when the seconds are not zero, which is how browsers normalize the value (so
 * a form filled from it compares equal to what the input gives back).
 */
export function localDateTimeInZone(instant: string, timeZone: string): string {
  const d = new TZDate(new Date(instant).getTime(), timeZone);
  const seconds = d.getSeconds() === 0 ? '' : `:${pad(d.getSeconds())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}${seconds}`;
}

export type LocalDateTimeResult =
  | { readonly ok: true; readonly instant: string }
  | { readonly ok: false; readonly reason: 'format' | 'nonexistent' };

/**
 * The UTC instant of a wall-clock time in a zone. A time the clocks skipped (02:30 on a
 * spring-forward night) is refused rather than silently moved an hour: an extraction time is
 * evidence, and a guessed one is worse than a question. A time that occurs twice (the autumn
 * night) takes its first occurrence, the one TZDate picks.
 */
export function instantForLocalDateTime(local: string, timeZone: string): LocalDateTimeResult {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return { ok: false, reason: 'format' };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return { ok: false, reason: 'format' };
  // 31 February is a typo, not a time; Date.UTC would roll it into March.
  if (d < 1 || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return { ok: false, reason: 'format' };
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // TZDate moves a skipped wall-clock time forward; reading it back shows the move.
  if (localDateTimeInZone(new Date(date.getTime()).toISOString(), timeZone) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${s === 0 ? '' : `:${pad(s)}`}`) {
    return { ok: false, reason: 'nonexistent' };
  }
  return { ok: true, instant: new Date(date.getTime()).toISOString() };
}
