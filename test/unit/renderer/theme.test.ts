import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../renderer/db/db';
import { getThemeChoice, saveThemeChoice, type ThemeChoice } from '../../../renderer/db/theme';

describe('the theme choice', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('follows the system on a fresh installation', async () => {
    expect(await getThemeChoice()).toBe('system');
  });

  it('keeps the last choice made', async () => {
    await saveThemeChoice('dark');
    await saveThemeChoice('light');
    expect(await getThemeChoice()).toBe('light');
  });

  it('refuses what is not a choice, keeping the saved one', async () => {
    await saveThemeChoice('dark');
    await expect(saveThemeChoice('sepia' as ThemeChoice)).rejects.toThrow('Unknown theme "sepia"');
    expect(await getThemeChoice()).toBe('dark');
  });

  it('reads a damaged setting as "system"', async () => {
    await db.settings.put({ key: 'theme', value: 42 });
    expect(await getThemeChoice()).toBe('system');
  });
});
