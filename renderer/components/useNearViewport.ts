import { useCallback, useEffect, useState } from 'react';

/**
 * Whether an element is within `marginPx` of the viewport, for lists and grids that draw only
 * what can be seen (issue #12: the DOM follows the screen, not the data). One shared
 * IntersectionObserver per margin watches every element; the first answer is measured before
 * the first paint, so rows already in view never flash as placeholders.
 */
type Callback = (near: boolean) => void;

const observers = new Map<number, { readonly observer: IntersectionObserver; readonly callbacks: Map<Element, Callback> }>();

function observerFor(marginPx: number): { readonly observer: IntersectionObserver; readonly callbacks: Map<Element, Callback> } {
  let entry = observers.get(marginPx);
  if (!entry) {
    const callbacks = new Map<Element, Callback>();
    const observer = new IntersectionObserver(
      (records) => {
        for (const record of records) callbacks.get(record.target)?.(record.isIntersecting);
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    entry = { observer, callbacks };
    observers.set(marginPx, entry);
  }
  return entry;
}

function isNear(element: Element, marginPx: number): boolean {
  const rect = element.getBoundingClientRect();
  return rect.bottom >= -marginPx && rect.top <= window.innerHeight + marginPx;
}

export interface NearViewport<T extends HTMLElement> {
  readonly ref: (element: T | null) => void;
  readonly near: boolean;
  /**
   * The element's height when it was last drawn in full (measured as it left the viewport), to
   * size its placeholder: the page keeps its length, and the scroll position its meaning.
   */
  readonly lastHeight: number | null;
}

export function useNearViewport<T extends HTMLElement>(marginPx = 300): NearViewport<T> {
  const [element, setElement] = useState<T | null>(null);
  const [state, setState] = useState<{ readonly near: boolean; readonly lastHeight: number | null }>({ near: false, lastHeight: null });
  // Measured as the element attaches (commit, before paint): rows in view are drawn in the first frame.
  const ref = useCallback(
    (el: T | null) => {
      setElement(el);
      if (el !== null && isNear(el, marginPx)) setState((s) => (s.near ? s : { ...s, near: true }));
    },
    [marginPx],
  );
  useEffect(() => {
    if (element === null) return undefined;
    const { observer, callbacks } = observerFor(marginPx);
    // Leaving: the full row is still drawn at this moment, so its height is the one to keep.
    callbacks.set(element, (near) => setState((s) => (s.near === near ? s : { near, lastHeight: near ? s.lastHeight : element.offsetHeight })));
    observer.observe(element);
    return () => {
      observer.unobserve(element);
      callbacks.delete(element);
    };
  }, [element, marginPx]);
  return { ref, near: state.near, lastHeight: state.lastHeight };
}
