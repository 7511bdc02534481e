import { describe, expect, it } from 'vitest';
import { instantForLocalDateTime, localDateTimeInZone } from '../../../shared/time/localDateTime';

describe('wall-clock times in a zone', () => {
  it('become the UTC instant of that time in the zone', () => {
    expect(instantForLocalDateTime('2026-04-01T09:15', 'Europe/Berlin')).toEqual({ ok: true, instant: '2026-04-01T07:15:00.000Z' });
    expect(instantForLocalDateTime('2026-01-15T09:15:07', 'Asia/Kolkata')).toEqual({ ok: true, instant: '2026-01-15T03:45:07.000Z' });
    expect(instantForLocalDateTime('2026-12-31T23:30', 'America/New_York')).toEqual({ ok: true, instant: '2027-01-01T04:30:00.000Z' });
  });

  it('read back as the same wall-clock time, seconds only when there are some, as browsers write it', () => {
    expect(localDateTimeInZone('2026-04-01T07:15:00.000Z', 'Europe/Berlin')).toBe('2026-04-01T09:15');
    expect(localDateTimeInZone('2027-01-01T04:30:09.000Z', 'America/New_York')).toBe('2026-12-31T23:30:09');
  });

  it('refuses a time the clocks skipped instead of moving it an hour', () => {
    expect(instantForLocalDateTime('2026-03-08T02:30', 'America/New_York')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(instantForLocalDateTime('2026-03-29T02:00', 'Europe/Berlin')).toEqual({ ok: false, reason: 'nonexistent' });
  });

  it('takes the first of a time that happens twice', () => {
    // 01:30 EDT (UTC-4) comes before 01:30 EST (UTC-5) on 1 November 2026.
    expect(instantForLocalDateTime('2026-11-01T01:30', 'America/New_York')).toEqual({ ok: true, instant: '2026-11-01T05:30:00.000Z' });
  });

  it.each(['', '2026-04-01', '2026-04-01 09:15', '2026-02-30T09:15', '2026-13-01T09:15', '2026-04-01T24:00', '2026-04-01T09:60', '09:15'])(
    'refuses %j as not a date and time',
    (input) => {
      expect(instantForLocalDateTime(input, 'UTC')).toEqual({ ok: false, reason: 'format' });
    },
  );
});
