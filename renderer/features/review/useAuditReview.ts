import type { EvidenceRecord } from '../../../shared/domain/records';
import { reviewStatesWith, type ReviewState } from '../../../shared/review/reviewState';
import { checkSignoffWith, type SignoffValidity } from '../../../shared/signing/signoff';
import type { AuditRows } from '../../db/auditRows';
import { signatureVerdict } from '../../db/signatureVerdicts';
import { useAuditRows } from '../audits/useAuditRows';

/** Review state of a set of items, and the items it refers to, by id. */
export interface ItemsReview {
  /** The items reviewed and those they refer to (replacements, replaced items, filter screenshots). */
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord>;
  readonly states: ReadonlyMap<string, ReviewState>;
  /**
   * Validity of every sign-off by id, not only the latest: an older sign-off shown in an item's
   * history is checked too, so an altered one is never shown as if it were sound.
   */
  readonly validity: ReadonlyMap<string, SignoffValidity>;
}

export interface AuditReview extends ItemsReview {
  /** Every item of the audit, superseded versions included. */
  readonly evidence: readonly EvidenceRecord[];
}

const reviews = new WeakMap<AuditRows, AuditReview>();

/**
 * Review state derived once per snapshot of the audit's rows and shared by every screen that
 * shows it. Signatures were verified (once each) before the snapshot was published; here only
 * the cheap checks run against the items as they are now.
 */
export function reviewOfRows(rows: AuditRows): AuditReview {
  let review = reviews.get(rows);
  if (!review) {
    const validity = new Map(rows.signoffs.map((s) => [s.id, checkSignoffWith(s, rows.evidenceById.get(s.evidenceId), signatureVerdict(s))] as const));
    review = {
      evidence: rows.evidence,
      evidenceById: rows.evidenceById,
      states: reviewStatesWith(rows.evidence, rows.signoffs, signatureVerdict),
      validity,
    };
    reviews.set(rows, review);
  }
  return review;
}

/** Evidence and review state of an audit from one snapshot; undefined while loading. */
export function useAuditReview(auditId: string): AuditReview | undefined {
  const rows = useAuditRows(auditId);
  return rows === undefined ? undefined : reviewOfRows(rows);
}
