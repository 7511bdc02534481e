import { toCsv } from '../../csv/csv';
import { processingText } from '../../domain/labels';
import type { SystemReport } from '../../domain/records';
import { visibleName } from '../../files/visibleName';
import type { BundleContent, BundledEvidence } from '../model';
import { requestIdsByControl, requestIdsOf } from '../requestLinks';

export const EVIDENCE_CSV_HEADERS = [
  'Path',
  'Name',
  'Control refs',
  'Slot',
  'Step',
  'Evidence date (UTC)',
  'Captured at (UTC)',
  'Captured by',
  'Host',
  'Size (bytes)',
  'SHA-256',
  'MIME',
  'Review decision',
  'Reviewer',
  'Signed at (UTC)',
  'Sign-off valid',
  'Notes',
  'Supersedes',
  'Superseded by',
  // Appended, not interleaved: a spreadsheet built on the columns above keeps working.
  'System report',
  'Source system',
  'Query or filter',
  'Row count',
  'Extracted at (UTC)',
  'Filter screenshot',
  'Processing',
  'Raw capture SHA-256',
  'Raw capture file',
  // The auditor's request ids (PBC list) the item answers through its controls (issue #13).
  'PBC requests',
] as const;

/**
 * data/evidence.csv: one row per item for the auditor's spreadsheet. Formula neutralization,
 * quoting and the BOM come from toCsv. Instants are written "YYYY-MM-DD HH:MM:SS" (UTC, as the
 * header says) because Excel and LibreOffice read that form as a date-time and ISO's "T…Z" as text.
 */
export function renderEvidenceCsv(content: BundleContent): string {
  const pathById = new Map(content.evidence.map((e) => [e.record.id, e.path]));
  const refer = (id: string | null): string => (id === null ? '' : (pathById.get(id) ?? `not in this bundle (id ${id})`));
  const requests = requestIdsByControl(content.requests);
  return toCsv(
    EVIDENCE_CSV_HEADERS,
    content.evidence.map((item) => row(item, refer, requestIdsOf(item.record.controlIds, requests))),
  );
}

function row(item: BundledEvidence, refer: (id: string | null) => string, requestIds: readonly string[]): (string | number | null)[] {
  const r = item.record;
  const signoff = item.signoff?.payload ?? null;
  return [
    item.path,
    // Hidden and bidi characters made visible: a spreadsheet cell shows "invoice‮gnp.exe" as "invoiceexe.png".
    visibleName(r.name),
    item.controlRefs.join('; '),
    item.slot?.label ?? (r.controlIds.length > 0 ? 'outside the audit window' : ''),
    r.step,
    spreadsheetUtc(r.evidenceDate),
    spreadsheetUtc(r.capturedAt),
    r.capturedBy,
    r.host,
    r.size,
    r.sha256,
    r.mime,
    item.decision,
    signoff ? `${signoff.reviewer.name} (${signoff.reviewer.role})` : '',
    signoff ? spreadsheetUtc(signoff.at) : '',
    item.signoffValid === null ? '' : item.signoffValid ? 'yes' : 'no',
    r.notes,
    refer(r.supersedes),
    refer(item.supersededBy),
    ...systemReportCells(r.systemReport, refer),
    processingText(r.processing),
    r.original?.sha256 ?? '',
    r.original === null ? '' : (item.originalPath ?? 'not kept (redacted)'),
    requestIds.map(visibleName).join('; '),
  ];
}

/** Empty cells for an item that is not a system report; unknown values of one are empty too. */
function systemReportCells(report: SystemReport | null, refer: (id: string | null) => string): (string | number | null)[] {
  if (report === null) return ['', '', '', '', '', ''];
  return ['yes', report.sourceSystem, report.query, report.rowCount, report.extractedAt === null ? '' : spreadsheetUtc(report.extractedAt), refer(report.filterScreenshotId)];
}

function spreadsheetUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ');
}
