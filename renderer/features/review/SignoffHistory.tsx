import type { SignoffRecord, SignoffValidity } from '../../../shared/signing/signoff';
import { signedBy, useKeyNames } from './keyNames';
import { DECISION_LABELS, SIGNOFF_PROBLEM_TITLES } from './labels';
import './review.css';

/** Every sign-off of an item, newest first, each with its own validity: history is never rewritten. */
export function SignoffHistory({
  history,
  validity,
}: {
  readonly history: readonly SignoffRecord[];
  readonly validity: ReadonlyMap<string, SignoffValidity>;
}): React.JSX.Element | null {
  const names = useKeyNames();
  if (history.length === 0) return null;
  return (
    <details className="signoff-history">
      <summary>Sign-off history ({history.length})</summary>
      <ol>
        {history.map((signoff) => {
          const check = validity.get(signoff.id);
          const { label, mark } = DECISION_LABELS[signoff.payload.decision];
          return (
            <li key={signoff.id}>
              <div className="signoff-line">
                <span className={`review-badge review-badge-${signoff.payload.decision}`}>
                  <span aria-hidden="true">{mark}</span> {label}
                </span>
                <span>by {signedBy(signoff.payload, names)}</span>
                {check && !check.valid && (
                  <span className="signoff-invalid-tag">
                    {SIGNOFF_PROBLEM_TITLES[check.kind]} — {check.reason}
                  </span>
                )}
                {check?.valid && <span className="signoff-valid-tag">Signature verified, key in the keyring</span>}
              </div>
              {signoff.payload.comment && <p className="signoff-comment">{signoff.payload.comment}</p>}
              <p className="signoff-key">
                Key <code>{signoff.payload.keyFingerprint}</code> · format v{signoff.payload.v}
                {signoff.payload.v === 1 ? ' (covers the file and its controls, not its date or slot)' : ''}
              </p>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
