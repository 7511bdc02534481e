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

/**
 * The keys of the signatures verified as valid in this thread, for a planning worker of this
 * page (features/export/planExport.ts), which reads the same rows: it then verifies only what
 * this page has not (issue #12: 5,000 signatures verified again on each export, ~0.5 s).
 */
export function verifiedSignatureKeys(): string[] {
  const keys: string[] = [];
  for (const [key, valid] of verdicts) if (valid) keys.push(key);
  return keys;
}

/**
 * Takes valid verdicts another thread of this app made (verifiedSignatureKeys). A key holds
 * the signature, the public key and the whole signed message, so a row changed since (any
 * field that is signed) has another key and is verified here afresh.
 */
export function rememberVerified(keys: Iterable<string>): void {
  for (const key of keys) verdicts.set(key, true);
}

/** The remembered verdict, or undefined when this sign-off has not been verified yet. */
export function knownSignature(record: SignoffRecord): boolean | undefined {
  return verdicts.get(keyOf(record));
}

/**
 * How verification gives way to the window: the page's own work per sign-off (its canonical
 * JSON, twice: once for the key, once for the message) is ~0.1-0.3 ms, and WebCrypto verifies
 * off this thread; batches of 64 still made tasks of 50-150 ms at 10,000 items (issue #12: no
 * task over 50 ms). So each slice stops after `budgetMs` of the page's time, waits for the
 * verifications it started, and yields before the next. Injectable so a test can count slices.
 */
export interface Pacing {
  readonly budgetMs: number;
  readonly now: () => number;
  readonly pause: () => Promise<void>;
}

const PACING: Pacing = { budgetMs: 8, now: () => performance.now(), pause: yieldToUi };

/** Verifies every sign-off whose verdict is not known yet; resolves when all are known. */
export async function verifySignatures(records: readonly SignoffRecord[], pacing: Pacing = PACING): Promise<void> {
  let started = pacing.now();
  let running: Promise<boolean>[] = [];
  for (const record of records) {
    if (!verdicts.has(keyOf(record))) running.push(verifyOne(record));
    if (pacing.now() - started >= pacing.budgetMs) {
      await Promise.all(running);
      running = [];
      await pacing.pause();
      started = pacing.now();
    }
  }
  await Promise.all(running);
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
