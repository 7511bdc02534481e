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
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'invalid date';
  const format = typeof timeZone === 'string' && timeZone !== '' ? zoneFormat(timeZone) : null;
  // An unknown zone: show UTC, and say so.
  if (format === null) return `${formatUtc(iso)} (unknown zone ${JSON.stringify(String(timeZone).slice(0, 64))})`;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(d)) parts[part.type] = part.value;
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''}:${parts.second ?? ''} ${timeZone} (${parts.timeZoneName ?? ''})`;
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
