import { describe, expect, it } from 'vitest';
import type { BundleContent } from '../../../shared/bundle/model';
import { EVIDENCE_CSV_HEADERS, renderEvidenceCsv } from '../../../shared/bundle/render/evidenceCsv';
import { parseCsv } from '../../../shared/csv/csv';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { miniBundleContent } from '../../support/miniBag';

const column = (name: (typeof EVIDENCE_CSV_HEADERS)[number]): number => EVIDENCE_CSV_HEADERS.indexOf(name);

function withRecord(content: BundleContent, index: number, patch: Partial<EvidenceRecord>): BundleContent {
  return {
    ...content,
    evidence: content.evidence.map((item, i) => (i === index ? { ...item, record: { ...item.record, ...patch } } : item)),
  };
}

async function parsed(change: (c: BundleContent) => BundleContent = (c) => c): Promise<{ headers: string[]; rows: string[][]; text: string }> {
  const { content } = await miniBundleContent();
  const text = renderEvidenceCsv(change(content));
  const { headers, rows } = parseCsv(text);
  return { headers, rows, text };
}

describe('data/evidence.csv', () => {
  it('starts with a BOM, ends lines in CRLF and has the documented header', async () => {
    const { headers, text } = await parsed();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(headers).toEqual([...EVIDENCE_CSV_HEADERS]);
  });

  it('writes one row per item with UTC times, size, hash, decision and sign-off', async () => {
    const { rows } = await parsed();
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [string[], string[]];
    expect(first[column('Path')]).toBe('data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.png');
    expect(first[column('Control refs')]).toBe('AC-01; AC-02');
    expect(first[column('Slot')]).toBe('Q1 2026');
    expect(first[column('Evidence date (UTC)')]).toBe('2026-02-10 08:15:00');
    expect(first[column('Review decision')]).toBe('approved');
    expect(first[column('Reviewer')]).toBe('Dana Reviewer (IT Manager)');
    expect(first[column('Signed at (UTC)')]).toBe('2026-04-03 12:00:00');
    expect(first[column('Sign-off valid')]).toBe('yes');
    expect(first[column('SHA-256')]).toMatch(/^[0-9a-f]{64}$/);
    expect(second[column('Size (bytes)')]).toBe('66');
    expect(second[column('Reviewer')]).toBe('');
    expect(second[column('Sign-off valid')]).toBe('');
  });

  it.each([
    ['Name', { name: '=HYPERLINK("http://evil.example","click")' }, `'=HYPERLINK("http://evil.example","click")`],
    ['Name', { name: '+1+1' }, "'+1+1"],
    ['Name', { name: 'a, "quoted", name' }, 'a, "quoted", name'],
    ['Name', { name: 'invoice\u202Egnp.exe' }, 'invoice⟨U+202E⟩gnp.exe'],
    ['Captured by', { capturedBy: '@cmd|calc' }, "'@cmd|calc"],
    ['Host', { host: '-2+3' }, "'-2+3"],
    ['Notes', { notes: '=1+1\nsecond line, with "quotes"' }, `'=1+1\nsecond line, with "quotes"`],
    ['Notes', { notes: '\tcmd' }, "'\tcmd"],
  ] as const)('neutralizes and quotes a hostile %s cell so it reads back as text', async (header, patch, expected) => {
    const { rows } = await parsed((c) => withRecord(c, 1, patch));
    expect(rows).toHaveLength(2);
    expect(rows[1]![column(header)]).toBe(expected);
    expect(rows[1]![column('Path')]).toBe('data/evidence/AC-01/2026-Q1/002-okta-users-export.csv');
  });

  it('names a replaced item by its path in the bundle, and says when it is not in it', async () => {
    const { rows } = await parsed((c) => {
      const [a, b] = c.evidence;
      return { ...c, evidence: [{ ...a!, supersededBy: 'ev-2' }, { ...b!, record: { ...b!.record, supersedes: 'ev-1' }, supersededBy: 'ev-9' }] };
    });
    expect(rows[1]![column('Supersedes')]).toBe('data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.png');
    expect(rows[0]![column('Superseded by')]).toBe('data/evidence/AC-01/2026-Q1/002-okta-users-export.csv');
    expect(rows[1]![column('Superseded by')]).toBe('not in this bundle (id ev-9)');
  });

  it('marks an item outside the audit window and an invalid sign-off', async () => {
    const { rows } = await parsed((c) => ({ ...c, evidence: c.evidence.map((e) => ({ ...e, slot: null, signoffValid: e.signoff ? false : null })) }));
    expect(rows[0]![column('Slot')]).toBe('outside the audit window');
    expect(rows[0]![column('Sign-off valid')]).toBe('no');
  });
});

