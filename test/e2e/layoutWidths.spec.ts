import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';
import { SCREEN_WIDTHS, snapAtWidths } from './widths';

/** The page never scrolls sideways: whatever is wide scrolls inside its own card. */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  // Evaluated as a string: the e2e tsconfig has no DOM types. The widest elements past the edge
  // are named in the failure, so it says what to fix.
  const { scrollWidth, clientWidth, past } = await page.evaluate<{ scrollWidth: number; clientWidth: number; past: string[] }>(`(() => {
    const root = document.documentElement;
    const past = [...document.querySelectorAll('body *')]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > root.clientWidth + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map((x) => x.el.tagName.toLowerCase() + (x.el.className && typeof x.el.className === 'string' ? '.' + x.el.className.trim().split(/\\s+/).join('.') : '') + ' → ' + Math.round(x.right));
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, past };
  })()`);
  expect(scrollWidth, `${screen} at ${clientWidth} px scrolls sideways (${past.join('; ')})`).toBeLessThanOrEqual(clientWidth);
}

/** Each width in turn, the check, then `more` (assertions that depend on the width). */
async function atEachWidth(page: Page, screen: string, more: (width: number) => Promise<void> = async () => {}): Promise<void> {
  for (const width of SCREEN_WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    await expectNoSidewaysScroll(page, screen);
    await more(width);
  }
}

/** Whether an element lies horizontally within a scrolling box's visible part. */
async function shownWithin(element: Locator, box: Locator): Promise<boolean> {
  const [e, b] = [await element.boundingBox(), await box.boundingBox()];
  return e !== null && b !== null && e.x >= b.x - 1 && e.x + e.width <= b.x + b.width + 1;
}

/**
 * Scrolls a coverage table to its end with its own "Later" button. Retried as a whole: the
 * button can turn disabled between the check and the click, when a smooth scroll started by the
 * previous click reaches the end late (under load it did, and the click then waited a minute).
 */
