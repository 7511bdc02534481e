import { useMemo } from 'react';
import { VirtualList, type VirtualLine } from '../../components/VirtualList';
import { itemCount } from './labels';
import type { Queue, QueueItem } from './queueGroups';
import { QueueRow } from './QueueRow';

/** Fixed line heights (px), matched by review.css: a virtual list places lines by arithmetic. */
export const CONTROL_LINE = 44;
export const SLOT_LINE = 30;
export const ITEM_LINE = 60;

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

/**
 * The queue by control and slot, as one virtual list of heading, slot and item lines: only the
 * lines in view are drawn, so 5,000 waiting items cost what forty do.
 */
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
  const lines = useMemo(() => {
    const out: VirtualLine[] = [];
    for (const group of queue.groups) {
      const ref = group.control?.ref ?? 'Unlinked';
      const items = group.slots.flatMap((slot) => slot.items);
      out.push({
        key: `c:${group.key}`,
        height: CONTROL_LINE,
        render: () => (
          <div className="queue-control-head" role="heading" aria-level={3} aria-label={`${ref} (${itemCount(items.length)})`}>
            <span className="queue-control-ref">{ref}</span>
            <span className="queue-control-title">{group.control?.title ?? 'Not linked to an active control'}</span>
            <span className="queue-count">{items.length.toLocaleString('en-US')}</span>
            {canSelect && <SelectGroup ids={idsOf(items)} selected={selected} label={ref} onSelectMany={onSelectMany} />}
          </div>
        ),
      });
      for (const slot of group.slots) {
        out.push({
          key: `s:${slot.key}`,
          height: SLOT_LINE,
          render: () => (
            <div className="queue-slot-head">
              <span className={slot.outside ? 'slot-tag slot-tag-outside' : 'slot-tag'}>{slot.label}</span>
              {canSelect && <SelectGroup ids={idsOf(slot.items)} selected={selected} label={`${ref}, ${slot.label}`} onSelectMany={onSelectMany} />}
            </div>
          ),
        });
        for (const entry of slot.items) {
          out.push({
            key: `i:${entry.item.id}`,
            height: ITEM_LINE,
            render: () => (
              <QueueRow
                entry={entry}
                isCurrent={entry.item.id === currentId}
                isSelected={selected.has(entry.item.id)}
                canSelect={canSelect}
                onCurrent={() => onCurrent(entry.item.id)}
                onToggle={() => onToggle(entry.item.id)}
              />
            ),
          });
        }
      }
    }
    return out;
  }, [queue, currentId, selected, canSelect, onCurrent, onToggle, onSelectMany]);

  return <VirtualList className="queue-list" label="Items waiting for review" lines={lines} keepInView={currentId === null ? null : `i:${currentId}`} />;
}
