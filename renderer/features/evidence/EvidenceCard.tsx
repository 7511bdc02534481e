import { useEffect, useId, useRef, useState } from 'react';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import { dayInZone } from '../../../shared/time/evidenceDate';
import { RejectionNotice } from '../review/RejectionNotice';
import { ReviewBadge } from '../review/ReviewBadge';
import { SignoffInvalid } from '../review/SignoffInvalid';
import type { ItemsReview } from '../review/reviewOfRows';
import { EvidenceDetails } from './EvidenceDetails';
import { slotText } from './slotText';
import { Thumbnail } from './Thumbnail';
import { WithdrawnNote } from './WithdrawnNote';
import './evidence.css';

/**
 * One item of a control as a compact row (issue #13: cards of ~300 px made a daily control
 * 3,900 px long): what it is, the date and slot it is evidence for, and where it stands in
 * review. What needs acting on stays in view (a rejection to rework, a sign-off that no longer
 * counts, a withdrawal); the capture facts, history and editing open behind the row's button.
 */
export function EvidenceCard({
  item,
  audit,
  frequency,
  review,
  isFocused = false,
}: {
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
  /** Review state of the item (and the items it refers to); undefined while it loads. */
  readonly review?: ItemsReview | undefined;
  /** The route points at this item (a link from another item): bring it into view, open. */
  readonly isFocused?: boolean;
}): React.JSX.Element {
  const ref = useRef<HTMLElement>(null);
  // Open when the route points here, until the user says otherwise.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? isFocused;
  const detailsId = useId();
  useEffect(() => {
    if (!isFocused) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [isFocused]);
  const name = visibleName(item.name);
  const state = review?.states.get(item.id);
  const nameOf = (id: string): string => {
    const other = review?.evidenceById.get(id);
    return other ? visibleName(other.name) : 'an item no longer in this audit';
  };
  const withdrawal = item.withdrawal ?? null;
  const superseded = withdrawal ? null : (state?.supersededBy ?? null);
  const rejection = !withdrawal && state?.decision === 'rejected' ? state.latest : null;
  const problem = !withdrawal && state?.latest && state.validity && !state.validity.valid ? { signoff: state.latest, validity: state.validity } : null;
  const slot = slotText(audit, frequency, item);
  const day = dayInZone(item.evidenceDate, audit.timeZone);

  return (
    <article
      ref={ref}
      tabIndex={isFocused ? -1 : undefined}
      className={[
        'evidence-card',
        superseded ? 'evidence-card-superseded' : '',
        withdrawal ? 'evidence-card-withdrawn' : '',
        isFocused ? 'evidence-card-focused' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-label={name}
    >
      <div className="evidence-row">
        <Thumbnail sha256={item.sha256} mime={item.mime} name={name} />
        <div className="evidence-row-main">
          {/* Named by its text alone, the item's name: "okta-users.csv, collapsed". */}
          <button type="button" className="evidence-toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setChosen(!open)}>
            <span className="evidence-chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <bdi className="evidence-row-name" title={name}>
              {name}
            </bdi>
          </button>
          <span className="evidence-row-sub">
            <span>{item.source.kind === 'display' ? 'Screenshot' : 'File'}</span>
            {/* A daily control's slot is the day itself: said once. */}
            {slot.text !== day && (
              <span className="evidence-row-date" title="Evidence date">
                {day}
              </span>
            )}
            <span className={slot.inWindow ? 'slot-tag' : 'slot-tag slot-tag-outside'} data-testid="evidence-slot">
              {slot.text}
            </span>
            {item.supersedes && (
              <span className="evidence-row-replaces">
                Replaces <bdi>{nameOf(item.supersedes)}</bdi>.
              </span>
            )}
          </span>
        </div>
        <span className="evidence-row-status">
          {withdrawal ? (
            <span className="pill pill-withdrawn" data-testid="withdrawn-badge">
              Withdrawn
            </span>
          ) : (
            state && <ReviewBadge state={state} showProblem={false} />
          )}
          {superseded && <span className="pill">Superseded</span>}
        </span>
      </div>
      {withdrawal && <WithdrawnNote withdrawal={withdrawal} />}
      {problem && <SignoffInvalid signoff={problem.signoff} validity={problem.validity} />}
      {superseded && (
        <p className="superseded-note">
          Superseded by <bdi>{nameOf(superseded)}</bdi> — kept as history, no longer counted.
        </p>
      )}
      {rejection && <RejectionNotice item={item} audit={audit} signoff={rejection} superseded={superseded !== null} />}
      <div id={detailsId} className="evidence-details" hidden={!open}>
        {open && <EvidenceDetails item={item} audit={audit} frequency={frequency} review={review} />}
      </div>
    </article>
  );
}
