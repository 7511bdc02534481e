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

/** The review context of one audit read now: its window and controls, and this installation's keyring. */
export async function loadReviewContext(auditId: string): Promise<ReviewContext> {
  const { audit, controls, keyring } = await readReviewInputs(auditId);
  if (!audit) throw new Error('This audit no longer exists.');
  return reviewContextFor(audit, controls, keyring.map((k) => k.fingerprint));
}
