import { canonicalJson } from '../../shared/log/chain';
import { verifySignoffSignature, type SignoffRecord } from '../../shared/signing/signoff';
import { yieldToUi } from './yieldToUi';

/**
 * Signature verdicts of sign-offs, verified once per session and remembered (issue #12: every
 * screen verified every sign-off twice). A verdict depends only on the signature, the key and
 * the signed message, so that is the key: the whole canonical payload (for v2, the subject the
 * reviewer decided on and the trail head) with the signature and public key. A row altered
 * behind the app's back is a different key and is verified afresh. What a verdict does not
 * decide is never remembered: whether the item still matches the subject (staleness) and
 * whether the key is in the keyring are judged every time (shared/review/reviewState.ts), so
 * a key added or revoked counts at once. The integrity check never uses this.
 */
const verdicts = new Map<string, boolean>();
const pending = new Map<string, Promise<boolean>>();
/** Keys by row object: building the canonical JSON once per row read, not per lookup. */
const keys = new WeakMap<SignoffRecord, string>();

function keyOf(record: SignoffRecord): string {
  let key = keys.get(record);
  if (key === undefined) {
    let message: string;
    try {
      message = canonicalJson(record.payload);
    } catch {
      // A payload canonical JSON refuses cannot verify; still one key per row content.
      message = `unreadable:${String(record.id)}`;
    }
    key = `${String(record.signature)}|${String(record.publicKey)}|${message}`;
    keys.set(record, key);
  }
  return key;
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
    if (i + BATCH < unknown.length) await yieldToUi();
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

/** The verdict lookup reviewStatesWith / judgeSignoffWith take; a sign-off not verified yet counts as not verifying. */
export function signatureVerdict(record: SignoffRecord): boolean {
  return knownSignature(record) ?? false;
}
