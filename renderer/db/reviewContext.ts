import { reviewContextFor, type ReviewContext } from '../../shared/review/reviewState';
import type { AuditRecord, ControlRecord } from '../../shared/domain/records';
import type { KeyringEntry } from '../../shared/trust/keyring';
import { db } from './db';

export interface ReviewInputs {
  readonly audit: AuditRecord | undefined;
  readonly controls: readonly ControlRecord[];
  readonly keyring: readonly KeyringEntry[];
}

/** What judging an audit's sign-offs needs besides its rows, read in one transaction (small tables). */
export function readReviewInputs(auditId: string): Promise<ReviewInputs> {
  return db.transaction('r', db.audits, db.controls, db.keyring, async () => ({
    audit: await db.audits.get(auditId),
    controls: await db.controls.where('auditId').equals(auditId).toArray(),
    keyring: await db.keyring.toArray(),
  }));
}

/**
 * One context object per distinct content of what judging depends on (the audit's window, each
 * control's id, ref and frequency, the trusted fingerprints). A live query hands out new rows on
 * every read, and each screen asks for its own: by content, they all get the same object, so
 * the review derived from it (memoized per snapshot and context) is computed once, not per
 * screen and per mount (issue #12: 5,000 sign-offs judged again on each navigation).
 */
const contexts = new Map<string, ReviewContext>();

export function reviewContextOf(audit: AuditRecord, controls: readonly ControlRecord[], keyring: readonly KeyringEntry[]): ReviewContext {
  const fingerprints = keyring.map((k) => k.fingerprint).sort();
  const key = JSON.stringify([
    [audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone],
    controls.map((c) => [c.id, c.ref, c.frequency]),
    fingerprints,
  ]);
  let context = contexts.get(key);
  if (context === undefined) {
    context = reviewContextFor(audit, controls, fingerprints);
    // A handful of audits and keyrings per session; the bound keeps a long one from growing.
    if (contexts.size >= 16) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

/** The review context of one audit read now: its window and controls, and this installation's keyring. */
export async function loadReviewContext(auditId: string): Promise<ReviewContext> {
  const { audit, controls, keyring } = await readReviewInputs(auditId);
  if (!audit) throw new Error('This audit no longer exists.');
  return reviewContextOf(audit, controls, keyring);
}
