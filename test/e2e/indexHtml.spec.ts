import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMiniBag } from '../support/miniBag';

/**
 * data/index.html as an auditor opens it from the unzipped folder: the PBC request ids are on
 * it, and each control row leads to that control's evidence (issue #13), with no script.
 */
const SCREENSHOT_DIR = resolve('.e2e-artifacts');

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
  javaScriptEnabled: false,
});

test('the evidence index names PBC requests and links each control to its evidence', async ({ page }) => {
  const parent = await mkdtemp(join(tmpdir(), 'index-e2e-'));
  try {
    const bag = await writeMiniBag(parent);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(pathToFileURL(join(bag.bagDir, 'data', 'index.html')).href);

    const controls = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'PBC requests' }) });
    await expect(controls.getByRole('row').filter({ hasText: 'AC-01' })).toContainText('PBC-014');
    const requests = page.locator('section', { has: page.getByRole('heading', { name: 'Request list (PBC)' }) });
    await expect(requests.getByRole('row').filter({ hasText: 'PBC-014' })).toContainText('User access review, Q1');
    await expect(page.locator('dt', { hasText: 'PBC requests' }).first()).toBeVisible();

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `16-index-html-${width}.png`), fullPage: true });
    }

    // The control's ref leads to its evidence section, which then sits at the top of the view.
    await controls.getByRole('link', { name: 'AC-01' }).click();
    expect(new URL(page.url()).hash).toMatch(/^#control-\d+-fieldwork$/);
    const section = page.locator(new URL(page.url()).hash);
    await expect(section.getByRole('heading', { level: 3 })).toContainText('AC-01');
    await expect(section).toBeInViewport();
    // And from the request list too.
    await page.goBack();
    await requests.getByRole('link', { name: 'AC-01' }).click();
    await expect(page.locator(new URL(page.url()).hash)).toBeInViewport();
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});
