import type { Withdrawal } from '../../../shared/domain/records';
import { formatUtc } from '../../../shared/time/format';

/** A withdrawn item says so where it is looked at, never silently gone: who, when, why, and what it means. */
export function WithdrawnNote({ withdrawal }: { readonly withdrawal: Withdrawal }): React.JSX.Element {
  return (
    <div className="withdrawn-note" role="note" aria-label="Withdrawn">
      <p>
        <strong>Withdrawn</strong> by {withdrawal.by} on {formatUtc(withdrawal.at)}: <bdi className="withdrawn-reason">{withdrawal.reason}</bdi>
      </p>
      <p className="muted">
        It counts nowhere (coverage, review, counts) and goes in no bundle; the audit trail keeps it.
        {withdrawal.purge && ` Its stored bytes were purged by ${withdrawal.purge.by} on ${formatUtc(withdrawal.purge.at)}.`}
      </p>
    </div>
  );
}
