import { describe, it, expect } from 'vitest';
import { PNG } from 'pngjs';
import { formatBytes, formatInZone, formatUtc, isValidTimeZone } from '../../../shared/time/format';
import { isPreviewableImage, mimeForName } from '../../../shared/files/mime';
import { pngDimensions } from '../../../shared/files/png';
import { CSP_HEADER, CSP_META } from '../../../shared/security/csp';

describe('formatUtc', () => {
  it('shows a known instant in UTC to the second', () => {
    expect(formatUtc('2026-03-04T05:06:07.890Z')).toBe('2026-03-04 05:06:07 UTC');
  });

  it('converts an instant given with an offset to UTC', () => {
    expect(formatUtc('2026-03-04T07:06:07+02:00')).toBe('2026-03-04 05:06:07 UTC');
  });

  it('crosses midnight and year boundaries when converting', () => {
    expect(formatUtc('2026-01-01T01:30:00+05:30')).toBe('2025-12-31 20:00:00 UTC');
  });

  for (const bad of ['', 'not a date', '2026-13-45T99:99:99Z', 'NaN']) {
    it(`says "invalid date" for ${JSON.stringify(bad)}`, () => {
      expect(formatUtc(bad)).toBe('invalid date');
    });
  }
});

describe('formatInZone', () => {
  it('shows New York at GMT-5 in January', () => {
    expect(formatInZone('2026-01-15T12:00:00Z', 'America/New_York')).toBe('2026-01-15 07:00:00 America/New_York (GMT-5)');
  });

  it('shows New York at GMT-4 in July for the same UTC time of day', () => {
    expect(formatInZone('2026-07-15T12:00:00Z', 'America/New_York')).toBe('2026-07-15 08:00:00 America/New_York (GMT-4)');
  });

  it('shows Kolkata at GMT+5:30', () => {
    expect(formatInZone('2026-01-15T12:00:00Z', 'Asia/Kolkata')).toBe('2026-01-15 17:30:00 Asia/Kolkata (GMT+5:30)');
  });

  it('shows midnight as hour 00, not 24', () => {
    expect(formatInZone('2026-01-15T00:00:05Z', 'UTC')).toMatch(/^2026-01-15 00:00:05 UTC /);
  });

  it('moves the calendar date when the zone is on the other side of midnight', () => {
    expect(formatInZone('2026-01-01T02:00:00Z', 'America/New_York')).toMatch(/^2025-12-31 21:00:00 /);
  });

  for (const bad of ['', 'not a date', 'NaN']) {
    it(`says "invalid date" for ${JSON.stringify(bad)}`, () => {
      expect(formatInZone(bad, 'Europe/Berlin')).toBe('invalid date');
    });
  }

  it('falls back to UTC and names the zone it does not know, instead of throwing', () => {
    expect(formatInZone('2026-01-15T12:00:00Z', 'Mars/Olympus')).toBe('2026-01-15 12:00:00 UTC (unknown zone "Mars/Olympus")');
  });
});

describe('isValidTimeZone', () => {
  for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
    it(`accepts ${zone}`, () => {
      expect(isValidTimeZone(zone)).toBe(true);
    });
  }

  for (const zone of ['Mars/Olympus', '', 'Europe/Berlinn', 'GMT+25', 'Not A Zone']) {
    it(`rejects ${JSON.stringify(zone)}`, () => {
      expect(isValidTimeZone(zone)).toBe(false);
    });
  }
});

describe('formatBytes', () => {
  const CASES: readonly (readonly [number, string])[] = [
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [1024 * 1024, '1.0 MB'],
    [10 * 1024 * 1024, '10 MB'],
    [5 * 1024 ** 3, '5.0 GB'],
    [2 * 1024 ** 4, '2.0 TB'],
    [2048 * 1024 ** 4, '2048 TB'],
    // Rounding picks the unit: just under a boundary reads as the next unit up.
    [1024 * 1024 - 1, '1.0 MB'],
    [10 * 1024 - 1, '10 KB'],
    [Number.NaN, 'unknown size'],
    [-5, 'unknown size'],
  ];

  for (const [size, expected] of CASES) {
    it(`shows ${size} bytes as ${expected}`, () => {
      expect(formatBytes(size)).toBe(expected);
    });
  }
});

