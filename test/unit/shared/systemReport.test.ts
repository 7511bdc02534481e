import { describe, expect, it } from 'vitest';
import {
  checkSystemReport,
  isFilterScreenshotCandidate,
  parseRowCount,
  systemReportForm,
  type SystemReportContext,
  type SystemReportForm,
} from '../../../shared/domain/systemReport';

const ctx: SystemReportContext = {
  timeZone: 'Europe/Berlin',
  now: new Date('2026-04-02T10:00:00.000Z'),
  attachedAt: '2026-04-02T07:30:00.000Z',
  screenshotIds: new Set(['shot-1']),
};

const form = (patch: Partial<SystemReportForm> = {}): SystemReportForm => ({
  sourceSystem: 'Okta',
  query: 'status eq "ACTIVE"',
  rowCount: '412',
  extractedAt: '2026-04-01T09:15',
  filterScreenshotId: 'shot-1',
  ...patch,
});

describe('row counts as people type them', () => {
  it.each([
    ['412', 412],
    [' 0 ', 0],
    ['1,204', 1204],
    ['1 204 000', 1204000],
    ['', null],
  ] as const)('reads %j as %j', (text, value) => {
    expect(parseRowCount(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['-3', /cannot be negative/],
    ['12.5', /whole number/],
    ['1.204', /whole number/],
    ['1,20', /whole number/],
    ['4e2', /whole number/],
    ['about 400', /whole number/],
    ['99999999999999999999', /too large/],
  ] as const)('refuses %j', (text, message) => {
    const result = parseRowCount(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});

describe('checking a system report form', () => {
  it('turns a complete form into a report with the extraction time in UTC', () => {
    expect(checkSystemReport(form(), ctx)).toEqual({
      report: { sourceSystem: 'Okta', query: 'status eq "ACTIVE"', rowCount: 412, extractedAt: '2026-04-01T07:15:00.000Z', filterScreenshotId: 'shot-1' },
      errors: {},
      warnings: [],
    });
  });

  it('keeps unknown row count, time and screenshot as null, and trims the text', () => {
    const { report } = checkSystemReport(form({ sourceSystem: '  Jira  ', query: '', rowCount: ' ', extractedAt: '', filterScreenshotId: '' }), ctx);
    expect(report).toEqual({ sourceSystem: 'Jira', query: '', rowCount: null, extractedAt: null, filterScreenshotId: null });
  });

  it('names every wrong field and gives no report', () => {
    const check = checkSystemReport(form({ sourceSystem: ' ', rowCount: '-1', extractedAt: '2026-02-30T10:00', filterScreenshotId: 'gone' }), ctx);
    expect(check.report).toBeNull();
    expect(Object.keys(check.errors).sort()).toEqual(['extractedAt', 'filterScreenshotId', 'rowCount', 'sourceSystem']);
    expect(check.errors.sourceSystem).toMatch(/Name the system/);
    expect(check.errors.rowCount).toMatch(/negative/);
    expect(check.errors.extractedAt).toMatch(/date and time/);
    expect(check.errors.filterScreenshotId).toMatch(/no longer an image item/);
  });

  it('refuses text longer than the bundle import accepts', () => {
    const check = checkSystemReport(form({ sourceSystem: 'x'.repeat(201), query: 'q'.repeat(20_001) }), ctx);
    expect(Object.keys(check.errors).sort()).toEqual(['query', 'sourceSystem']);
  });

  it('says when the time was skipped by a clock change', () => {
    expect(checkSystemReport(form({ extractedAt: '2026-03-29T02:30' }), ctx).errors.extractedAt).toMatch(/did not exist in Europe\/Berlin/);
  });

  it('warns, but accepts, an extraction time in the future or after the file was attached', () => {
    const future = checkSystemReport(form({ extractedAt: '2026-04-03T09:00' }), ctx);
    expect(future.report?.extractedAt).toBe('2026-04-03T07:00:00.000Z');
    expect(future.warnings).toEqual([expect.stringMatching(/in the future/)]);
    const late = checkSystemReport(form({ extractedAt: '2026-04-02T11:00' }), ctx);
    expect(late.report).not.toBeNull();
    expect(late.warnings).toEqual([expect.stringMatching(/after this file was attached/)]);
  });

  it('fills the form back from a saved report in the audit zone', () => {
    const saved = checkSystemReport(form({ rowCount: '1,204' }), ctx).report;
    expect(systemReportForm(saved, 'Europe/Berlin')).toEqual(form({ rowCount: '1204', extractedAt: '2026-04-01T09:15' }));
    expect(systemReportForm(null, 'Europe/Berlin')).toEqual({ sourceSystem: '', query: '', rowCount: '', extractedAt: '', filterScreenshotId: '' });
  });
});

describe('filter screenshot candidates', () => {
  it('are the other image items, never the report itself', () => {
    expect(isFilterScreenshotCandidate({ id: 'a', mime: 'image/png' }, 'r')).toBe(true);
    expect(isFilterScreenshotCandidate({ id: 'a', mime: 'IMAGE/JPEG' }, 'r')).toBe(true);
    expect(isFilterScreenshotCandidate({ id: 'r', mime: 'image/png' }, 'r')).toBe(false);
    expect(isFilterScreenshotCandidate({ id: 'a', mime: 'text/csv' }, 'r')).toBe(false);
    expect(isFilterScreenshotCandidate({ id: 'a', mime: 'application/pdf' }, 'r')).toBe(false);
  });
});
