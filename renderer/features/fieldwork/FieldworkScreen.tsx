import { useMemo } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { reworkByControl } from '../../../shared/review/rework';
import { useAuditReview } from '../review/useAuditReview';
import { auditRoute, hrefFor, type FieldworkView } from '../app/useHashRoute';
import { ControlChecklist } from '../controls/ControlChecklist';
import { ControlDetail } from '../controls/ControlDetail';
import { CoverageMatrix } from '../coverage/CoverageMatrix';
import { EvidenceBrowser } from '../evidenceBrowser/EvidenceBrowser';
import { RequestList } from '../requests/RequestList';
import { ReviewQueue } from '../review/ReviewQueue';
import { FIELDWORK_VIEW_LABELS } from './viewLabels';

const VIEW_LABELS = FIELDWORK_VIEW_LABELS;

export function FieldworkScreen({
  audit,
  controls,
  counts,
  view,
  controlId,
  slotId,
  itemId,
}: {
  readonly audit: AuditRecord;
  readonly controls: readonly ControlRecord[];
  /** Items per control; undefined while they are counted. */
  readonly counts: ReadonlyMap<string, number> | undefined;
  readonly view: FieldworkView;
  readonly controlId: string | null;
  readonly slotId: string | null;
  readonly itemId: string | null;
}): React.JSX.Element {
  const selected = controls.find((c) => c.id === controlId) ?? null;
  const review = useAuditReview(audit.id);
  const rework = useMemo(() => (review ? reworkByControl(review.evidence, review.states) : new Map<string, number>()), [review]);
  return (
    <div className="fieldwork">
      <nav className="subnav" aria-label="Fieldwork views">
        {(Object.keys(VIEW_LABELS) as FieldworkView[]).map((v) => (
          <a key={v} href={hrefFor(auditRoute(audit.id, 'fieldwork', { view: v }))} aria-current={v === view ? 'page' : undefined}>
            {VIEW_LABELS[v]}
          </a>
        ))}
      </nav>
      {view === 'controls' && (
        <div className="workspace">
          <ControlChecklist auditId={audit.id} controls={controls} counts={counts} rework={rework} selectedId={selected?.id ?? null} />
          {selected ? (
            <ControlDetail audit={audit} control={selected} focusItemId={itemId} />
          ) : (
            <div className="detail-placeholder">
              <h2>Pick a control</h2>
              <p>Choose a control on the left to see what it needs and to capture or attach its evidence.</p>
            </div>
          )}
        </div>
      )}
      {view === 'coverage' && <CoverageMatrix audit={audit} controls={controls} />}
      {view === 'requests' && <RequestList audit={audit} controls={controls} />}
      {view === 'review' && <ReviewQueue audit={audit} controls={controls} />}
      {view === 'evidence' && <EvidenceBrowser audit={audit} controls={controls} controlId={controlId} slotId={slotId} />}
    </div>
  );
}
