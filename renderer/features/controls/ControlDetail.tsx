import { criterionById } from '../../../shared/catalog/tsc';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { CaptureBar } from '../evidence/CaptureBar';
import { EvidenceList } from '../evidence/EvidenceList';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import { useControlReview } from './useControlReview';

export function ControlDetail({
  audit,
  control,
  focusItemId,
}: {
  readonly audit: AuditRecord;
  readonly control: ControlRecord;
  /** An item to bring into view, from the route. */
  readonly focusItemId: string | null;
}): React.JSX.Element {
  const review = useControlReview(audit.id, control.id);

  return (
    <section className="detail" aria-labelledby="control-heading">
      <header className="detail-head">
        <p className="detail-ref">{control.ref}</p>
        <h2 id="control-heading">{control.title}</h2>
        <p className="detail-description">{control.description}</p>
        <dl className="detail-facts">
          <div>
            <dt>Frequency</dt>
            <dd>{FREQUENCY_LABELS[control.frequency]}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{control.owner || <span className="muted">not assigned</span>}</dd>
          </div>
          <div>
            <dt>Criteria</dt>
            <dd className="chips">
              {control.criteria.map((id) => (
                <abbr key={id} className="chip" title={criterionById(id)?.title ?? 'unknown criterion'}>
                  {id}
                </abbr>
              ))}
            </dd>
          </div>
        </dl>
      </header>
      <CaptureBar audit={audit} control={control} />
      <EvidenceList key={control.id} review={review} audit={audit} frequency={control.frequency} focusItemId={focusItemId} />
    </section>
  );
}
