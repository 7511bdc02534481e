import type { ReviewState } from '../../../shared/review/reviewState';
import { signedBy, useKeyNames } from './keyNames';
import { DECISION_LABELS } from './labels';
import { SignoffInvalid } from './SignoffInvalid';
import './review.css';

/** Where an item stands in review, with who decided and when; an invalid sign-off says so. */
export function ReviewBadge({
  state,
  showProblem = true,
}: {
  readonly state: ReviewState;
  /** False where the caller shows a sign-off that does not count on its own line. */
  readonly showProblem?: boolean;
}): React.JSX.Element {
  const names = useKeyNames();
  const { label, mark } = DECISION_LABELS[state.decision];
  const decided = state.decision !== 'pending' && state.latest !== null;
  return (
    <div className="review-status" data-testid="review-status">
      <span className={`review-badge review-badge-${state.decision}`}>
        <span aria-hidden="true">{mark}</span> {label}
      </span>
      {decided && state.latest && (
        <span className="review-by" title={`by ${signedBy(state.latest.payload, names)}`}>
          by {signedBy(state.latest.payload, names)}
        </span>
      )}
      {showProblem && state.latest && state.validity && !state.validity.valid && <SignoffInvalid signoff={state.latest} validity={state.validity} />}
    </div>
  );
}
