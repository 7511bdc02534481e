import { evidenceRows, type BrowserControl, type EvidenceRow } from '../../../shared/coverage/evidenceFilter';
import type { EvidenceRecord } from '../../../shared/domain/records';
import type { AuditWindow } from '../../../shared/periods/slots';
import { reviewOf, type ReviewState } from '../../../shared/review/reviewState';
import type { AuditReview } from '../review/reviewOfRows';
import { kept } from '../../../shared/work/kept';

/**
 * All evidence's rows remembered per review (one per snapshot of the audit's rows and review
 * context, see reviewOfRows.ts), audit window and controls: going back to the list reuses them
 * instead of placing 10,000 items in their slots again (issue #12: ~40 ms each time). A write
 * makes a new snapshot, hence a new review, hence fresh rows. Rows do not depend on the clock.
 */
const remembered = new WeakMap<ReadonlyMap<string, ReviewState>, Map<string, { readonly evidence: readonly EvidenceRecord[]; readonly rows: EvidenceRow[] }>>();

export function rowsOf(
  audit: AuditWindow & { readonly id: string },
  controls: readonly BrowserControl[],
  evidence: readonly EvidenceRecord[],
  states: ReadonlyMap<string, ReviewState>,
): EvidenceRow[] {
  const key = JSON.stringify([audit.id, audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone, controls.map((c) => [c.id, c.ref, c.frequency, c.criteria])]);
  const byKey = kept(remembered, states, () => new Map<string, { readonly evidence: readonly EvidenceRecord[]; readonly rows: EvidenceRow[] }>());
  const hit = byKey.get(key);
  if (hit !== undefined && hit.evidence === evidence) return hit.rows;
  const rows = evidenceRows(audit, controls, evidence, reviewOf(states));
  if (byKey.size >= 4) byKey.clear();
  byKey.set(key, { evidence, rows });
  return rows;
}

const everyItem = new WeakMap<AuditReview, readonly EvidenceRecord[]>();

/** The items that count and the withdrawn ones, one array per review: the rows' memo knows it again on the next visit. */
export function withWithdrawn(review: AuditReview): readonly EvidenceRecord[] {
  return kept(everyItem, review, () => [...review.evidence, ...review.withdrawn]);
}