async function scrollToEnd(section: Locator): Promise<void> {
  const later = section.getByRole('button', { name: /^Later / });
  await expect(async () => {
    if (await later.isEnabled()) await later.click({ timeout: 2_000 });
    await expect(later).toBeDisabled({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

/**
 * Issue #13: at 1024 and 1280 px no screen scrolls sideways; long file names and hashes stay in
 * their card; the coverage matrix of weekly and daily controls scrolls inside its card with the
 * control column held and a cue that there is more; a warning reads as one sentence, and no
 * button label breaks inside a word.
 */
test('no screen scrolls sideways at 1024 or 1280 px, with long names, hashes, weekly and daily coverage', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'widths-'));
  const longName = `backup-job-history-export-production-cluster-eu-west-1-${'x'.repeat(120)}-full-report-final-v2.csv`;
  const files = [join(dir, longName), join(dir, 'restore-test-2026-03.txt')];
  await writeFile(files[0] ?? '', 'job,status\nnightly,ok\n');
  await writeFile(files[1] ?? '', 'restored db-prod into staging\n');

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill(`Widths FY2026 ${'with-a-very-long-audit-name-'.repeat(4)}`);
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel(/^All 45 starter controls/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  // Availability brings the daily backups (BC-01) and weekly endpoint checks into scope.
  await page.getByRole('region', { name: 'Trust Services Categories' }).getByRole('checkbox', { name: /Availability/ }).check();
  await atEachWidth(page, 'Scope');

  const steps = page.getByRole('navigation', { name: 'Audit steps' });
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /BC-01/ }).click();
  const detail = page.locator('section.detail');
  app.bridge.answerFileDialog(files);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);
  const long = detail.getByRole('article', { name: longName });
  await openDetails(long);
  await expect(long.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);
  // The compact row: one line for the name, whatever its length.
  await atEachWidth(page, 'a control with long file names and hashes', async () => {
    const row = await long.locator('.evidence-row').boundingBox();
    expect(row?.height ?? 0).toBeLessThan(64);
    await expect(long.getByTestId('sha256')).toBeVisible();
    const hash = await long.getByTestId('sha256').boundingBox();
    const card = await long.boundingBox();
    expect((hash?.x ?? 0) + (hash?.width ?? 0)).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0));
  });
  await snapAtWidths(app, '100-control-long-names');

  // Coverage: weekly (53 columns) and daily grids scroll inside their card, with a cue.
  await views.getByRole('link', { name: 'Coverage' }).click();
  await expect(page.getByRole('region', { name: 'Coverage summary' })).toBeVisible();
  const weekly = page.locator('section.cov-section', { has: page.getByRole('heading', { name: /^Weekly/ }) });
  const daily = page.locator('section.cov-section', { has: page.getByRole('heading', { name: /^Daily/ }) });
  await atEachWidth(page, 'Coverage', async (width) => {
    await weekly.scrollIntoViewIfNeeded();
    await expect(weekly.getByRole('button', { name: 'Later Weekly slots' })).toBeEnabled();
    await expect(weekly.getByText('More to the right: scroll sideways')).toBeVisible();
    const w53 = weekly.getByRole('columnheader', { name: 'W53' });
    const scroller = weekly.getByRole('region', { name: 'Scrollable Weekly slots' });
    expect(await shownWithin(w53, scroller)).toBe(false);
    await scrollToEnd(weekly);
    expect(await shownWithin(w53, scroller)).toBe(true);
    // The control column stays where it was while the weeks scroll under it.
    await expect(weekly.locator('tr[data-control="EP-01"] th.cov-control')).toBeInViewport();
    await weekly.getByRole('button', { name: 'Earlier Weekly slots' }).click();
    await daily.scrollIntoViewIfNeeded();
    await expect(daily.locator('tr[data-control="BC-01"] a.cov-link').first()).toBeVisible();
    if (width === 1024) await expect(daily.getByRole('button', { name: 'Later Daily slots' })).toBeEnabled();
  });
  await weekly.scrollIntoViewIfNeeded();
  await snapAtWidths(app, '101-coverage-weekly');
  await daily.scrollIntoViewIfNeeded();
  await expect(daily.locator('tr[data-control="BC-01"] a.cov-link').first()).toBeVisible();
  await snapAtWidths(app, '101-coverage-daily');

  for (const view of ['Request list', 'All evidence'] as const) {
    await views.getByRole('link', { name: view }).click();
    await atEachWidth(page, view);
  }
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  await atEachWidth(page, 'Review');
  await snapAtWidths(app, '102-review-long-names');

  for (const step of ['Readiness', 'Remediation', 'Report', 'Maintain'] as const) {
    await steps.getByRole('link', { name: step }).click();
    await expect(page.getByRole('heading', { name: step, level: 2 }).first()).toBeVisible();
    await atEachWidth(page, step);
  }
  for (const tool of ['Audit trail', 'Integrity check'] as const) {
    await page.getByRole('link', { name: tool }).click();
    await atEachWidth(page, tool);
  }

  // Export without a reviewer: the warning is one sentence with its link, not three columns.
  await page.getByRole('link', { name: 'Export bundle' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'The bundle is signed with your reviewer key' });
  await atEachWidth(page, 'Export', async () => {
    await expect(warning.locator(':scope > *')).toHaveCount(1);
    const link = await warning.getByRole('link', { name: 'Set up your reviewer identity' }).boundingBox();
    const text = await warning.boundingBox();
    // The link flows inside the sentence: it does not stand in a column of its own at the right.
    expect((link?.x ?? 0) + (link?.width ?? 0)).toBeLessThan((text?.x ?? 0) + (text?.width ?? 0) - 40);
  });
  await snapAtWidths(app, '103-export-warning');

  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await atEachWidth(page, 'Settings');
  await page.getByRole('link', { name: 'Evidence Locker' }).click();
  await page.getByRole('link', { name: 'Import bundle…' }).click();
  await atEachWidth(page, 'Import');
  await page.getByRole('link', { name: 'Evidence Locker' }).click();
  // A notice with a Dismiss button: the label stays whole.
  await page.getByRole('button', { name: /^Archive Widths FY2026/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive audit' }).click();
  const dismiss = page.getByRole('status').getByRole('button', { name: 'Dismiss' });
  await atEachWidth(page, 'All audits', async () => {
    const box = await dismiss.boundingBox();
    expect(box?.height ?? 99, 'the Dismiss label breaks onto a second line').toBeLessThan(30);
  });
});