describe('mimeForName', () => {
  const CASES: readonly (readonly [string, string])[] = [
    ['screenshot.png', 'image/png'],
    ['SCREENSHOT.PNG', 'image/png'],
    ['Photo.JpEg', 'image/jpeg'],
    ['policy.pdf', 'application/pdf'],
    ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['README', 'application/octet-stream'],
    ['trailing.', 'application/octet-stream'],
    ['x.constructor', 'application/octet-stream'],
    ['x.__proto__', 'application/octet-stream'],
    ['x.toString', 'application/octet-stream'],
    ['a.tar.gz', 'application/gzip'],
    ['archive.pdf.zip', 'application/zip'],
    ['.bashrc', 'application/octet-stream'],
    ['notes.unknownext', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['diagram.svg', 'image/svg+xml'],
  ];

  for (const [name, expected] of CASES) {
    it(`gives ${JSON.stringify(name)} the type ${expected}`, () => {
      expect(mimeForName(name)).toBe(expected);
    });
  }
});

describe('isPreviewableImage', () => {
  for (const mime of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']) {
    it(`previews ${mime}`, () => {
      expect(isPreviewableImage(mime)).toBe(true);
    });
  }

  for (const mime of ['image/svg+xml', 'text/html', 'application/pdf', 'application/octet-stream', 'IMAGE/PNG', '']) {
    it(`does not preview ${JSON.stringify(mime)}`, () => {
      expect(isPreviewableImage(mime)).toBe(false);
    });
  }
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signature, then an IHDR chunk: length 13, type, width, height, depth 8, RGBA, and a dummy CRC. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  const view = new DataView(bytes.buffer);
  bytes.set(PNG_SIGNATURE, 0);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

describe('pngDimensions', () => {
  it('reads width and height from a hand-built header', () => {
    expect(pngDimensions(pngHeader(1920, 1080))).toEqual({ width: 1920, height: 1080 });
  });

  it('reads the header when only the first 24 bytes are present', () => {
    expect(pngDimensions(pngHeader(3, 7).subarray(0, 24))).toEqual({ width: 3, height: 7 });
  });

  it('reads big-endian values above 16 bits', () => {
    expect(pngDimensions(pngHeader(0x12345, 0x10000))).toEqual({ width: 0x12345, height: 0x10000 });
  });

  it('reads a header that sits at an offset inside a larger buffer', () => {
    const padded = new Uint8Array(100);
    padded.set(pngHeader(640, 480), 17);
    expect(pngDimensions(padded.subarray(17))).toEqual({ width: 640, height: 480 });
  });

  it('agrees with pngjs on a real encoded image', () => {
    const image = new PNG({ width: 5, height: 9 });
    const encoded = PNG.sync.write(image);
    expect(pngDimensions(new Uint8Array(encoded))).toEqual({ width: 5, height: 9 });
  });

  it('returns null for input shorter than the IHDR', () => {
    expect(pngDimensions(pngHeader(10, 10).subarray(0, 23))).toBeNull();
    expect(pngDimensions(new Uint8Array(0))).toBeNull();
  });

  it('returns null for a wrong signature', () => {
    const bytes = pngHeader(10, 10);
    bytes[1] = 0x51;
    expect(pngDimensions(bytes)).toBeNull();
  });

  it('returns null for a JPEG header', () => {
    const jpeg = new Uint8Array(64);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01], 0);
    expect(pngDimensions(jpeg)).toBeNull();
  });

  it('returns null when the first chunk is not IHDR', () => {
    const bytes = pngHeader(10, 10);
    bytes.set([0x49, 0x44, 0x41, 0x54], 12);
    expect(pngDimensions(bytes)).toBeNull();
  });

  it('returns null for a zero width', () => {
    expect(pngDimensions(pngHeader(0, 10))).toBeNull();
  });

  it('returns null for a zero height', () => {
    expect(pngDimensions(pngHeader(10, 0))).toBeNull();
  });
});

/** Directive name → its source list, from a policy string. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('the Content-Security-Policy', () => {
  for (const [label, policy] of [
    ['header', CSP_HEADER],
    ['meta tag', CSP_META],
  ] as const) {
    describe(`in the ${label}`, () => {
      it("never allows 'unsafe-inline' or 'unsafe-eval'", () => {
        expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
      });

      it('has no wildcard source', () => {
        const wildcards = [...directives(policy).values()].flat().filter((source) => source.includes('*'));
        expect(wildcards).toEqual([]);
      });

      it('allows no remote scheme sources', () => {
        const remote = [...directives(policy).values()].flat().filter((source) => /^(https?|wss?|ftp):?/i.test(source));
        expect(remote).toEqual([]);
      });

      it("loads scripts from 'self' only", () => {
        expect(directives(policy).get('script-src')).toEqual(["'self'"]);
      });

      it("defaults to 'none'", () => {
        expect(directives(policy).get('default-src')).toEqual(["'none'"]);
      });

      it("forbids plugins with object-src 'none'", () => {
        expect(directives(policy).get('object-src')).toEqual(["'none'"]);
      });

      it('declares each directive once', () => {
        const names = policy.split(';').map((part) => part.trim().split(/\s+/)[0]);
        expect(new Set(names).size).toBe(names.length);
      });
    });
  }

  it("sets frame-ancestors 'none' in the header", () => {
    expect(directives(CSP_HEADER).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('leaves frame-ancestors out of the meta tag, where browsers ignore it', () => {
    expect(directives(CSP_META).has('frame-ancestors')).toBe(false);
  });

  it('differs between header and meta tag only by frame-ancestors', () => {
    const header = directives(CSP_HEADER);
    header.delete('frame-ancestors');
    expect(header).toEqual(directives(CSP_META));
  });
});

describe('formatInZone against Intl, day by day', () => {
  // formatInZone reuses a zone's offset over a UTC day it does not change in (issue #12); Intl
  // asked afresh for every instant is the oracle, in zones with half- and quarter-hour offsets,
  // 30-minute daylight saving, changes at odd UTC hours, and dates before standard time.
  const zones = ['America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/Berlin', 'America/Santiago', 'Africa/Casablanca', 'Pacific/Apia', 'UTC'];
  const formats = new Map<string, Intl.DateTimeFormat>();
  const oracle = (iso: string, zone: string): string => {
    let format = formats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'shortOffset',
      });
      formats.set(zone, format);
    }
    const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${zone} (${parts.timeZoneName})`;
  };
  const offsetName = (ms: number, zone: string): string => oracle(new Date(ms).toISOString(), zone).split('(')[1] ?? '';

  it.each(zones)('formats 2025-2027 in %s as Intl does: each day, and every 97 s of each day the clocks change', (zone) => {
    const DAY = 86_400_000;
    let changes = 0;
    for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY) {
      const changing = offsetName(day, zone) !== offsetName(day + DAY - 1, zone);
      if (changing) changes += 1;
      const step = changing ? 97_000 : 4 * 3_600_000 + 7 * 60_000 + 13_000;
      for (let ms = day; ms < day + DAY; ms += step) {
        const iso = new Date(ms).toISOString();
        expect(formatInZone(iso, zone)).toBe(oracle(iso, zone));
      }
      const last = new Date(day + DAY - 1).toISOString();
      expect(formatInZone(last, zone)).toBe(oracle(last, zone));
    }
    // The zones with daylight saving changed their clocks on the days checked densely.
    if (!['Asia/Kathmandu', 'UTC', 'Pacific/Apia', 'Africa/Casablanca'].includes(zone)) expect(changes).toBeGreaterThanOrEqual(6);
  });

  it('formats instants before standard time and outside four-digit years as Intl does', () => {
    for (const iso of ['1883-11-18T16:59:59Z', '1883-11-18T17:00:00Z', '1900-06-01T12:00:00Z', '0999-03-01T00:00:00Z']) {
      for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Kathmandu']) expect(formatInZone(iso, zone)).toBe(oracle(iso, zone));
    }
  });
});
