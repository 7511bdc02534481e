import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, RequestRecord } from '../domain/records';
import type { ReviewDecision } from '../review/reviewState';
import type { SignoffRecord } from '../signing/signoff';
import type { LogHead, SignedSlot } from '../signing/subject';

/**
 * What a bundle holds, before it is laid out as files (DESIGN.md §5). The planner fills it
 * from IndexedDB rows; the generators (index.html, VERIFY.html, evidence.csv, manifest.json,
 * audit-log.jsonl) each render one file from it.
 */
export const BUNDLE_SCHEMA_ID = 'https://evidence-locker.app/schemas/bundle-manifest/v2.json';
/**
 * 2: the bundle commits to its trail's head, lists the items it leaves out (a partial bundle
 * says so), and each item carries its slot per control (what a v2 sign-off covers).
 */
export const BUNDLE_FORMAT_VERSION = 2;

/** Why an item the trail knows is not in this bundle. */
export type LeftOutReason =
  | 'outside the selected step'
  | 'outside the selected period'
  | 'not linked to a selected control'
  | 'rejected'
  | 'superseded'
  | 'not held by the exporting installation';

export interface LeftOut {
  readonly evidenceId: string;
  readonly reason: LeftOutReason;
}

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
  /** The slot it fills for each of its controls, by ref: part of what a sign-off covers. */
  readonly slots: readonly SignedSlot[];
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
  /** The trail's last entry when the bundle was made: what the bundle commits to. */
  readonly logHead: LogHead;
  /** Items the trail records that this bundle does not carry, and why; empty for a whole bundle. */
  readonly leftOut: readonly LeftOut[];
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
