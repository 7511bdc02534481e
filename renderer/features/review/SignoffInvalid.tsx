import type { SignoffRecord, SignoffValidity } from '../../../shared/signing/signoff';
import { claimedSigner, signedBy, useKeyNames } from './keyNames';
import { SIGNOFF_PROBLEM_TITLES } from './labels';
import './review.css';

type NotCounting = Extract<SignoffValidity, { valid: false }>;

/**
 * A sign-off that does not count, said plainly where the item is shown: invalid (altered or
 * forged), stale (the item changed since), or signed by an unknown key. It is never dropped
 * silently, because an approval that no longer holds is exactly what an auditor must see.
 */
export function SignoffInvalid({
  signoff,
  validity,
  separator = ' — ',
}: {
  readonly signoff: SignoffRecord;
  readonly validity: NotCounting;
  /** The queue says "Sign-off invalid: …", an evidence card "Sign-off invalid — …". */
  readonly separator?: string;
}): React.JSX.Element {
  const names = useKeyNames();
  const what = signoff.payload.decision === 'approved' ? 'approval' : 'rejection';
  const detail =
    validity.kind === 'unknown-key'
      ? ` The ${what} names itself ${claimedSigner(signoff.payload)}, but its key is not in this installation's keyring, so it does not count. If you know who signed, compare the fingerprint with them and add the key in Settings.`
      : validity.kind === 'stale'
        ? ` The ${what} by ${signedBy(signoff.payload, names)} covered the item as it was; the item is back in the review queue.`
        : validity.kind === 'withdrawn'
          ? ` The ${what} by ${signedBy(signoff.payload, names)} is kept in the history; a withdrawn item is in no count and no bundle.`
          : ` The ${what} by ${signedBy(signoff.payload, names)} no longer counts; the item needs review again.`;
  return (
    <p className={`signoff-invalid signoff-${validity.kind}`} data-testid="signoff-invalid">
      <span aria-hidden="true">⚠ </span>
      <strong>
        {SIGNOFF_PROBLEM_TITLES[validity.kind]}
        {separator}
        {validity.reason}
      </strong>
      <span className="signoff-invalid-detail">{detail}</span>
    </p>
  );
}
