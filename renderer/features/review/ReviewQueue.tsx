import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { messageOf } from '../../bridge';
import { listControls } from '../../db/controls';
import { signOff, type Decision } from '../../db/signoffs';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { hrefFor } from '../app/useHashRoute';
import { DecisionPanel } from './DecisionPanel';
import { itemCount } from './labels';
import { NoReviewer } from './NoReviewer';
import { buildQueue } from './queueGroups';
import { QueueList } from './QueueList';
import { ReviewPreview } from './ReviewPreview';
import { isShortcutKey } from '../shortcuts/keys';
import { ShortcutHelp } from './ShortcutHelp';
import { useAuditReview } from './useAuditReview';
import { useReviewer } from './useReviewer';
import './review.css';

/** Fieldwork → Review: everything collected and not yet decided, with a large preview. */
export function ReviewQueue({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const info = useSystemInfo();
  const review = useAuditReview(audit.id);
  const reviewer = useReviewer();
  // Every control, retired ones too, so that an item names each control it belongs to.
  const allControls = useLiveQuery(() => listControls(audit.id), [audit.id]);

  const [cursor, setCursor] = useState<{ readonly id: string | null; readonly index: number }>({ id: null, index: 0 });
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const queue = useMemo(() => (review ? buildQueue(audit, controls, review.evidence, review.states) : null), [audit, controls, review]);
  const order = useMemo(() => queue?.order ?? [], [queue]);
  const evidenceById = useMemo(() => new Map((review?.evidence ?? []).map((item) => [item.id, item])), [review]);
  const controlsById = useMemo(() => new Map((allControls ?? controls).map((c) => [c.id, c])), [allControls, controls]);
  const slotLabels = useMemo(
    () => new Map(queue?.groups.flatMap((g) => g.slots.flatMap((s) => s.items.map((entry) => [entry.item.id, s.label] as const))) ?? []),
    [queue],
  );

  // The current item is kept by id; when it leaves the queue (decided), the one that moved into
  // its place becomes current, so a reviewer can go on approving without touching the mouse.
  const found = cursor.id === null ? -1 : order.findIndex((entry) => entry.item.id === cursor.id);
  const currentIndex = found >= 0 ? found : Math.min(cursor.index, order.length - 1);
  const current = order[currentIndex] ?? null;
  const selectedItems = order.filter((entry) => selected.has(entry.item.id)).map((entry) => entry.item);
  const fromSelection = selectedItems.length > 0;
  const targets = fromSelection ? selectedItems : current ? [current.item] : [];
  const canSign = reviewer !== undefined && reviewer !== null;

  const move = (delta: number): void => {
    if (order.length === 0) return;
    const index = Math.max(0, Math.min(order.length - 1, currentIndex + delta));
    setCursor({ id: order[index]?.item.id ?? null, index });
  };
  const show = (id: string): void => setCursor({ id, index: order.findIndex((entry) => entry.item.id === id) });
  const selectMany = (ids: readonly string[], select: boolean): void =>
    setSelected((before) => {
      const next = new Set(before);
      for (const id of ids) {
        if (select) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const toggle = (id: string): void => selectMany([id], !selected.has(id));

  const decide = async (decision: Decision): Promise<void> => {
    if (!reviewer || busy || targets.length === 0) return;
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const signed = await signOff(
        targets.map((item) => item.id),
        decision,
        comment,
        reviewer,
        actorOf(info),
      );
      setComment('');
      setSelected(new Set());
      setNotice(`${decision === 'approved' ? 'Approved' : 'Rejected'} ${itemCount(signed.length)}, signed with key ${reviewer.fingerprint.slice(0, 14)}…`);
    } catch (e) {
      setError(messageOf(e));
      if (decision === 'rejected') commentRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onKey = useEffectEvent((event: KeyboardEvent): void => {
    if (!isShortcutKey(event)) return;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        move(-1);
        break;
      case 'x':
        if (!canSign || !current) return;
        toggle(current.item.id);
        break;
      case 'a':
        if (!canSign) return;
        void decide('approved');
        break;
      case 'r':
        if (!canSign) return;
        // Focus moves on keydown and preventDefault keeps the "r" out of the comment.
        commentRef.current?.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (!review || !queue || reviewer === undefined) return <p className="muted">Loading the review queue…</p>;

  const decided = [...review.states.values()].filter((s) => s.supersededBy === null);
  const approved = decided.filter((s) => s.decision === 'approved').length;
  const rejected = decided.filter((s) => s.decision === 'rejected').length;

  return (
    <section className="review" aria-labelledby="review-heading">
      <header className="review-head">
        <div>
          <h2 id="review-heading">Review queue</h2>
          <p className="review-summary">
            <strong>{itemCount(order.length)}</strong> waiting · {approved} approved · {rejected} rejected
          </p>
          {reviewer && (
            <p className="review-signer muted">
              Signing as <strong>{reviewer.name}</strong> ({reviewer.role}) with key <code>{reviewer.fingerprint.slice(0, 19)}…</code>{' '}
              <a href={hrefFor({ screen: 'settings' })}>Settings</a>
            </p>
          )}
        </div>
        {reviewer && order.length > 0 && <ShortcutHelp />}
      </header>
      {!reviewer && <NoReviewer />}
      {notice && (
        <div className="review-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {order.length === 0 || !current ? (
        <div className="review-empty">
          <h3>Nothing waits for review</h3>
          <p className="muted">
            Evidence captured or attached in Controls appears here until it is approved or rejected. Rejected items come back when the collector
            re-captures them.
          </p>
        </div>
      ) : (
        <div className="review-layout">
          <QueueList
            queue={queue}
            currentId={current.item.id}
            selected={selected}
            canSelect={canSign}
            onCurrent={show}
            onToggle={toggle}
            onSelectMany={selectMany}
          />
          <div className="review-main">
            {reviewer && (
              <DecisionPanel
                targets={targets}
                fromSelection={fromSelection}
                comment={comment}
                onComment={(text) => {
                  setComment(text);
                  setError(null);
                }}
                onApprove={() => void decide('approved')}
                onReject={() => void decide('rejected')}
                busy={busy}
                error={error}
                commentRef={commentRef}
              />
            )}
            <ReviewPreview
              item={current.item}
              state={current.state}
              slotLabel={slotLabels.get(current.item.id) ?? ''}
              audit={audit}
              controlsById={controlsById}
              evidenceById={evidenceById}
              states={review.states}
              validity={review.validity}
            />
          </div>
        </div>
      )}
    </section>
  );
}
