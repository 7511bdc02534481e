import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ControlRecord } from '../../../shared/domain/records';
import { auditRoute, hrefFor, navigate } from '../app/useHashRoute';
import { isShortcutKey } from '../shortcuts/keys';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';

export function ControlChecklist({
  auditId,
  controls,
  counts,
  rework,
  selectedId,
}: {
  readonly auditId: string;
  readonly controls: readonly ControlRecord[];
  /** Items per control; undefined while they are counted (the list is drawn without waiting). */
  readonly counts: ReadonlyMap<string, number> | undefined;
  /** Items per control that were rejected and not replaced yet. */
  readonly rework: ReadonlyMap<string, number>;
  readonly selectedId: string | null;
}): React.JSX.Element {
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? controls.filter((c) => `${c.ref} ${c.title} ${c.criteria.join(' ')}`.toLowerCase().includes(needle))
    : controls;

  // j / k: the next or previous control of the list as shown (filtered), wherever focus is.
  const onKey = useEffectEvent((event: KeyboardEvent): void => {
    if ((event.key !== 'j' && event.key !== 'k') || !isShortcutKey(event) || shown.length === 0) return;
    event.preventDefault();
    const at = shown.findIndex((c) => c.id === selectedId);
    const next = at < 0 ? (event.key === 'j' ? 0 : shown.length - 1) : Math.max(0, Math.min(shown.length - 1, at + (event.key === 'j' ? 1 : -1)));
    const control = shown[next];
    if (control && control.id !== selectedId) navigate(auditRoute(auditId, 'fieldwork', { controlId: control.id }));
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <nav className="checklist" aria-label="Controls">
      <div className="checklist-head">
        <h2>Controls</h2>
        <input
          type="search"
          className="checklist-search"
          placeholder="Filter by ref, title or criterion  ( / )"
          aria-label="Filter controls"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ul ref={list}>
        {shown.map((control) => {
          const count = counts?.get(control.id) ?? 0;
          const toRedo = rework.get(control.id) ?? 0;
          // Never "no evidence" before it is known: a manager reads the list for what is missing.
          const status = counts === undefined ? 'counting' : toRedo > 0 ? 'rework' : count > 0 ? 'collected' : 'missing';
          return (
            <li key={control.id}>
              <a
                className="checklist-item"
                href={hrefFor(auditRoute(auditId, 'fieldwork', { controlId: control.id }))}
                aria-current={control.id === selectedId ? 'true' : undefined}
              >
                <span className={`status-dot status-${status}`} aria-hidden="true" />
                <span className="checklist-ref">{control.ref}</span>
                <span className="checklist-title">{control.title}</span>
                <span className="checklist-meta">
                  {FREQUENCY_LABELS[control.frequency]} ·{' '}
                  {counts === undefined ? (
                    <span className="count-counting">counting…</span>
                  ) : toRedo > 0 ? (
                    <span className="count-rework">
                      rework needed: {toRedo} rejected of {count}
                    </span>
                  ) : (
                    <span className={count > 0 ? 'count-some' : 'count-none'}>{count > 0 ? `${count} evidence` : 'no evidence'}</span>
                  )}
                </span>
              </a>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted checklist-empty">No control matches “{query}”.</li>}
      </ul>
    </nav>
  );
}
