import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { useAuditReview } from '../review/useAuditReview';
import { EvidenceCard } from './EvidenceCard';

export function EvidenceList({
  items,
  audit,
  frequency,
  focusItemId,
}: {
  readonly items: readonly EvidenceRecord[] | undefined;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
  readonly focusItemId: string | null;
}): React.JSX.Element {
  const review = useAuditReview(audit.id);
  if (items === undefined) return <p className="muted">Loading evidence…</p>;
  return (
    <section className="evidence-list" aria-labelledby="evidence-heading">
      <h3 id="evidence-heading" className="section-title">
        Evidence <span className="muted">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty-inline">No evidence yet. Capture the screen that shows this control working, or attach the file that proves it.</p>
      ) : (
        items.map((item) => <EvidenceCard key={item.id} item={item} audit={audit} frequency={frequency} review={review} isFocused={item.id === focusItemId} />)
      )}
    </section>
  );
}
