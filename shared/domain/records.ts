import type { AuditStep, AuditType, Frequency, TscSeries } from './types';

/** Rows of the Dexie database (DESIGN.md §1). Dates are ISO strings: they survive JSON and bundles. */

export const OPINIONS = ['pending', 'unqualified', 'qualified', 'adverse', 'disclaimer'] as const;
export type Opinion = (typeof OPINIONS)[number];

/** An exception the auditor noted in the report, with management's response to it. */
export interface ReportException {
  readonly id: string;
  readonly controlId: string | null;
  readonly description: string;
  readonly managementResponse: string;
}

/** The report received at the end of the audit (the Report step). */
export interface AuditReport {
  readonly opinion: Opinion;
  readonly reportDate: string | null;
  readonly auditorFirm: string;
  readonly exceptions: readonly ReportException[];
}

export interface AuditRecord {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly type: AuditType;
  /** Calendar date 'YYYY-MM-DD' for Type I, else null. */
  readonly asOf: string | null;
  /** Calendar dates for Type II, else null. */
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly timeZone: string;
  readonly categories: readonly TscSeries[];
  readonly systems: readonly string[];
  /** null until the report is received; added in schema v2. */
  readonly report: AuditReport | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * When the audit was archived (it leaves the audit list, nothing is deleted), else null.
   * Added in schema v5; optional because audits read from older bundles do not carry it.
   */
  readonly archivedAt?: string | null;
}

export type ReadinessStatus = 'not-started' | 'gap' | 'ready';

export interface ControlRecord {
  readonly id: string;
  readonly auditId: string;
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly frequency: Frequency;
  readonly criteria: readonly string[];
  readonly readiness: ReadinessStatus;
  readonly readinessNotes: string;
  readonly retired: boolean;
  readonly createdAt: string;
}

/** One row of the auditor's request list (PBC, "provided by client"). */
export interface RequestRecord {
  readonly id: string;
  readonly auditId: string;
  /** The auditor's own id, e.g. 'PBC-014'. Unique within an audit. */
  readonly requestId: string;
  readonly description: string;
  readonly controlIds: readonly string[];
  /** 'YYYY-MM-DD' or null. */
  readonly dueDate: string | null;
  readonly createdAt: string;
}

export const TASK_STATUSES = ['open', 'in-progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A remediation task (a gap to close) or a maintenance task (recurring evidence to collect). */
export interface TaskRecord {
  readonly id: string;
  readonly auditId: string;
  readonly controlId: string | null;
  readonly kind: 'remediation' | 'maintenance';
  readonly title: string;
  readonly owner: string;
  /** 'YYYY-MM-DD' or null. */
  readonly dueDate: string | null;
  readonly status: TaskStatus;
  readonly notes: string;
  /** Evidence of the fix. */
  readonly evidenceIds: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type EvidenceSource =
  | { readonly kind: 'display'; readonly displayId: string; readonly displayName: string }
  | { readonly kind: 'file'; readonly originalName: string; readonly originalPath: string; readonly modifiedAt: string };

/**
 * The raw capture behind a processed screenshot (DESIGN.md §3). Kept in the store beside the
 * stamped image unless redaction was applied: then only its hash survives (stored: false), since
 * keeping it would keep what was redacted.
 */
export interface OriginalCapture {
  readonly sha256: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly stored: boolean;
}

/**
 * Where a system report (a user list, a change-ticket export, a population) came from, so the
 * auditor can test it is complete and accurate (DESIGN.md §3, PCAOB AS 1105.10).
 */
export interface SystemReport {
  readonly sourceSystem: string;
  /** The query, filter or report parameters used to produce it. */
  readonly query: string;
  readonly rowCount: number | null;
  /** UTC ISO instant the data was extracted, or null when unknown. */
  readonly extractedAt: string | null;
  /** Id of a screenshot of the filter, in the same audit. */
  readonly filterScreenshotId: string | null;
}

/**
 * An item taken back out of the audit (issue #13: a wrongly attached file). It stays in the
 * database and the trail, shown as withdrawn where it is looked at, but counts nowhere: not in
 * coverage, review, any screen's counts or any bundle. Its bytes may then be purged.
 */
export interface Withdrawal {
  /** UTC ISO instant. */
  readonly at: string;
  /** The actor who withdrew it (OS user@host, as every trail entry names its actor). */
  readonly by: string;
  readonly reason: string;
  /** When its stored bytes were given up (removed unless something else uses them), else null. */
  readonly purge: { readonly at: string; readonly by: string } | null;
}

export interface EvidenceRecord {
  readonly id: string;
  readonly auditId: string;
  readonly controlIds: readonly string[];
  readonly step: AuditStep;
  /** What the list shows: the original file name, or a generated name for a screenshot. */
  readonly name: string;
  /** The instant the evidence speaks for; defaults to capturedAt (DESIGN.md §1, period slots). */
  readonly evidenceDate: string;
  /** UTC ISO instant. */
  readonly capturedAt: string;
  /** IANA zone of the capturing machine. */
  readonly timeZone: string;
  readonly capturedBy: string;
  readonly host: string;
  readonly source: EvidenceSource;
  /** What was done to the bytes before storing, e.g. ['cropped', 'redacted:2', 'stamped']. */
  readonly processing: readonly string[];
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly notes: string;
  readonly supersedes: string | null;
  readonly createdAt: string;
  /** null for files and for rows written before schema v4. */
  readonly original: OriginalCapture | null;
  readonly systemReport: SystemReport | null;
  /**
   * Null unless withdrawn. Added in schema v8; optional because rows rebuilt from a bundle do
   * not carry it (a bundle never holds a withdrawn item).
   */
  readonly withdrawal?: Withdrawal | null;
}

export interface ThumbnailRecord {
  readonly sha256: string;
  readonly mime: string;
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

export type LogAction = 'create' | 'update' | 'delete' | 'signoff' | 'import' | 'export';

export interface LogEntry {
  /** The chain is per audit so that an exported audit's trail verifies on its own. */
  readonly auditId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: LogAction;
  readonly target: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}
