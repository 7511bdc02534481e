import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Dark and light themes (issue #16): the app follows the system's prefers-color-scheme until
 * Settings pins a theme, and the pinned theme survives a restart.
 */

const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(18, 22, 29)';

async function rootBackground(page: Page): Promise<string> {
  // The e2e project has no DOM types: the page's globals are named by hand.
  return page.evaluate(() => {
    const g = globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string }; document: { documentElement: unknown } };
    return g.getComputedStyle(g.document.documentElement).backgroundColor;
  });
}

test('the theme follows the system until Settings pins one, and the pinned theme is remembered', async ({ app }) => {
  let page = app.page;
  await expect(page.getByRole('link', { name: 'New audit' }).first()).toBeVisible();

  // System: the page follows prefers-color-scheme both ways, without a reload.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => rootBackground(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => rootBackground(page)).toBe(LIGHT_BG);

  // Settings › Appearance: Dark applies at once, though the system says light.
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: /^System/ })).toBeChecked();
  await theme.getByRole('radio', { name: 'Dark', exact: true }).check();
  await expect.poll(() => rootBackground(page)).toBe(DARK_BG);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Remembered: after a restart, still dark on a light system.
  page = await app.restart();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => rootBackground(page)).toBe(DARK_BG);

  // Light pins light on a dark system; System hands the choice back.
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  const again = page.getByRole('group', { name: 'Theme' });
  await expect(again.getByRole('radio', { name: 'Dark', exact: true })).toBeChecked();
  await again.getByRole('radio', { name: 'Light', exact: true }).check();
  await expect.poll(() => rootBackground(page)).toBe(LIGHT_BG);
  await again.getByRole('radio', { name: /^System/ }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expect.poll(() => rootBackground(page)).toBe(DARK_BG);
});
