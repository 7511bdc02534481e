import type { ReviewDecision } from '../../../shared/review/reviewState';

/** A word and a mark for each decision: status is never told by colour alone. */
export const DECISION_LABELS: Readonly<Record<ReviewDecision, { readonly label: string; readonly mark: string }>> = {
  pending: { label: 'Pending', mark: '○' },
  approved: { label: 'Approved', mark: '✓' },
  rejected: { label: 'Rejected', mark: '✕' },
};

/** The heading of a sign-off that does not count, by why (see SignoffValidity). */
export const SIGNOFF_PROBLEM_TITLES = {
  invalid: 'Sign-off invalid',
  stale: 'Sign-off stale',
  'unknown-key': 'Signed by an unknown key',
  withdrawn: 'Sign-off no longer counts',
} as const;

export function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n.toLocaleString('en-US')} items`;
}
