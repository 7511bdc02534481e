import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMiniBag, type MiniBag } from '../support/miniBag';

/**
 * Accessibility of what the auditor opens from a bundle (issue #16): data/index.html and
 * data/VERIFY.html, with axe-core. No serious or critical violation, and none of the moderate
 * ones the issue named (the index had no main landmark).
 */

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
  viewport: { width: 1100, height: 900 },
});

let parent: string;
let bag: MiniBag;

test.beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'a11y-bundle-'));
  bag = await writeMiniBag(parent);
});

test.afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ['landmark-one-main', 'heading-order', 'region'].includes(v.id))
    .map((v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

test('the evidence index and the verifier page have no serious accessibility violation and one main landmark', async ({ page }) => {
  await page.goto(pathToFileURL(join(bag.bagDir, 'data', 'index.html')).href);
  await expect(page.getByRole('main')).toHaveCount(1);
  expect(await violations(page)).toEqual([]);

  await page.goto(pathToFileURL(join(bag.bagDir, 'data', 'VERIFY.html')).href);
  await expect(page.getByRole('main')).toHaveCount(1);
  expect(await violations(page)).toEqual([]);
  // And after a verification, with its verdict and table on the page.
  await page.getByLabel('Choose the unzipped bundle folder').setInputFiles(bag.bagDir);
  await expect(page.locator('.verdict')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
