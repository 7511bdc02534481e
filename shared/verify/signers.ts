import { nameOfTrusted, type TrustedKey } from '../trust/keyring';
import type { Check, Signer } from './report';
import type { CountedSignoff } from './signoffs';
import { plural, shown } from './words';

/**
 * Trust, not just validity (issue #11 §3): a bag passes only when the key that signed it and
 * every key behind a counted sign-off are keys the checker confirmed out of band. Otherwise the
 * bundle is "valid, signer not confirmed", and the report says exactly what to compare. Names
 * come from the trusted keys (key cards, the keyring), never from the bag.
 */
export function checkSigners(
  bagSigner: { readonly fingerprint: string; readonly publicKey: string } | null,
  counted: readonly CountedSignoff[],
  trusted: readonly TrustedKey[],
): { check: Check; signers: Signer[] } {
  const title = 'Signers';
  const byFingerprint = new Map(trusted.map((t) => [t.fingerprint, t]));
  const signers = new Map<string, { publicKey: string; signed: { bag: boolean; countedSignoffs: number } }>();
  if (bagSigner !== null) signers.set(bagSigner.fingerprint, { publicKey: bagSigner.publicKey, signed: { bag: true, countedSignoffs: 0 } });
  for (const c of counted) {
    const s = signers.get(c.fingerprint) ?? { publicKey: c.publicKey, signed: { bag: false, countedSignoffs: 0 } };
    s.signed.countedSignoffs += 1;
    signers.set(c.fingerprint, s);
  }
  const list: Signer[] = [...signers.entries()].map(([fingerprint, s]) => ({ fingerprint, publicKey: s.publicKey, signed: s.signed, trustedAs: byFingerprint.get(fingerprint) ?? null }));
  const what = (s: Signer): string =>
    [s.signed.bag ? 'the bag' : '', s.signed.countedSignoffs > 0 ? plural(s.signed.countedSignoffs, 'decision') : ''].filter(Boolean).join(' and ');
  const unconfirmed = list.filter((s) => s.trustedAs === null);
  const confirmed = list.filter((s) => s.trustedAs !== null);
  const notes = confirmed.map((s) => `${s.fingerprint} signed ${what(s)}: confirmed as ${shown(nameOfTrusted(s.trustedAs ?? { name: null, role: null }) ?? 'a trusted key')} (${shown(s.trustedAs?.source ?? '')})`);
  const problems = unconfirmed.map(
    (s) =>
      `${s.fingerprint} signed ${what(s)}: not confirmed. Compare this fingerprint with its owner out of band (read aloud on a call, in person, or against the key card they gave you), then check again trusting it.`,
  );
  if (list.length === 0) {
    return { check: { id: 'signers', title, status: 'fail', summary: 'No valid signature: there is no signer to confirm.', problems: ['nothing in this bag carries a valid signature'], notes: [] }, signers: list };
  }
  return {
    check: {
      id: 'signers',
      title,
      status: unconfirmed.length ? 'unconfirmed' : 'pass',
      summary: unconfirmed.length
        ? `Valid signature, signer not confirmed: ${plural(unconfirmed.length, 'key')} ${unconfirmed.length === 1 ? 'is' : 'are'} not among the keys you trust. A valid signature by an unknown key proves nothing: anyone can re-hash and re-sign a bag.`
        : `Every key that signed the bag or a counted decision is one you trust (${confirmed.map((s) => shown(nameOfTrusted(s.trustedAs ?? { name: null, role: null }) ?? s.fingerprint)).join('; ')}).`,
      problems,
      notes,
    },
    signers: list,
  };
}
