import { shown } from '../verify/words';

/**
 * Why the locker refuses something it fetched (issue #17 "what a locker must refuse"). Every
 * refusal names whose chain (by the roster's name when the key is on it, else by fingerprint) and
 * which entry, so a person can go and ask the right member.
 */
export type RefusalKind = 'roster' | 'unknown-key' | 'signature' | 'chain' | 'rewritten' | 'blob' | 'layout';

export interface Refusal {
  readonly kind: RefusalKind;
  /** The member as the roster names them ("Ana Ruiz, IT Admin"), or "key 1a2b…" when not on it. */
  readonly member: string;
  /** The file in the repository the refusal is about. */
  readonly path: string;
  /** The chain entry (seq) concerned, or null when the refusal is about the whole file. */
  readonly entry: number | null;
  readonly reason: string;
}

export function refusalMessage(r: Refusal): string {
  const where = r.entry === null ? shown(r.path) : `entry ${r.entry} of ${shown(r.path)}`;
  return `${r.member}'s chain, ${where}: ${r.reason}`;
}
