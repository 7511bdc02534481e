import { db } from './db';

/**
 * The colour theme: follow the system (prefers-color-scheme), or pinned light or dark in
 * Settings. A preference of this installation, not part of any audit, so it is not logged.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const KEY = 'theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The saved choice; "system" when none was saved or what was saved is not a choice. */
export async function getThemeChoice(): Promise<ThemeChoice> {
  const value = (await db.settings.get(KEY))?.value;
  return isThemeChoice(value) ? value : 'system';
}

export async function saveThemeChoice(choice: ThemeChoice): Promise<void> {
  if (!isThemeChoice(choice)) throw new Error(`Unknown theme "${String(choice)}": choose system, light or dark.`);
  await db.settings.put({ key: KEY, value: choice });
}
