import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** One line of a virtual list: its height is fixed (px), its content made only when in view. */
export interface VirtualLine {
  readonly key: string;
  readonly height: number;
  readonly render: () => ReactNode;
}

/** What the first render assumes is visible, before the list can be measured. */
const FIRST_VIEW: { readonly top: number; readonly height: number } = { top: 0, height: 800 };

/** Lines drawn beyond each edge of the visible area, so a fast scroll shows no blank. */
const OVERSCAN_PX = 400;

/** The first line whose bottom lies below `y` (offsets are the lines' tops, plus the total at the end). */
function lineAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * A scrolling list that draws only the lines in (and near) view (issue #12): 5,000 queued items
 * are a few dozen elements. Lines have fixed heights, so positions are a sum, not a measurement.
 * `keepInView` names a line (by key) to scroll to when it changes: the one the keyboard moved to.
 */
export function VirtualList({
  lines,
  keepInView,
  className,
  label,
}: {
  readonly lines: readonly VirtualLine[];
  readonly keepInView: string | null;
  readonly className: string;
  readonly label: string;
}): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState(FIRST_VIEW);
  const offsets = useMemo(() => {
    const out = [0];
    for (const line of lines) out.push((out[out.length - 1] ?? 0) + line.height);
    return out;
  }, [lines]);
  const total = offsets[offsets.length - 1] ?? 0;

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    let frame = 0;
    const measure = (): void => {
      const top = element.scrollTop;
      const height = element.clientHeight;
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    const update = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    // The first render drew FIRST_VIEW from the top, plus OVERSCAN_PX: the exact view waits a
    // frame. Measuring here forced a layout of the whole new screen and re-rendered the list
    // inside the task that mounted it (issue #12: ~25-30 ms of the review queue's 70-120 ms task).
    update();
    element.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, []);

  // Bring the keyboard's line into view; the list scrolls, the page does not.
  useEffect(() => {
    const element = ref.current;
    if (!element || keepInView === null) return;
    const index = lines.findIndex((line) => line.key === keepInView);
    if (index < 0) return;
    const top = offsets[index] ?? 0;
    const bottom = offsets[index + 1] ?? top;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
  }, [keepInView, lines, offsets]);

  const first = lineAt(offsets, Math.max(0, view.top - OVERSCAN_PX));
  const last = lineAt(offsets, view.top + view.height + OVERSCAN_PX);
  const shown = lines.slice(first, last + 1);

  return (
    <div className={className} ref={ref} role="region" aria-label={label}>
      <div className="virtual-space" style={{ height: total }}>
        {shown.map((line, i) => (
          <div key={line.key} className="virtual-line" style={{ top: offsets[first + i] ?? 0, height: line.height }}>
            {line.render()}
          </div>
        ))}
      </div>
    </div>
  );
}
