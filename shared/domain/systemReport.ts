import { instantForLocalDateTime, localDateTimeInZone } from '../time/localDateTime';
import type { SystemReport } from './records';

/**
 * Editing where a system report came from (DESIGN.md §3, PCAOB AS 1105.10): the form as typed,
 * and the one check that turns it into a SystemReport or names what is wrong, field by field.
 */
export interface SystemReportForm {
  readonly sourceSystem: string;
  readonly query: string;
  /** As typed; '' when unknown. */
  readonly rowCount: string;
  /** A datetime-local value in the audit's zone; '' when unknown. */
  readonly extractedAt: string;
  /** '' for none. */
  readonly filterScreenshotId: string;
}

/** The same limits the bundle import applies (shared/bundle/importPlan.ts), so an export always imports. */
export const SYSTEM_REPORT_LIMITS = { sourceSystem: 200, query: 20_000 } as const;

export function systemReportForm(report: SystemReport | null, timeZone: string): SystemReportForm {
  return {
    sourceSystem: report?.sourceSystem ?? '',
    query: report?.query ?? '',
    rowCount: report?.rowCount === null || report?.rowCount === undefined ? '' : String(report.rowCount),
    extractedAt: report?.extractedAt ? localDateTimeInZone(report.extractedAt, timeZone) : '',
    filterScreenshotId: report?.filterScreenshotId ?? '',
  };
}

export type RowCountResult = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

/**
 * A row count as people type it: '412', '1,204' or '1 204'. A decimal point is refused rather
 * than read: '1.204' is a thousand and more in much of Europe and one point two in the US.
 */
export function parseRowCount(text: string): RowCountResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (trimmed.startsWith('-')) return { ok: false, message: 'Row count cannot be negative.' };
  const grouped = /^\d{1,3}([, \u00a0\u202f]\d{3})+$/.test(trimmed);
  if (!grouped && !/^\d+$/.test(trimmed)) return { ok: false, message: 'Row count must be a whole number of rows, such as 412.' };
  const value = Number(trimmed.replace(/[, \u00a0\u202f]/g, ''));
  if (!Number.isSafeInteger(value)) return { ok: false, message: 'Row count is too large to be a number of rows.' };
  return { ok: true, value };
}

export interface SystemReportContext {
  readonly timeZone: string;
  readonly now: Date;
  /** When the item itself was captured or attached: a report cannot have been extracted after that. */
  readonly attachedAt: string;
  /** Image items of the same audit, other than this one, that may be linked as the filter's screenshot. */
  readonly screenshotIds: ReadonlySet<string>;
}

export type SystemReportErrors = Partial<Record<keyof SystemReportForm, string>>;

export interface SystemReportCheck {
  /** null exactly when there are errors. */
  readonly report: SystemReport | null;
  readonly errors: SystemReportErrors;
  /** Worth a second look, never a reason to refuse: clocks are wrong, and so are people. */
  readonly warnings: readonly string[];
}

export function checkSystemReport(form: SystemReportForm, ctx: SystemReportContext): SystemReportCheck {
  const errors: { -readonly [K in keyof SystemReportForm]?: string } = {};
  const warnings: string[] = [];

  const sourceSystem = form.sourceSystem.trim();
  if (sourceSystem === '') errors.sourceSystem = 'Name the system the report came from, such as Okta or Jira.';
  else if (sourceSystem.length > SYSTEM_REPORT_LIMITS.sourceSystem) errors.sourceSystem = `Source system must be at most ${SYSTEM_REPORT_LIMITS.sourceSystem} characters.`;

  const query = form.query.trim();
  if (query.length > SYSTEM_REPORT_LIMITS.query) errors.query = `Query or filter must be at most ${SYSTEM_REPORT_LIMITS.query.toLocaleString('en-US')} characters.`;

  const rowCount = parseRowCount(form.rowCount);
  if (!rowCount.ok) errors.rowCount = rowCount.message;

  let extractedAt: string | null = null;
  if (form.extractedAt.trim() !== '') {
    const parsed = instantForLocalDateTime(form.extractedAt.trim(), ctx.timeZone);
    if (parsed.ok) extractedAt = parsed.instant;
    else if (parsed.reason === 'nonexistent') errors.extractedAt = `That time did not exist in ${ctx.timeZone}: the clocks skipped it. Enter the time shown on the report.`;
    else errors.extractedAt = 'Enter the date and time the data was extracted.';
  }
  if (extractedAt !== null) {
    const at = Date.parse(extractedAt);
    if (at > ctx.now.getTime()) warnings.push('The extraction time is in the future. Check the date, the time and the time zone.');
    else if (at > Date.parse(ctx.attachedAt)) warnings.push('The extraction time is after this file was attached. Check the date, the time and the time zone.');
  }

  const filterScreenshotId = form.filterScreenshotId === '' ? null : form.filterScreenshotId;
  if (filterScreenshotId !== null && !ctx.screenshotIds.has(filterScreenshotId)) {
    errors.filterScreenshotId = 'That screenshot is no longer an image item of this audit. Choose another, or none.';
  }

  if (Object.keys(errors).length > 0) return { report: null, errors, warnings };
  return {
    report: { sourceSystem, query, rowCount: rowCount.ok ? rowCount.value : null, extractedAt, filterScreenshotId },
    errors,
    warnings,
  };
}

/** Items that may be linked as the filter's screenshot: the audit's images, never the report itself. */
export function isFilterScreenshotCandidate(candidate: { readonly id: string; readonly mime: string }, reportId: string): boolean {
  return candidate.id !== reportId && candidate.mime.toLowerCase().startsWith('image/');
}
