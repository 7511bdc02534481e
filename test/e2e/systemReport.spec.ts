import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

/** A small PNG standing in for a screenshot of the admin console's filter. */
function filterScreenshot(): Buffer {
  const png = new PNG({ width: 320, height: 180 });
  for (let i = 0; i < png.data.length; i += 4) {
    const y = Math.floor(i / 4 / png.width);
    png.data.set(y < 30 ? [20, 33, 61, 255] : [240, 244, 250, 255], i);
  }
  return PNG.sync.write(png);
}

test('an IT admin marks an exported user list as a system report, links the filter screenshot, and it stays after a reload', async ({ app }) => {
  const page = app.page;
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel('Time zone of the organization').selectOption('America/New_York');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();

  const dir = await mkdtemp(join(tmpdir(), 'system-report-e2e-'));
  const csvPath = join(dir, 'okta-users.csv');
  const pngPath = join(dir, 'okta-filter.png');
  await writeFile(csvPath, 'user,status\nalice,ACTIVE\nbob,ACTIVE\n');
  await writeFile(pngPath, filterScreenshot());
  app.bridge.answerFileDialog([csvPath, pngPath]);
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);

  const card = detail.getByRole('article', { name: 'okta-users.csv' });
  await openDetails(card);
  await expect(card.getByLabel('Source system')).toHaveCount(0);
  await card.getByRole('checkbox', { name: /This is a system report/ }).check();
  // The screenshot can be picked; the report itself cannot (it is not an image, and not itself).
  const screenshotSelect = card.getByLabel('Screenshot of the filter');
  await expect(screenshotSelect.getByRole('option')).toHaveText(['None', 'okta-filter.png']);

  // Wrong values are refused, field by field, and nothing is saved.
  await card.getByLabel('Row count').fill('-5');
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(card.getByRole('alert')).toContainText('Not saved: correct the system report fields');
  await expect(card.getByText('Name the system the report came from, such as Okta or Jira.')).toBeVisible();
  await expect(card.getByText('Row count cannot be negative.')).toBeVisible();
  await expect(card.getByLabel('Row count')).toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByTestId('system-report')).toHaveCount(0);
  await app.snap('90-system-report-errors');

  await card.getByLabel('Source system').fill('Okta');
  await card.getByLabel('Row count').fill('412');
  await card.getByLabel('Query or filter').fill('status eq "ACTIVE" and type eq "employee"');
  // Typed in the audit's zone (New York, UTC-4 in March), stored in UTC.
  await card.getByLabel('Extracted at (America/New_York)').fill('2026-03-31T11:58');
  await expect(card.getByTestId('extracted-utc')).toHaveText('Stored as 2026-03-31 15:58:00 UTC');
  await screenshotSelect.selectOption({ label: 'okta-filter.png' });
  await card.getByRole('button', { name: 'Save changes' }).click();

  const line = card.getByTestId('system-report');
  await expect(line).toContainText('System report Okta · 412 rows · extracted 2026-03-31 11:58:00 America/New_York (GMT-4) · filter: okta-filter.png');
  await expect(line).toContainText('status eq "ACTIVE" and type eq "employee"');
  await expect(card.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await app.snap('91-system-report-card');

  await page.reload();
  const reloaded = page.locator('section.detail').getByRole('article', { name: 'okta-users.csv' });
  await openDetails(reloaded);
  await expect(reloaded.getByTestId('system-report')).toContainText('Okta · 412 rows · extracted 2026-03-31 11:58:00 America/New_York');
  await expect(reloaded.getByRole('checkbox', { name: /This is a system report/ })).toBeChecked();
  await expect(reloaded.getByLabel('Extracted at (America/New_York)')).toHaveValue('2026-03-31T11:58');
  await expect(reloaded.getByLabel('Screenshot of the filter')).toHaveValue(/.+/);

  // The reviewer sees the same facts in the review pane: the sign-off covers them.
  const controlUrl = page.url();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await page.getByRole('region', { name: 'Items waiting for review' }).getByText('okta-users.csv').click();
  const pane = page.getByRole('article', { name: 'okta-users.csv' });
  await expect(pane.getByTestId('review-report-source')).toHaveText('Okta');
  await expect(pane.getByTestId('review-report-query')).toHaveText('status eq "ACTIVE" and type eq "employee"');
  await expect(pane.getByTestId('review-report-rows')).toHaveText('412');
  await expect(pane.getByTestId('review-report-extracted')).toContainText('2026-03-31 11:58:00 America/New_York');
  await expect(pane).toContainText('okta-filter.png');
  await snapAtWidths(app, '96-review-system-report');
  await page.goto(controlUrl);
  await openDetails(reloaded);

  // The screenshot's name goes to the screenshot.
  await reloaded.getByRole('link', { name: 'okta-filter.png' }).click();
  const shot = page.locator('section.detail').getByRole('article', { name: 'okta-filter.png' });
  await expect(shot).toBeFocused();
  await expect(shot).toBeInViewport();
  expect(new URL(page.url()).hash).toMatch(/\/fieldwork\/controls\/[^/]+\/[0-9a-f-]{36}$/);

  // Unticking makes it an ordinary file again.
  await openDetails(reloaded);
  await reloaded.getByRole('checkbox', { name: /This is a system report/ }).uncheck();
  await reloaded.getByRole('button', { name: 'Save changes' }).click();
  await expect(reloaded.getByTestId('system-report')).toHaveCount(0);
  await page.reload();
  await openDetails(page.locator('section.detail').getByRole('article', { name: 'okta-users.csv' }));
  await expect(page.locator('section.detail').getByRole('article', { name: 'okta-users.csv' }).getByRole('checkbox', { name: /This is a system report/ })).not.toBeChecked();
});
