import type { TrailRow } from '../../../shared/integrity/logView';
import { useNearViewport } from '../../components/useNearViewport';
import { entryDomId, TRAIL_COLUMNS, TrailEntryRow } from './TrailEntryRow';

/** Height of a row never drawn yet: one line of text and the two time lines. */
const ESTIMATE_PX = 46;

/**
 * One entry of the page, drawn in full only near the viewport: a page of 200 entries is some
 * 3,000 elements to lay out, and the trail's box shows about fifteen (issue #12). Elsewhere the
 * row keeps its place, id and seq (for "Show entry" and paging) and its last height. An
 * expanded, focused or chain-breaking row is always drawn.
 */
export function TrailRowSlot({
  row,
  zoneTime,
  expanded,
  onToggle,
  breaksChain,
  focused,
}: {
  readonly row: TrailRow;
  readonly zoneTime: ((iso: string) => string) | null;
  readonly expanded: boolean;
  readonly onToggle: (seq: number) => void;
  readonly breaksChain: boolean;
  readonly focused: boolean;
}): React.JSX.Element {
  const { ref, near, lastHeight } = useNearViewport<HTMLTableRowElement>();
  const { seq } = row.entry;
  if (near || expanded || focused || breaksChain) {
    return <TrailEntryRow row={row} zoneTime={zoneTime} expanded={expanded} onToggle={() => onToggle(seq)} breaksChain={breaksChain} focused={focused} rowRef={ref} />;
  }
  return (
    <tr ref={ref} id={entryDomId(seq)} className="trail-row-pending" data-seq={seq} style={{ height: lastHeight ?? ESTIMATE_PX }}>
      <td colSpan={TRAIL_COLUMNS} />
    </tr>
  );
}
