import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { getThemeChoice, saveThemeChoice, THEME_CHOICES, type ThemeChoice } from '../../db/theme';

const LABELS: Record<ThemeChoice, string> = {
  system: 'System (follow the computer’s light or dark setting)',
  light: 'Light',
  dark: 'Dark',
};

/** Settings › Appearance: the theme, applied as soon as it is picked. */
export function ThemePanel(): React.JSX.Element {
  const saved = useLiveQuery(getThemeChoice, []);
  // The radio shows the pick at once; the saved value catches up when IndexedDB has it.
  const [picked, setPicked] = useState<ThemeChoice | null>(null);
  const choice = picked ?? saved;
  const [error, setError] = useState<string | null>(null);
  const pick = (next: ThemeChoice): void => {
    setError(null);
    setPicked(next);
    saveThemeChoice(next).catch((e: unknown) => {
      setPicked(null);
      setError(messageOf(e));
    });
  };
  return (
    <section className="panel settings-appearance" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <fieldset className="field settings-theme">
        <legend>Theme</legend>
        {THEME_CHOICES.map((value) => (
          <label key={value} className="radio">
            <input type="radio" name="theme" value={value} checked={choice === value} disabled={choice === undefined} onChange={() => pick(value)} />
            {LABELS[value]}
          </label>
        ))}
      </fieldset>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
