import type { Page } from '@playwright/test';
import type { AppHarness } from './fixtures';

/** Issue #13 asks for each changed screen at the narrowest and the usual laptop width. */
export const SCREEN_WIDTHS = [1024, 1280] as const;

/** Full-page screenshots of the current screen at each width, then the fixture's own size again. */
export async function snapAtWidths(app: AppHarness, name: string, page: Page = app.page): Promise<void> {
  const before = page.viewportSize();
  for (const width of SCREEN_WIDTHS) {
    await page.setViewportSize({ width, height: before?.height ?? 860 });
    await app.snap(`${name}-${width}`, page);
  }
  if (before) await page.setViewportSize(before);
}
