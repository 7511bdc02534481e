import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getThemeChoice } from '../../db/theme';

/**
 * Applies the saved theme to <html>: data-theme pins light or dark (styles.css sets
 * color-scheme from it); without it, the stylesheet follows prefers-color-scheme.
 */
export function useTheme(): void {
  const choice = useLiveQuery(getThemeChoice, []);
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'light' || choice === 'dark') root.dataset['theme'] = choice;
    else delete root.dataset['theme'];
  }, [choice]);
}
