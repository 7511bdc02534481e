import type { TrustedKey } from '../trust/keyring';

/**
 * The verdict of the verification core, the same for every front end (CLI, import gate,
 * VERIFY.html): the same checks, in the same order, with the same messages.
 */
export type Verdict = 'pass' | 'unconfirmed' | 'fail';

/**
 * pass: checked and sound. fail: a problem (tampering, a broken chain, a cut trail).
 * unconfirmed: sound, but signed by a key nobody confirmed. note: said for the record.
 */
export type CheckStatus = 'pass' | 'fail' | 'unconfirmed' | 'note';

export type CheckId =
  | 'layout'
  | 'bagit'
  | 'payload'
  | 'listed'
  | 'oxum'
  | 'tags'
  | 'signature'
  | 'manifest'
  | 'signoffs'
  | 'trail'
  | 'history'
  | 'signers'
  | 'verifier-page'
  | 'previous'
  /** Main's own: the bundle file did not change while it was verified (import reads it again). */
  | 'unchanged';

export interface Check {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  /** Each problem names its file, entry or sign-off. */
  readonly problems: readonly string[];
  /** Things worth knowing that are not problems (a stale sign-off, files the OS added). */
  readonly notes: readonly string[];
}

export interface Signer {
  readonly fingerprint: string;
  /** base64 raw public key, as the bag carries it (to add to a keyring once confirmed). */
  readonly publicKey: string;
  /** What the key signed here: the bag itself, and/or sign-offs that decide an item. */
  readonly signed: { readonly bag: boolean; readonly countedSignoffs: number };
  /** The trusted key it matched (its name comes from there), or null when nobody confirmed it. */
  readonly trustedAs: TrustedKey | null;
}

export interface Facts {
  readonly bagName: string | null;
  readonly audit: string | null;
  readonly auditId: string | null;
  readonly organization: string | null;
  readonly generatedAt: string | null;
  readonly formatVersion: number | null;
  readonly files: number;
  readonly bytes: number;
  readonly logEntries: number | null;
  readonly logHead: { readonly seq: number; readonly hash: string } | null;
  /** Null for a whole bundle; otherwise what the exporter selected, in words. */
  readonly partial: string | null;
  readonly bagSigningKey: string | null;
}

export interface VerifyReport {
  readonly verdict: Verdict;
  readonly checks: readonly Check[];
  readonly facts: Facts;
  readonly signers: readonly Signer[];
  /** Every failing problem, each naming what it is about. */
  readonly problems: readonly string[];
}

/** Exit codes of `evidence-locker verify`, documented in the README and in --help. */
export const EXIT_CODES = { pass: 0, fail: 1, usage: 2, unconfirmed: 3 } as const;

export function verdictOf(checks: readonly Check[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'unconfirmed')) return 'unconfirmed';
  return 'pass';
}

/** The report with one more check (`--previous`), verdict and problems recomputed. */
export function withCheck(report: VerifyReport, check: Check): VerifyReport {
  const checks = [...report.checks, check];
  return { ...report, checks, verdict: verdictOf(checks), problems: checks.flatMap((c) => (c.status === 'fail' ? c.problems : [])) };
}

export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  pass: 'PASS',
  unconfirmed: 'VALID, SIGNER NOT CONFIRMED',
  fail: 'FAIL',
};
