import { useEffect, useRef } from 'react';
import type { Queue, QueueItem } from './queueGroups';
import { QueueRow } from './QueueRow';
import { itemCount } from './labels';

function idsOf(items: readonly QueueItem[]): string[] {
  return items.map((entry) => entry.item.id);
}

/** A "select all" that clears instead once everything in its group is selected. */
function SelectGroup({
  ids,
  selected,
  label,
  onSelectMany,
}: {
  readonly ids: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly label: string;
  readonly onSelectMany: (ids: readonly string[], select: boolean) => void;
}): React.JSX.Element {
  const all = ids.every((id) => selected.has(id));
  return (
    <button type="button" className="link-button queue-select" onClick={() => onSelectMany(ids, !all)} aria-label={`${all ? 'Clear selection' : 'Select all'} in ${label}`}>
      {all ? 'Clear' : 'Select all'}
    </button>
  );
}

export function QueueList({
  queue,
  currentId,
  selected,
  canSelect,
  onCurrent,
  onToggle,
  onSelectMany,
}: {
  readonly queue: Queue;
  readonly currentId: string | null;
  readonly selected: ReadonlySet<string>;
  readonly canSelect: boolean;
  readonly onCurrent: (id: string) => void;
  readonly onToggle: (id: string) => void;
  readonly onSelectMany: (ids: readonly string[], select: boolean) => void;
}): React.JSX.Element {
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the item that j/k moved to in sight.
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);

  return (
    <div className="queue-list" ref={listRef} role="region" aria-label="Items waiting for review">
      {queue.groups.map((group) => {
        const ref = group.control?.ref ?? 'Unlinked';
        const items = group.slots.flatMap((slot) => slot.items);
        return (
          <section key={group.key} className="queue-control" aria-label={`${ref} (${itemCount(items.length)})`}>
            <header className="queue-control-head">
              <span className="queue-control-ref">{ref}</span>
              <span className="queue-control-title">{group.control?.title ?? 'Not linked to an active control'}</span>
              <span className="queue-count">{items.length}</span>
              {canSelect && <SelectGroup ids={idsOf(items)} selected={selected} label={ref} onSelectMany={onSelectMany} />}
            </header>
            {group.slots.map((slot) => (
              <div key={slot.key} className="queue-slot">
                <div className="queue-slot-head">
                  <span className={slot.outside ? 'slot-tag slot-tag-outside' : 'slot-tag'}>{slot.label}</span>
                  {canSelect && (
                    <SelectGroup ids={idsOf(slot.items)} selected={selected} label={`${ref}, ${slot.label}`} onSelectMany={onSelectMany} />
                  )}
                </div>
                <ul>
                  {slot.items.map((entry) => (
                    <QueueRow
                      key={entry.item.id}
                      entry={entry}
                      isCurrent={entry.item.id === currentId}
                      isSelected={selected.has(entry.item.id)}
                      canSelect={canSelect}
                      onCurrent={() => onCurrent(entry.item.id)}
                      onToggle={() => onToggle(entry.item.id)}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
