import { reviewContextFor, type ReviewContext } from '../../shared/review/reviewState';
import { db } from './db';

/** The review context of one audit read now: its window and controls, and this installation's keyring. */
export async function loadReviewContext(auditId: string): Promise<ReviewContext> {
  const { audit, controls, keyring } = await db.transaction('r', db.audits, db.controls, db.keyring, async () => ({
    audit: await db.audits.get(auditId),
    controls: await db.controls.where('auditId').equals(auditId).toArray(),
    keyring: await db.keyring.toArray(),
  }));
  if (!audit) throw new Error('This audit no longer exists.');
  return reviewContextFor(audit, controls, keyring.map((k) => k.fingerprint));
}
