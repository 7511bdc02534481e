import { useEffect, useEffectEvent } from 'react';
import { isShortcutKey } from './keys';

/** The first search field on screen: the control filter, the evidence search, the trail filter. */
function searchField(): HTMLInputElement | null {
  return [...document.querySelectorAll<HTMLInputElement>('input[type="search"]')].find((input) => input.offsetParent !== null) ?? null;
}

/** Shortcuts that work on every screen: ? opens the shortcut sheet, / jumps to the search field. */
export function usePageShortcuts(openSheet: () => void): void {
  const onKey = useEffectEvent((event: KeyboardEvent): void => {
    if (!isShortcutKey(event)) return;
    if (event.key === '?') {
      event.preventDefault();
      openSheet();
    } else if (event.key === '/') {
      const field = searchField();
      if (!field) return;
      // preventDefault keeps the "/" out of the field it focuses.
      event.preventDefault();
      field.focus();
      field.select();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
