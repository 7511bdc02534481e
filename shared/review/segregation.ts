/**
 * Segregation of duties (issue #13): whether a reviewer may approve evidence they collected
 * themselves. 'warn' lets them, saying so plainly; 'forbid' refuses the approval (a rejection
 * is always allowed: sending one's own work back harms no one). Pure.
 */
export const SOD_POLICIES = ['warn', 'forbid'] as const;
export type SodPolicy = (typeof SOD_POLICIES)[number];
export const DEFAULT_SOD_POLICY: SodPolicy = 'warn';

export function isSodPolicy(value: unknown): value is SodPolicy {
  return typeof value === 'string' && (SOD_POLICIES as readonly string[]).includes(value);
}

/** Who is signing: the OS user and host the app records on every capture. */
export interface Signer {
  readonly user: string;
  readonly host: string;
}

export function isOwnEvidence(item: { readonly capturedBy: string; readonly host: string }, signer: Signer): boolean {
  return item.capturedBy === signer.user && item.host === signer.host;
}

export interface SodVerdict {
  /** Names of the items the signer collected. */
  readonly own: readonly string[];
  /** True when the policy refuses this decision. */
  readonly refused: boolean;
  /** What to tell the reviewer, or null when nothing applies. */
  readonly message: string | null;
}

export function checkSegregation(
  decision: 'approved' | 'rejected',
  items: readonly { readonly name: string; readonly capturedBy: string; readonly host: string }[],
  signer: Signer,
  policy: SodPolicy,
): SodVerdict {
  const own = items.filter((item) => isOwnEvidence(item, signer)).map((item) => item.name);
  if (own.length === 0 || decision === 'rejected') return { own, refused: false, message: null };
  const which = own.length === 1 ? `"${own[0] ?? ''}"` : `${own.length} of these items`;
  if (policy === 'forbid') {
    return {
      own,
      refused: true,
      message: `You collected ${which} yourself (${signer.user} on ${signer.host}), and segregation of duties is set to forbid approving one's own evidence. Another reviewer must approve it.`,
    };
  }
  return { own, refused: false, message: `You collected ${which} yourself (${signer.user} on ${signer.host}): an auditor may ask for an independent review.` };
}
