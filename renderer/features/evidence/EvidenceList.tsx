import { useState } from 'react';
import type { AuditRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { Pager } from '../../components/Pager';
import { isWithdrawn } from '../../../shared/evidence/withdrawal';
import type { ControlReview } from '../controls/useControlReview';
import { EvidenceCard } from './EvidenceCard';

/** Rows on one page: a daily control holds 365 items a year, and each row opens into a form. */
export const CARDS_PER_PAGE = 20;

export function EvidenceList({
  review,
  audit,
  frequency,
  focusItemId,
}: {
  /** The control's items and their review state; undefined while they load. */
  readonly review: ControlReview | undefined;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
  readonly focusItemId: string | null;
}): React.JSX.Element {
  const [chosenPage, setChosenPage] = useState(0);
  // The page the route's item is on, until the user turns the page (then theirs).
  const [focus, setFocus] = useState<{ readonly id: string | null; readonly followed: boolean }>({ id: focusItemId, followed: false });
  if (focus.id !== focusItemId) setFocus({ id: focusItemId, followed: false });
  if (review === undefined) return <p className="muted">Loading evidence…</p>;
  const { items } = review;
  const withdrawn = items.filter(isWithdrawn).length;
  const pages = Math.max(1, Math.ceil(items.length / CARDS_PER_PAGE));
  const focusIndex = focusItemId === null || focus.followed ? -1 : items.findIndex((item) => item.id === focusItemId);
  const page = Math.min(focusIndex >= 0 ? Math.floor(focusIndex / CARDS_PER_PAGE) : chosenPage, pages - 1);
  const shown = items.slice(page * CARDS_PER_PAGE, (page + 1) * CARDS_PER_PAGE);
  const turn = (next: number): void => {
    setChosenPage(next);
    setFocus({ id: focusItemId, followed: true });
  };
  return (
    <section className="evidence-list" aria-labelledby="evidence-heading">
      <div className="evidence-list-head">
        <h3 id="evidence-heading" className="section-title">
          Evidence <span className="muted">({(items.length - withdrawn).toLocaleString('en-US')}{withdrawn > 0 && `, and ${withdrawn.toLocaleString('en-US')} withdrawn`})</span>
        </h3>
        {pages > 1 && (
          <p className="muted evidence-list-range" role="status">
            Newest first · {(page * CARDS_PER_PAGE + 1).toLocaleString('en-US')}–{(page * CARDS_PER_PAGE + shown.length).toLocaleString('en-US')} of{' '}
            {items.length.toLocaleString('en-US')}
          </p>
        )}
        <Pager page={page} pages={pages} onPage={turn} label="Evidence pages (top)" />
      </div>
      {items.length === 0 ? (
        <p className="empty-inline">No evidence yet. Capture the screen that shows this control working, or attach the file that proves it.</p>
      ) : (
        shown.map((item) => <EvidenceCard key={item.id} item={item} audit={audit} frequency={frequency} review={review} isFocused={item.id === focusItemId} />)
      )}
      {pages > 1 && (
        <div className="evidence-list-foot">
          <Pager page={page} pages={pages} onPage={turn} label="Evidence pages (bottom)" />
        </div>
      )}
    </section>
  );
}
