import type { ReviewDecision } from '../../../shared/review/reviewState';
import type { SignoffPayload } from '../../../shared/signing/signoff';
import { formatUtc } from '../../../shared/time/format';

/** A word and a mark for each decision: status is never told by colour alone. */
export const DECISION_LABELS: Readonly<Record<ReviewDecision, { readonly label: string; readonly mark: string }>> = {
  pending: { label: 'Pending', mark: '○' },
  approved: { label: 'Approved', mark: '✓' },
  rejected: { label: 'Rejected', mark: '✕' },
};

/** "Dana Reviewer (IT Manager) · 2026-04-02 10:00:00 UTC" */
export function signedBy(payload: SignoffPayload): string {
  return `${payload.reviewer.name} (${payload.reviewer.role}) · ${formatUtc(payload.at)}`;
}

export function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n.toLocaleString('en-US')} items`;
}
