import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { computeReviewStates, judgeSignoff, reviewContextFor, type ReviewState } from '../../../shared/review/reviewState';
import type { SignoffValidity } from '../../../shared/signing/signoff';
import { db } from '../../db/db';
import { listEvidenceForAudit } from '../../db/evidence';
import { listKeyring } from '../../db/keyring';
import { listSignoffs } from '../../db/signoffs';

export interface AuditReview {
  /** Every item of the audit, superseded versions included. */
  readonly evidence: readonly EvidenceRecord[];
  readonly states: ReadonlyMap<string, ReviewState>;
  /**
   * Validity of every sign-off by id, not only the latest: an older sign-off shown in an item's
   * history is checked too, so an altered one is never shown as if it were sound.
   */
  readonly validity: ReadonlyMap<string, SignoffValidity>;
}

/**
 * Evidence and review state of an audit from one snapshot, recomputed (signatures verified
 * again, staleness and the keyring applied) whenever evidence, sign-offs, controls, the audit
 * window or the keyring change. States and items always agree because they are computed from
 * the same read. Undefined while loading.
 */
export function useAuditReview(auditId: string): AuditReview | undefined {
  const data = useLiveQuery(
    async () => ({
      audit: await db.audits.get(auditId),
      controls: await db.controls.where('auditId').equals(auditId).toArray(),
      evidence: await listEvidenceForAudit(auditId),
      signoffs: await listSignoffs(auditId),
      keyring: await listKeyring(),
    }),
    [auditId],
  );
  const [review, setReview] = useState<AuditReview | undefined>(undefined);
  useEffect(() => {
    if (!data?.audit) return undefined;
    let cancelled = false;
    const context = reviewContextFor(data.audit, data.controls, data.keyring.map((k) => k.fingerprint));
    const byId = new Map(data.evidence.map((item) => [item.id, item]));
    void Promise.all([
      computeReviewStates(data.evidence, data.signoffs, context),
      Promise.all(data.signoffs.map(async (s) => [s.id, await judgeSignoff(s, byId.get(s.evidenceId), context)] as const)),
    ]).then(([states, checks]) => {
      if (!cancelled) setReview({ evidence: data.evidence, states, validity: new Map(checks) });
    });
    return () => {
      cancelled = true;
    };
  }, [data]);
  return review;
}
