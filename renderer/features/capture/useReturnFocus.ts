import { useCallback, useEffect, useRef, type RefObject } from 'react';

function isFocusable(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element !== document.body && element.isConnected && !element.matches(':disabled');
}

/**
 * Gives focus back to what opened an editor when the editor closes (issue #13: Esc left focus on
 * the page body, so the next Tab started from the top of the page). Call `remember()` when the
 * opening starts, before the opener is disabled or hidden: a capture disables its button while
 * it runs. Without a usable opener (the global shortcut, a paste), `fallback` gets focus.
 */
export function useReturnFocus(open: boolean, fallback: RefObject<HTMLElement | null>): () => void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const target = [opener.current, fallback.current].find(isFocusable);
    opener.current = null;
    target?.focus();
  }, [open, fallback]);

  return useCallback(() => {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, []);
}
