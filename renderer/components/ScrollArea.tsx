import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Edges {
  readonly before: boolean;
  readonly after: boolean;
}

/**
 * A wide table that scrolls inside its card rather than widening the page, and says so (issue
 * #13: 53 weeks were cut at the card's edge with no sign there was more). A shadow marks each
 * edge with more beyond it, and two buttons scroll by most of a view, for those who do not know
 * to scroll sideways. The viewport is focusable, so arrow keys scroll it too.
 */
export function ScrollArea({ label, children }: { readonly label: string; readonly children: ReactNode }): React.JSX.Element {
  const viewport = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ before: false, after: false });
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const update = (): void => {
      const before = element.scrollLeft > 1;
      const after = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setEdges((e) => (e.before === before && e.after === after ? e : { before, after }));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(element);
    if (element.firstElementChild) resize.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, []);
  const scrollBy = (direction: 1 | -1): void => {
    const element = viewport.current;
    if (element) element.scrollBy({ left: direction * Math.max(120, element.clientWidth * 0.75), behavior: 'smooth' });
  };
  const scrolls = edges.before || edges.after;
  return (
    <div className="scroll-area" data-more-before={edges.before} data-more-after={edges.after}>
      {scrolls && (
        <div className="scroll-cue">
          <span className="muted">{edges.after ? 'More to the right: scroll sideways' : 'Scrolled to the end'}</span>
          {/* Named "Earlier …" / "Later …": what the button says, then which table (axe: label in name). */}
          <button type="button" className="button button-small" onClick={() => scrollBy(-1)} disabled={!edges.before} aria-label={`Earlier ${label}`}>
            <span aria-hidden="true">◀ </span>Earlier
          </button>
          <button type="button" className="button button-small" onClick={() => scrollBy(1)} disabled={!edges.after} aria-label={`Later ${label}`}>
            Later<span aria-hidden="true"> ▶</span>
          </button>
        </div>
      )}
      <div ref={viewport} className="scroll-area-viewport" role="region" aria-label={`Scrollable ${label}`} tabIndex={scrolls ? 0 : undefined}>
        {children}
      </div>
    </div>
  );
}
