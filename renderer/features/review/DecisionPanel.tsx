import { useId } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import type { SodVerdict } from '../../../shared/review/segregation';
import { itemCount } from './labels';

/**
 * Approve or reject what is selected, or the item on screen when nothing is. One comment goes
 * with the decision: required to reject (the collector reads it), optional with an approval.
 */
export function DecisionPanel({
  targets,
  fromSelection,
  comment,
  onComment,
  onApprove,
  onReject,
  busy,
  error,
  commentRef,
  segregation,
}: {
  readonly targets: readonly EvidenceRecord[];
  readonly fromSelection: boolean;
  readonly comment: string;
  readonly onComment: (comment: string) => void;
  readonly onApprove: () => void;
  readonly onReject: () => void;
  readonly busy: boolean;
  readonly error: string | null;
  readonly commentRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Segregation of duties for an approval of these targets (checked again when signing). */
  readonly segregation: SodVerdict;
}): React.JSX.Element {
  const id = useId();
  const only = targets.length === 1 ? targets[0] : undefined;
  const what = fromSelection ? `${itemCount(targets.length)} selected` : only ? visibleName(only.name) : 'nothing';
  const suffix = fromSelection ? ` ${itemCount(targets.length)}` : '';

  return (
    <form
      className="decision-panel"
      aria-label="Decision"
      onSubmit={(e) => {
        e.preventDefault();
        onApprove();
      }}
    >
      <p className="decision-target">
        Decide on <strong>{what}</strong>
      </p>
      <label htmlFor={`${id}-comment`} className="decision-label">
        Comment <span className="muted">(required to reject; the collector sees it)</span>
      </label>
      <textarea
        id={`${id}-comment`}
        ref={commentRef}
        value={comment}
        rows={2}
        maxLength={4000}
        placeholder="e.g. The export does not show the review date; capture the signed-off page instead."
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onReject();
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
      />
      <div className="decision-actions">
        <button type="submit" className="button button-approve" disabled={busy || targets.length === 0 || segregation.refused}>
          <span aria-hidden="true">✓</span> Approve{suffix}
        </button>
        <button type="button" className="button button-reject" disabled={busy || targets.length === 0} onClick={onReject}>
          <span aria-hidden="true">✕</span> Reject{suffix}
        </button>
        {busy && <span className="muted">Signing…</span>}
      </div>
      {segregation.message && (
        <p className={segregation.refused ? 'decision-sod decision-sod-refused' : 'decision-sod'} role="note" data-testid="segregation">
          {segregation.message}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
