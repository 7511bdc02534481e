import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { SignoffRecord } from '../../../shared/signing/signoff';
import { Recapture } from './Recapture';
import './review.css';

/**
 * What the collector must read first on a rejected item: why, and how to fix it. Who rejected it
 * and when is on the badge just above.
 */
export function RejectionNotice({
  item,
  audit,
  signoff,
  superseded,
}: {
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  readonly signoff: SignoffRecord;
  readonly superseded: boolean;
}): React.JSX.Element {
  return (
    <div className="rejection" role="note" aria-label="Rejection">
      <p className="rejection-title">{signoff.payload.reviewer.name}&apos;s comment</p>
      <p className="rejection-comment" data-testid="rejection-comment">
        {signoff.payload.comment}
      </p>
      {!superseded && <Recapture item={item} audit={audit} />}
    </div>
  );
}