describe('PBC request ids in data/evidence.csv (issue #13)', () => {
  it('names the requests each item answers through its controls, in natural order', async () => {
    const { rows } = await parsed((c) => ({
      ...c,
      requests: [
        ...c.requests,
        { ...c.requests[0]!, id: 'r-2', requestId: 'PBC-2', controlIds: ['c-ac02'] },
        { ...c.requests[0]!, id: 'r-3', requestId: 'PBC-9', controlIds: [] },
      ],
    }));
    // The first item is filed under AC-01 and AC-02: PBC-014 (AC-01) and PBC-2 (AC-02).
    expect(rows[0]![column('PBC requests')]).toBe('PBC-2; PBC-014');
    expect(rows[1]![column('PBC requests')]).toBe('PBC-014');
  });

  it('keeps a request id that looks like a formula as text', async () => {
    const { rows, text } = await parsed((c) => ({ ...c, requests: [{ ...c.requests[0]!, requestId: '=HYPERLINK("http://evil","PBC")' }] }));
    expect(rows[0]![column('PBC requests')]).toBe(`'=HYPERLINK("http://evil","PBC")`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe('system reports in data/evidence.csv', () => {
  const REPORT_COLUMNS = ['System report', 'Source system', 'Query or filter', 'Row count', 'Extracted at (UTC)', 'Filter screenshot'] as const;

  it('appends the system report and raw capture columns after the ones spreadsheets already use', () => {
    const appended = [...REPORT_COLUMNS, 'Processing', 'Raw capture SHA-256', 'Raw capture file', 'PBC requests'];
    expect(EVIDENCE_CSV_HEADERS.slice(-appended.length)).toEqual(appended);
    expect(EVIDENCE_CSV_HEADERS.indexOf('Superseded by')).toBe(EVIDENCE_CSV_HEADERS.length - appended.length - 1);
  });

  it('says what processing was done and where the raw capture is, or that it was not kept', async () => {
    const raw = { sha256: 'cd'.repeat(32), size: 900, width: 480, height: 260 };
    const { rows } = await parsed((c) => {
      const edited = withRecord(
        withRecord(c, 0, { processing: ['cropped:0,40,480,260', 'stamped'], original: { ...raw, stored: true } }),
        1,
        { processing: ['redacted:2', 'stamped'], original: { ...raw, stored: false } },
      );
      const keptAt = 'data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.original.png';
      return { ...edited, evidence: edited.evidence.map((item, i) => (i === 0 ? { ...item, originalPath: keptAt } : item)) };
    });
    const cells = (r: string[]): (string | undefined)[] => (['Processing', 'Raw capture SHA-256', 'Raw capture file'] as const).map((h) => r[column(h)]);
    expect(cells(rows[0]!)).toEqual(['cropped to 480 × 260 at (0, 40), stamped', 'cd'.repeat(32), 'data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.original.png']);
    expect(cells(rows[1]!)).toEqual(['2 regions redacted, stamped', 'cd'.repeat(32), 'not kept (redacted)']);
  });

  it('writes the fields of a report, the extraction time in UTC and the screenshot by its path', async () => {
    const { rows } = await parsed((c) =>
      withRecord(c, 1, {
        systemReport: { sourceSystem: 'Okta', query: 'status eq "ACTIVE",\ntype eq "employee"', rowCount: 412, extractedAt: '2026-03-31T15:58:00.000Z', filterScreenshotId: 'ev-1' },
      }),
    );
    const [shot, report] = rows as [string[], string[]];
    expect(REPORT_COLUMNS.map((h) => report[column(h)])).toEqual([
      'yes',
      'Okta',
      'status eq "ACTIVE",\ntype eq "employee"',
      '412',
      '2026-03-31 15:58:00',
      'data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.png',
    ]);
    expect(REPORT_COLUMNS.map((h) => shot[column(h)])).toEqual(['', '', '', '', '', '']);
  });

  it('leaves unknown values empty and says when the screenshot is not in the bundle', async () => {
    const { rows } = await parsed((c) => withRecord(c, 1, { systemReport: { sourceSystem: 'Jira', query: '', rowCount: null, extractedAt: null, filterScreenshotId: 'ev-9' } }));
    expect(REPORT_COLUMNS.map((h) => rows[1]![column(h)])).toEqual(['yes', 'Jira', '', '', '', 'not in this bundle (id ev-9)']);
  });

  it.each([
    ['Source system', { sourceSystem: '=HYPERLINK("http://evil.example","Okta")' }, `'=HYPERLINK("http://evil.example","Okta")`],
    ['Source system', { sourceSystem: '@SUM(A1)' }, "'@SUM(A1)"],
    ['Query or filter', { query: '+cmd|" /C calc"!A0' }, `'+cmd|" /C calc"!A0`],
    ['Query or filter', { query: '-status:active' }, "'-status:active"],
  ] as const)('neutralizes a formula-looking %s so it reads back as text', async (header, patch, expected) => {
    const base = { sourceSystem: 'Okta', query: '', rowCount: 1, extractedAt: null, filterScreenshotId: null };
    const { rows } = await parsed((c) => withRecord(c, 1, { systemReport: { ...base, ...patch } }));
    expect(rows[1]![column(header)]).toBe(expected);
  });
});
