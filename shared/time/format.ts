/**
 * Instants shown to people: always UTC beside the local time with its offset, because the
 * auditor and the collector are rarely in the same zone. Intl is in both runtimes.
 */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'invalid date';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Formatters by zone, made once: building an Intl.DateTimeFormat costs far more than using one
 * (it loads the zone's rules), and a screen formats thousands of instants in the same zone.
 * Zones are few (the audit's, the machine's, those of imported items), so the cache stays small.
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'shortOffset',
      });
    } catch {
      // A record from a bundle may carry a zone this runtime does not know.
      format = null;
    }
    // Zone names come from records, bundles included: never let hostile ones grow this without bound.
    if (zoneFormats.size >= 256) zoneFormats.clear();
    zoneFormats.set(timeZone, format);
  }
  return format;
}

export function formatInZone(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return 'invalid date';
  const clock = typeof timeZone === 'string' && timeZone !== '' ? wallClock(ms, timeZone) : null;
  // An unknown zone: show UTC, and say so.
  if (clock === null) return `${formatUtc(iso)} (unknown zone ${JSON.stringify(String(timeZone).slice(0, 64))})`;
  return `${clock.local} ${timeZone} (${clock.offset})`;
}

/**
 * An instant's wall clock in a zone ('2026-03-31 23:00:00') and the zone's offset then ('GMT-4',
 * Intl's shortOffset), or null for a zone this runtime does not know. `ms` must be a valid time.
 * The one zone formatter of the app: formatInZone and the audit trail's times both use it.
 */
export function wallClock(ms: number, timeZone: string): { readonly local: string; readonly offset: string } | null {
  const format = zoneFormat(timeZone);
  if (format === null) return null;
  const offset = steadyOffset(format, timeZone, ms);
  if (offset !== null) {
    // The wall clock is the instant moved by the zone's offset; the digits are the UTC fields of that.
    const local = new Date(ms + offset.ms).toISOString();
    // Four-digit years only: Intl writes others unpadded, toISOString as ±YYYYYY.
    if (FOUR_DIGIT_YEAR.test(local)) return { local: `${local.slice(0, 10)} ${local.slice(11, 19)}`, offset: offset.name };
  }
  const parts = partsOf(format, new Date(ms));
  return {
    local: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''}:${parts.second ?? ''}`,
    offset: parts.timeZoneName ?? '',
  };
}

function partsOf(format: Intl.DateTimeFormat, d: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(d)) parts[part.type] = part.value;
  return parts;
}

const DAY_MS = 86_400_000;
const FOUR_DIGIT_YEAR = /^[1-9]\d{3}-/;
/** 'GMT', 'GMT+2', 'GMT-3:30', 'GMT+5:45': the shortOffset names, to minutes. */
const SHORT_OFFSET = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

/**
 * The zone's offset over the whole UTC day holding `ms`, or null when it changes that day (or
 * cannot be read): formatToParts costs ~8 µs, and an export formats 20,000 instants (issue #12),
 * while a zone's offset is the same all day on all but a day or two a year. Checked at both ends
 * of the day: zones change their offset at most once a day, so equal ends mean no change between.
 */
const offsets = new Map<string, { readonly ms: number; readonly name: string } | null>();

function steadyOffset(format: Intl.DateTimeFormat, timeZone: string, ms: number): { readonly ms: number; readonly name: string } | null {
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone}|${day}`;
  let found = offsets.get(key);
  if (found === undefined) {
    const first = offsetAt(format, day * DAY_MS);
    const last = offsetAt(format, (day + 1) * DAY_MS - 1);
    found = first !== null && last !== null && first.ms === last.ms && first.name === last.name ? first : null;
    // A year of days in a few zones; the bound keeps a long session's memo small.
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(key, found);
  }
  return found;
}

function offsetAt(format: Intl.DateTimeFormat, ms: number): { readonly ms: number; readonly name: string } | null {
  const name = partsOf(format, new Date(ms)).timeZoneName ?? '';
  const m = SHORT_OFFSET.exec(name);
  if (m === null) return null;
  const minutes = Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return { ms: (m[1] === '-' ? -minutes : minutes) * 60_000, name };
}

/** Whether the runtime knows the zone; remembered per zone, like the formatters. */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && timeZone !== '' && zoneFormat(timeZone) !== null;
}

export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 0) return 'unknown size';
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  // Round before choosing the unit, so 1,048,575 bytes reads "1.0 MB", not "1024 KB".
  const rounded = (v: number): number => (v < 10 ? Math.round(v * 10) / 10 : Math.round(v));
  while (rounded(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = rounded(value);
  return `${shown < 10 ? shown.toFixed(1) : shown.toFixed(0)} ${units[unit]}`;
}
