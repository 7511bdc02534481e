import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { judgeSignoffWith, reviewStatesWith } from '../../../shared/review/reviewState';
import { foreground } from '../../db/backgroundGate';
import { readControlEvidence, type ControlEvidence } from '../../db/evidence';
import { signatureVerdict, verifySignatures } from '../../db/signatureVerdicts';
import type { ItemsReview } from '../review/reviewOfRows';
import { useReviewContext } from '../review/useReviewContext';

export interface ControlReview extends ItemsReview {
  /** The control's items, newest capture first. */
  readonly items: readonly EvidenceRecord[];
}

/**
 * A control's items with their review state, from the control's own rows (indexed reads, see
 * readControlEvidence): attaching to a daily control costs the same on the first item of the
 * audit as on the ten-thousandth. Signatures are verified once each and remembered, before the
 * first state is shown, so no sign-off ever shows as unverified while that runs.
 */
export function useControlReview(auditId: string, controlId: string): ControlReview | undefined {
  const context = useReviewContext(auditId);
  const data = useLiveQuery(() => foreground(readControlEvidence(controlId)), [controlId]);
  const [verified, setVerified] = useState<ControlEvidence | null>(null);
  useEffect(() => {
    if (!data) return undefined;
    let cancelled = false;
    void verifySignatures(data.signoffs).then(() => {
      if (!cancelled) setVerified(data);
    });
    return () => {
      cancelled = true;
    };
  }, [data]);
  return useMemo(() => {
    // Until the current read is verified, the previous one stays on screen (no flash of "loading").
    const shown = verified ?? null;
    if (shown === null || context === undefined) return undefined;
    const related = [...shown.related.values()];
    return {
      items: shown.items,
      evidenceById: shown.related,
      states: reviewStatesWith(related, shown.signoffs, context, signatureVerdict),
      validity: new Map(shown.signoffs.map((s) => [s.id, judgeSignoffWith(s, shown.related.get(s.evidenceId), context, signatureVerdict)] as const)),
    };
  }, [verified, context]);
}
