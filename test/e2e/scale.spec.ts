import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { bundlePageScript } from '../../bench/scale/bundle';
import { buildScalePlan, SCALE_AUDIT, type PlannedItem } from '../../bench/scale/plan';
import type { ImportedFile } from '../../shared/bridge/contract';
import { expect, test } from './fixtures';

/**
 * Issue #12 at a fifth of its size: 2,000 items over the bench's 200 controls, seeded through
 * the app's own functions (main's store, recordFiles, signOff). Not timed (the benchmark times
 * it): this checks that every screen stays correct and draws a page, not the data.
 */
const ITEMS = 2000;
const DOM_LIMIT = 5000;

type Seeder = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function seed<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([n, a]) => {
      const api = (globalThis as unknown as { __benchSeed: Seeder }).__benchSeed;
      return api[n]?.(...a);
    },
    [name, args] as const,
  ) as Promise<T>;
}

function bytesOf(item: PlannedItem): { bytes: Uint8Array; mime: string } {
  if (!item.image) return { bytes: new TextEncoder().encode(`user,decision\nrow ${item.key},keep\n`), mime: 'text/csv' };
  const png = new PNG({ width: 16, height: 10 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = (item.key * 7 + i) & 0xff;
    png.data[i + 1] = (item.key >> 8) & 0xff;
    png.data[i + 2] = item.key & 0xff;
    png.data[i + 3] = 255;
  }
  return { bytes: PNG.sync.write(png), mime: 'image/png' };
}

async function domNodes(page: Page): Promise<number> {
  return page.evaluate<number>('document.getElementsByTagName("*").length');
}

test('a year of evidence at 2,000 items: every screen shows the right figures and draws only a page of them', async ({ app }) => {
  test.setTimeout(900_000);
  const page = app.page;
  await page.evaluate(await bundlePageScript(resolve('bench/scale/page/seed.ts')));

  // The bench's audit and controls; its items evenly thinned to ITEMS (most controls get some).
  const plan = buildScalePlan(1);
  const added = plan.controls.filter((c) => !c.starter).map((c) => ({ ref: c.ref, title: c.title, frequency: c.frequency, criteria: c.criteria }));
  const { auditId, controls } = await seed<{ auditId: string; controls: Record<string, string> }>(page, 'setup', SCALE_AUDIT, added);
  const items = Array.from({ length: ITEMS }, (_, n) => plan.items[Math.floor((n * plan.items.length) / ITEMS)]).filter((item) => item !== undefined);
  const byControl = new Map<string, PlannedItem[]>();
  for (const item of items) {
    const ref = plan.controls[item.control]?.ref ?? '';
    byControl.set(ref, [...(byControl.get(ref) ?? []), item]);
  }
  const ids: string[] = [];
  /** The planned items in the order of `ids`: the first half gets signed off below. */
  const inOrder: PlannedItem[] = [];
  for (const [ref, list] of byControl) {
    const files: ImportedFile[] = [];
    for (const item of list) {
      const { bytes, mime } = bytesOf(item);
      const stored = await app.bridge.store.put(bytes);
      files.push({ ...stored, name: item.fileName, path: '', mime, modifiedAt: item.at, importedAt: item.at });
    }
    ids.push(...(await seed<string[]>(page, 'recordStored', auditId, controls[ref], files)));
    inOrder.push(...list);
  }
  expect(ids).toHaveLength(ITEMS);
  // Half signed off: approvals, and a few rejections.
  for (let i = 0; i < ITEMS / 2; i += 200) await seed(page, 'sign', ids.slice(i, i + 200).filter((_, n) => n % 20 !== 0), 'approved', '');
  await seed(page, 'sign', ids.slice(0, ITEMS / 2).filter((_, n) => n % 20 === 0), 'rejected', 'The date is not visible.');
  const approved = ITEMS / 2 - ITEMS / 40;
  const rejected = ITEMS / 40;
  const waiting = ITEMS - approved - rejected;
  await page.reload();

  // The audit list and the audit header count through the indexes.
  await expect(page.getByRole('link', { name: /^SOC 2 Type II FY2026 \(scale\)/ })).toContainText(`200 controls · ${ITEMS.toLocaleString('en-US')} evidence items`);
  await page.getByRole('link', { name: /^SOC 2 Type II FY2026 \(scale\)/ }).click();
  await expect(page.locator('.audit-stats')).toContainText(ITEMS.toLocaleString('en-US'));

  // A daily control: its items a page of 20 at a time, newest first, with their review state.
  const daily = 'DLY-01';
  const dailyCount = byControl.get(daily)?.length ?? 0;
  expect(dailyCount).toBeGreaterThan(40);
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: new RegExp(daily) }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByRole('heading', { name: `Evidence (${dailyCount})` })).toBeVisible();
  await expect(detail.getByRole('article')).toHaveCount(20);
  await expect(detail.getByRole('article').first().getByTestId('review-status')).toBeVisible();
  await expect(detail.getByRole('navigation', { name: 'Evidence pages (top)' })).toContainText(`Page 1 of ${Math.ceil(dailyCount / 20)}`);
  const newest = [...(byControl.get(daily) ?? [])].sort((a, b) => b.at.localeCompare(a.at))[0];
  await expect(detail.getByRole('article').first()).toHaveAttribute('aria-label', newest?.fileName ?? '');
  await detail.getByRole('navigation', { name: 'Evidence pages (top)' }).getByRole('button', { name: 'Last' }).click();
  await expect(detail.getByRole('article')).toHaveCount(dailyCount % 20 || 20);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  await app.snap('90-scale-control');

  // Review: the waiting items, drawn as a window of lines, searchable.
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText(`${waiting.toLocaleString('en-US')} items waiting · ${approved} approved · ${rejected} rejected`)).toBeVisible();
  const queue = page.getByRole('region', { name: 'Items waiting for review' });
  const drawn = await queue.locator('.queue-row').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(100);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  await page.getByLabel('Search names and notes').fill(`#${inOrder[ITEMS - 1]?.key ?? 0}.`);
  await expect(page.getByText('1 item matches the filters')).toBeVisible();
  await expect(queue.locator('.queue-row')).toHaveCount(1);
  await app.snap('90-scale-review-search');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Coverage: totals over every control, rows drawn near the viewport only.
  await views.getByRole('link', { name: 'Coverage' }).click();
  const summary = page.getByRole('region', { name: 'Coverage summary' });
  await expect(summary).toContainText('of due slots covered');
  expect(await page.locator('tr[data-control]').count()).toBe(200);
  expect(await page.locator('tr.cov-row-pending').count()).toBeGreaterThan(100);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  const dailyRow = page.getByRole('region', { name: /^Daily/ }).locator(`tr[data-control="${daily}"]`);
  await dailyRow.scrollIntoViewIfNeeded();
  await expect(dailyRow.locator('a[data-status]')).toHaveCount(365);
  await app.snap('90-scale-coverage');
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);

  // All evidence: a page of 100, search narrows it.
  await views.getByRole('link', { name: 'All evidence' }).click();
  const browser = page.getByRole('region', { name: 'All evidence' });
  await expect(browser.locator('tbody tr')).toHaveCount(100);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  await browser.getByLabel('Search names and notes').fill(`#${items[2]?.key ?? 0}.`);
  await expect(browser.locator('tbody tr')).toHaveCount(1);
  await expect(browser.getByRole('status')).toContainText(/^1 of /);

  // The audit trail: the chain verified, a page of entries, the header stays in view.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByText(/Chain intact/)).toBeVisible({ timeout: 60_000 });
  const trail = page.locator('.trail-scroll');
  await expect(trail.locator('tbody tr')).toHaveCount(200);
  await trail.evaluate((el) => {
    (el as unknown as { scrollTop: number }).scrollTop = 3000;
  });
  const [headTop, boxTop] = await Promise.all([
    trail.locator('thead th').first().evaluate((el) => (el as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top),
    trail.evaluate((el) => (el as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top),
  ]);
  expect(Math.abs(headTop - boxTop)).toBeLessThan(3);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);

  // The integrity check: every file re-hashed, every result a page at a time.
  await page.getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: 'Run integrity check' }).click();
  await expect(page.getByTestId('integrity-summary')).toHaveText(`All ${ITEMS.toLocaleString('en-US')} items verified`, { timeout: 300_000 });
  await expect(page.getByRole('table', { name: 'Results by item' }).locator('tbody tr')).toHaveCount(100);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  await app.snap('90-scale-integrity');
});
