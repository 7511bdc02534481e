import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

/**
 * The README's "first audit in five minutes", walked as a user would, from the welcome to the
 * export screen. Its screenshots land in .e2e-artifacts/guide-*; with GUIDE_SCREENSHOTS=1 they
 * are written to docs/screenshots/, the PNGs the README shows (so the README shows this app).
 */
const GUIDE_DIR = resolve('docs/screenshots');
const UPDATE = process.env['GUIDE_SCREENSHOTS'] === '1';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(UPDATE ? GUIDE_DIR : SCREENSHOT_DIR, `${UPDATE ? '' : 'guide-'}${name}.png`) });
}

function consoleScreenshot(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (width * y + x) * 4;
      const row = y >= 80 && (y - 80) % 32 < 24 && x > 180 && x < width - 30;
      const [r, g, b] = y < 40 ? [31, 95, 191] : x < 150 ? [236, 239, 244] : row ? [232, 240, 252] : [255, 255, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

test('the first audit in five minutes, as the README tells it', async ({ app }) => {
  const page = app.page;
  await mkdir(GUIDE_DIR, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'guide-'));
  const review = join(dir, 'okta-access-review-q1.png');
  await writeFile(review, consoleScreenshot(1200, 720));

  // 1. The welcome: name and role once.
  const welcome = page.getByRole('region', { name: 'Welcome to Evidence Locker' });
  await welcome.getByLabel('Your name').fill('Dana Whitfield');
  await welcome.getByLabel('Role').fill('IT Manager');
  await shot(page, '1-welcome');
  await welcome.getByRole('button', { name: 'Save name and role' }).click();
  await expect(welcome.getByRole('status')).toContainText('You sign off as Dana Whitfield');

  // 2. A new audit.
  await welcome.getByRole('link', { name: 'Create your first audit' }).click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud Inc.');
  await page.getByLabel(/Type II/).check();
  await shot(page, '2-new-audit');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II FY2026' })).toBeVisible();

  // 3. Evidence on a control.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  app.bridge.answerFileDialog([review]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article', { name: 'okta-access-review-q1.png' })).toBeVisible();
  await shot(page, '3-evidence');

  // 4. Review: approve it.
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('article', { name: 'okta-access-review-q1.png' })).toBeVisible();
  await shot(page, '4-review');
  await page.getByRole('form', { name: 'Decision' }).getByRole('button', { name: /Approve/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved 1 item' })).toBeVisible();

  // 5. The export screen.
  await page.getByRole('link', { name: 'Export bundle' }).click();
  await expect(page.getByRole('heading', { name: /Export/ }).first()).toBeVisible();
  await shot(page, '5-export');
});
