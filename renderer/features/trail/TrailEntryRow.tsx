import { visibleName } from '../../../shared/files/visibleName';
import { ACTION_LABELS, type TrailRow } from '../../../shared/integrity/logView';
import { formatUtc } from '../../../shared/time/format';

export const TRAIL_COLUMNS = 7;

/** Pretty JSON with every invisible or bidi character made visible, line by line. */
function fullJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'null';
  } catch {
    text = String(value);
  }
  return text.split('\n').map(visibleName).join('\n');
}

export function entryDomId(seq: number): string {
  return `trail-entry-${seq}`;
}

/** One log entry, and below it (when expanded) its full details, hashes and link to the previous entry. */
export function TrailEntryRow({
  row,
  zoneTime,
  expanded,
  onToggle,
  breaksChain,
  focused,
  rowRef,
}: {
  readonly row: TrailRow;
  readonly zoneTime: ((iso: string) => string) | null;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly breaksChain: boolean;
  readonly focused: boolean;
  /** Watches the row's place in the viewport (TrailRowSlot). */
  readonly rowRef?: (element: HTMLTableRowElement | null) => void;
}): React.JSX.Element {
  const { entry } = row;
  const detailsId = `${entryDomId(entry.seq)}-details`;
  const classes = ['trail-row', breaksChain ? 'trail-row-broken' : '', focused ? 'trail-row-focused' : ''].filter(Boolean).join(' ');
  return (
    <>
      <tr ref={rowRef} id={entryDomId(entry.seq)} className={classes} data-seq={entry.seq}>
        <td className="trail-seq">
          {entry.seq.toLocaleString('en-US')}
          {breaksChain && <span className="trail-break-tag">Chain breaks here</span>}
        </td>
        <td className="trail-when">
          <span className="trail-utc">{formatUtc(entry.at)}</span>
          {zoneTime && <span className="trail-local muted">{zoneTime(entry.at)}</span>}
        </td>
        <td className="trail-actor">{visibleName(entry.actor)}</td>
        <td>
          <span className={`trail-action trail-action-${entry.action}`}>{ACTION_LABELS[entry.action] ?? visibleName(String(entry.action))}</span>
        </td>
        <td className="trail-target">{visibleName(row.target)}</td>
        <td className="trail-details">
          <span className="trail-summary">{visibleName(row.summary)}</span>
          <button type="button" className="link-button trail-toggle" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={onToggle}>
            {expanded ? 'Hide' : 'Full details'}
          </button>
        </td>
        <td className="trail-hash">
          <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
        </td>
      </tr>
      {expanded && (
        <tr className="trail-expanded" id={detailsId}>
          <td colSpan={TRAIL_COLUMNS}>
            <dl className="trail-expanded-facts">
              <dt>Target</dt>
              <dd>
                <code>{visibleName(entry.target)}</code>
              </dd>
              <dt>Hash</dt>
              <dd>
                <code data-testid="entry-hash">{entry.hash}</code>
              </dd>
              <dt>Previous hash</dt>
              <dd>
                <code>{entry.prevHash}</code>
              </dd>
            </dl>
            <pre className="trail-json">{fullJson(entry.details)}</pre>
          </td>
        </tr>
      )}
    </>
  );
}
