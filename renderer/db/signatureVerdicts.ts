import { verifySignoffSignature, type SignoffRecord } from '../../shared/signing/signoff';

/**
 * Signature verdicts of sign-offs, verified once per session and remembered (issue #12: every
 * screen verified every sign-off twice). A sign-off row is never changed by the app; the key
 * also holds the fields a tampered row would have to change, so an edit made behind the app's
 * back is verified afresh. The integrity check never uses this: it verifies everything anew.
 */
const verdicts = new Map<string, boolean>();
const pending = new Map<string, Promise<boolean>>();

function keyOf(record: SignoffRecord): string {
  const { payload } = record;
  return [record.id, record.signature, record.publicKey, payload.evidenceId, payload.evidenceSha256, payload.decision, payload.at, payload.keyFingerprint].join('|');
}

/** The remembered verdict, or undefined when this sign-off has not been verified yet. */
export function knownSignature(record: SignoffRecord): boolean | undefined {
  return verdicts.get(keyOf(record));
}

/** How many verifications run at once, and how many run between two yields to the UI. */
const BATCH = 64;

/** Verifies every sign-off whose verdict is not known yet; resolves when all are known. */
export async function verifySignatures(records: readonly SignoffRecord[]): Promise<void> {
  const unknown = records.filter((r) => !verdicts.has(keyOf(r)));
  for (let i = 0; i < unknown.length; i += BATCH) {
    await Promise.all(unknown.slice(i, i + BATCH).map(verifyOne));
    // Building each message (canonical JSON) is main-thread work: let a frame paint between batches.
    if (i + BATCH < unknown.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function verifyOne(record: SignoffRecord): Promise<boolean> {
  const key = keyOf(record);
  let running = pending.get(key);
  if (!running) {
    running = verifySignoffSignature(record)
      .catch(() => false)
      .then((valid) => {
        verdicts.set(key, valid);
        pending.delete(key);
        return valid;
      });
    pending.set(key, running);
  }
  return running;
}

/** The verdict lookup reviewStatesWith takes; a sign-off not verified yet counts as not verifying. */
export function signatureVerdict(record: SignoffRecord): boolean {
  return knownSignature(record) ?? false;
}
