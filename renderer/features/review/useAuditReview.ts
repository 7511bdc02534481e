import type { EvidenceRecord } from '../../../shared/domain/records';
import { judgeSignoffWith, reviewStatesWith, type ReviewContext, type ReviewState } from '../../../shared/review/reviewState';
import type { SignoffValidity } from '../../../shared/signing/signoff';
import type { AuditRows } from '../../db/auditRows';
import { signatureVerdict } from '../../db/signatureVerdicts';
import { useAuditRows } from '../audits/useAuditRows';
import { useReviewContext } from './useReviewContext';

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
  /** Every item that counts, superseded versions included: withdrawn items are not among them. */
  readonly evidence: readonly EvidenceRecord[];
  /** The withdrawn items, for a list that shows them when asked. */
  readonly withdrawn: readonly EvidenceRecord[];
}

const reviews = new WeakMap<AuditRows, WeakMap<ReviewContext, AuditReview>>();

/**
 * Review state derived once per snapshot of the audit's rows and per review context (audit
 * window, controls, keyring), and shared by every screen that shows it. Signatures were
 * verified (once each) before the snapshot was published; here only the synchronous checks
 * run: the item still matches what was signed, the subject is not stale, the key is trusted.
 */
export function reviewOfRows(rows: AuditRows, context: ReviewContext): AuditReview {
  let byContext = reviews.get(rows);
  if (!byContext) {
    byContext = new WeakMap();
    reviews.set(rows, byContext);
  }
  let review = byContext.get(context);
  if (!review) {
    const validity = new Map(rows.signoffs.map((s) => [s.id, judgeSignoffWith(s, rows.evidenceById.get(s.evidenceId), context, signatureVerdict)] as const));
    review = {
      evidence: rows.evidence,
      withdrawn: rows.withdrawn,
      evidenceById: rows.evidenceById,
      states: reviewStatesWith(rows.evidence, rows.signoffs, context, signatureVerdict),
      validity,
    };
    byContext.set(context, review);
  }
  return review;
}

/** Evidence and review state of an audit from one snapshot; undefined while loading. */
export function useAuditReview(auditId: string): AuditReview | undefined {
  const rows = useAuditRows(auditId);
  const context = useReviewContext(auditId);
  return rows === undefined || context === undefined ? undefined : reviewOfRows(rows, context);
}
