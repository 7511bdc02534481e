import { createContext, useContext } from 'react';
import type { SignoffPayload } from '../../../shared/signing/signoff';
import { formatUtc } from '../../../shared/time/format';

/**
 * Names of the keys in this installation's keyring, by fingerprint. A sign-off is shown with the
 * name the keyring holds for its key, never with the name written inside it (anyone can type a
 * name; issue #11 §3). Provided once at the app root from one live query.
 */
export type KeyNames = ReadonlyMap<string, { readonly name: string; readonly role: string }>;

export const KeyNamesContext = createContext<KeyNames>(new Map());

export function useKeyNames(): KeyNames {
  return useContext(KeyNamesContext);
}

/** "Dana Reviewer (IT Manager) · 2026-04-02 10:00:00 UTC", or the unknown key it was signed with. */
export function signedBy(payload: SignoffPayload, names: KeyNames): string {
  const known = names.get(payload.keyFingerprint);
  const who = known
    ? `${known.name}${known.role ? ` (${known.role})` : ''}`
    : `an unknown key ${payload.keyFingerprint.slice(0, 19)}…`;
  return `${who} · ${formatUtc(payload.at)}`;
}

/** What an unknown key's sign-off says about its signer: only a claim, shown as one. */
export function claimedSigner(payload: SignoffPayload): string {
  return `“${payload.reviewer.name}${payload.reviewer.role ? ` (${payload.reviewer.role})` : ''}”`;
}
