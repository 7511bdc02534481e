import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { judgeSignoffWith, reviewStatesWith } from '../../../shared/review/reviewState';
import { foreground } from '../../db/backgroundGate';
import { readControlEvidence, type ControlEvidence } from '../../db/evidence';
import { signatureVerdict, verifySignatures } from '../../db/signatureVerdicts';
import { controlEvidenceOf } from '../../db/controlRows';
import { useAuditRows } from '../audits/useAuditRows';
import type { ItemsReview } from '../review/reviewOfRows';
import { useReviewContext } from '../review/useReviewContext';

export interface ControlReview extends ItemsReview {
  /** The control's items, newest capture first. */
  readonly items: readonly EvidenceRecord[];
}

/**
 * A control's items with their review state: from the audit's rows in memory once they are read
 * (controlEvidenceOf, lookups in per-snapshot indexes), before that from the control's own rows
 * (indexed reads, see readControlEvidence). Either way attaching to a daily control costs the
 * same on the first item of the audit as on the ten-thousandth. Signatures are verified once
 * each and remembered, before the first state is shown, so no sign-off ever shows as unverified.
 */
export function useControlReview(auditId: string, controlId: string): ControlReview | undefined {
  const context = useReviewContext(auditId);
  // Once the audit's rows are in memory they answer (published with every signature verified,
  // kept current by the change feed); until then, the control's own indexed reads do.
  const rows = useAuditRows(auditId);
  const fromRows = useMemo(() => (rows === undefined ? undefined : controlEvidenceOf(rows, controlId)), [rows, controlId]);
  const read = useLiveQuery(() => (fromRows !== undefined ? null : foreground(readControlEvidence(controlId))), [controlId, fromRows === undefined]);
  const [verified, setVerified] = useState<ControlEvidence | null>(null);
  useEffect(() => {
    if (!read) return undefined;
    let cancelled = false;
    void verifySignatures(read.signoffs).then(() => {
      if (!cancelled) setVerified(read);
    });
    return () => {
      cancelled = true;
    };
  }, [read]);
  return useMemo(() => {
    // Until the current read is verified, the previous one stays on screen (no flash of "loading").
    const shown = fromRows ?? verified ?? null;
    if (shown === null || context === undefined) return undefined;
    const related = [...shown.related.values()];
    return {
      items: shown.items,
      evidenceById: shown.related,
      states: reviewStatesWith(related, shown.signoffs, context, signatureVerdict),
      validity: new Map(shown.signoffs.map((s) => [s.id, judgeSignoffWith(s, shown.related.get(s.evidenceId), context, signatureVerdict)] as const)),
    };
  }, [fromRows, verified, context]);
}
