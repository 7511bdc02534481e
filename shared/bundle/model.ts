import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, RequestRecord } from '../domain/records';
import type { ReviewDecision } from '../review/reviewState';
import type { SignoffRecord } from '../signing/signoff';

/**
 * What a bundle holds, before it is laid out as files (DESIGN.md §5). The planner fills it
 * from IndexedDB rows; the generators (index.html, VERIFY.html, evidence.csv, manifest.json,
 * audit-log.jsonl) each render one file from it.
 */
export const BUNDLE_SCHEMA_ID = 'https://evidence-locker.app/schemas/bundle-manifest/v1.json';
export const BUNDLE_FORMAT_VERSION = 1;

export interface BundledEvidence {
  readonly record: EvidenceRecord;
  /** Path inside the bag, relative to the bag folder: 'data/evidence/AC-01/2026-Q1/001-okta-users.csv'. */
  readonly path: string;
  /** Where the raw capture behind a processed screenshot lands, when it was kept (DESIGN.md §3). */
  readonly originalPath: string | null;
  /** Refs of the item's controls, for people (ids are for machines). */
  readonly controlRefs: readonly string[];
  /** The slot the item fills for its first control, or null when it is outside the window. */
  readonly slot: { readonly id: string; readonly label: string } | null;
  readonly decision: ReviewDecision;
  /** The latest sign-off and whether it verified when the bundle was made. */
  readonly signoff: SignoffRecord | null;
  readonly signoffValid: boolean | null;
  readonly supersededBy: string | null;
}

export interface BundleReviewerKey {
  readonly fingerprint: string;
  /** base64 raw Ed25519 public key. */
  readonly publicKey: string;
  readonly name: string;
  readonly role: string;
}

export interface BundleContent {
  readonly formatVersion: typeof BUNDLE_FORMAT_VERSION;
  readonly generatedAt: string;
  readonly generator: { readonly name: 'Evidence Locker'; readonly version: string };
  readonly bagName: string;
  readonly audit: AuditRecord;
  readonly controls: readonly ControlRecord[];
  readonly requests: readonly RequestRecord[];
  readonly evidence: readonly BundledEvidence[];
  readonly signoffs: readonly SignoffRecord[];
  readonly log: readonly LogEntry[];
  /** Every key that signed something in the bundle, and the exporter's key that signs the bag. */
  readonly keys: readonly BundleReviewerKey[];
  /** What the exporter chose: a step, a period, some controls; rejected/superseded included or not. */
  readonly selection: {
    readonly step: string | null;
    readonly from: string | null;
    readonly to: string | null;
    readonly controlIds: readonly string[] | null;
    readonly includeRejected: boolean;
    readonly includeSuperseded: boolean;
  };
}
