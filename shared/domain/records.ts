import type { AuditStep, AuditType, Frequency, TscSeries } from './types';

/** Rows of the Dexie database (DESIGN.md §1). Dates are ISO strings: they survive JSON and bundles. */

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
  readonly createdAt: string;
  readonly updatedAt: string;
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

export type EvidenceSource =
  | { readonly kind: 'display'; readonly displayId: string; readonly displayName: string }
  | { readonly kind: 'file'; readonly originalName: string; readonly originalPath: string; readonly modifiedAt: string };

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
