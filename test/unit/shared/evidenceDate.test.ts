import { describe, expect, it } from 'vitest';
import { dayInZone, evidenceInstantForDay } from '../../../shared/time/evidenceDate';

describe('evidence dates picked as a day', () => {
  it('are stored as noon of that day in the audit zone', () => {
    expect(evidenceInstantForDay('2026-03-31', 'UTC')).toBe('2026-03-31T12:00:00.000Z');
    expect(evidenceInstantForDay('2026-03-31', 'America/New_York')).toBe('2026-03-31T16:00:00.000Z');
    expect(evidenceInstantForDay('2026-01-15', 'Asia/Kolkata')).toBe('2026-01-15T06:30:00.000Z');
  });

  it('read back as the same day in that zone, across a DST change', () => {
    for (const day of ['2026-03-08', '2026-03-09', '2026-11-01', '2028-02-29']) {
      expect(dayInZone(evidenceInstantForDay(day, 'America/New_York'), 'America/New_York')).toBe(day);
    }
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => evidenceInstantForDay('2026-02-30', 'UTC')).toThrow(/not a calendar date/);
    expect(() => evidenceInstantForDay('', 'UTC')).toThrow();
  });

  it('gives the day of an instant in a zone on the other side of midnight', () => {
    expect(dayInZone('2026-01-01T02:00:00Z', 'America/New_York')).toBe('2025-12-31');
    expect(dayInZone('2026-01-01T02:00:00Z', 'UTC')).toBe('2026-01-01');
  });
});
