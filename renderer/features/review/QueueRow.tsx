import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatUtc } from '../../../shared/time/format';
import { Thumbnail } from '../evidence/Thumbnail';
import { SIGNOFF_PROBLEM_TITLES } from './labels';
import type { QueueItem } from './queueGroups';

export function QueueRow({
  entry,
  isCurrent,
  isSelected,
  canSelect,
  onCurrent,
  onToggle,
}: {
  readonly entry: QueueItem;
  readonly isCurrent: boolean;
  readonly isSelected: boolean;
  readonly canSelect: boolean;
  readonly onCurrent: () => void;
  readonly onToggle: () => void;
}): React.JSX.Element {
  const { item, state } = entry;
  const name = visibleName(item.name);
  const invalid = state.validity && !state.validity.valid ? state.validity : null;
  return (
    <li className={isSelected ? 'queue-row queue-row-selected' : 'queue-row'} aria-current={isCurrent ? 'true' : undefined} data-evidence-id={item.id}>
      {canSelect && <input type="checkbox" checked={isSelected} onChange={onToggle} aria-label={`Select ${name}`} />}
      <button type="button" className="queue-row-main" onClick={onCurrent} aria-label={`Show ${name}`}>
        <Thumbnail sha256={item.sha256} mime={item.mime} name={name} />
        <span className="queue-row-text">
          <span className="queue-row-name">
            <bdi>{name}</bdi>
          </span>
          <span className="queue-row-meta">
            {item.source.kind === 'display' ? 'Screenshot' : 'File'} · {formatUtc(item.capturedAt)} · {formatBytes(item.size)}
          </span>
          {item.supersedes && <span className="queue-row-flag queue-row-recapture">Re-capture of a rejected item</span>}
          {invalid && (
            <span className="queue-row-flag queue-row-invalid">
              {SIGNOFF_PROBLEM_TITLES[invalid.kind]}: {invalid.reason}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
