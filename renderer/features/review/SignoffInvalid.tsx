import type { SignoffRecord } from '../../../shared/signing/signoff';
import { signedBy } from './labels';
import './review.css';

/**
 * An invalid sign-off, said plainly where the item is shown: it no longer counts, and why. It is
 * never dropped silently, because an altered approval is exactly what an auditor must see.
 */
export function SignoffInvalid({
  signoff,
  reason,
  separator = ' — ',
}: {
  readonly signoff: SignoffRecord;
  readonly reason: string;
  /** The queue says "Sign-off invalid: …", an evidence card "Sign-off invalid — …". */
  readonly separator?: string;
}): React.JSX.Element {
  const what = signoff.payload.decision === 'approved' ? 'approval' : 'rejection';
  return (
    <p className="signoff-invalid" data-testid="signoff-invalid">
      <span aria-hidden="true">⚠ </span>
      <strong>
        Sign-off invalid{separator}
        {reason}
      </strong>
      <span className="signoff-invalid-detail">
        {' '}
        The {what} by {signedBy(signoff.payload)} no longer counts; the item needs review again.
      </span>
    </p>
  );
}
