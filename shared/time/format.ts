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
 * One Intl.DateTimeFormat per zone: building one per call cost 4.5 s of a 10,000-item export's
 * index.html (issue #12, STYLE.md).
 */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
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
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function formatInZone(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'invalid date';
  // A record from a bundle may carry a zone this runtime does not know: show UTC, say so.
  if (!isValidTimeZone(timeZone)) return `${formatUtc(iso)} (unknown zone ${JSON.stringify(timeZone.slice(0, 64))})`;
  const parts = zoneFormatter(timeZone).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${timeZone} (${get('timeZoneName')})`;
}

/** Zones already checked: planning asks about the same one or two zones for every item. */
const knownZones = new Map<string, boolean>();
export function isValidTimeZone(timeZone: string): boolean {
  const known = knownZones.get(timeZone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    valid = true;
  } catch {
    valid = false;
  }
  // Bounded: zone names come from records, and a hostile bundle could carry many.
  if (knownZones.size < 1000) knownZones.set(timeZone, valid);
  return valid;
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
