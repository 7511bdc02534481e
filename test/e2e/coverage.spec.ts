import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { paintRootPattern } from '../support/display';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';

/** A slot that has ended without evidence is overdue; one still running (or to come) is missing. */
function emptyStatus(slotEnd: string): 'Overdue' | 'Missing' {
  return Date.now() >= Date.parse(slotEnd) ? 'Overdue' : 'Missing';
}

async function setEvidenceDate(card: Locator, day: string, slotLabel: string): Promise<void> {
  await openDetails(card);
  await card.getByLabel('Evidence date').fill(day);
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(card.getByTestId('evidence-slot')).toHaveText(slotLabel);
}

test('a collector sees which quarters of a control have evidence and opens exactly the evidence of one cell', async ({ app }) => {
  const page = app.page;

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Coverage FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  // Chromium's zone list has no 'UTC'; the form then keeps the machine's zone, which is UTC on
  // the test machines. The header check below fails loudly should either ever differ.
  const zone = page.getByLabel('Time zone of the organization');
  if ((await zone.locator('option[value="UTC"]').count()) > 0) await zone.selectOption('UTC');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'Coverage FY2026' })).toBeVisible();
  await expect(page.locator('.audit-header-meta')).toContainText(/UTC$/);
  // Availability in scope brings in BC-01, a daily control (out-of-scope controls have no coverage).
  await page.getByRole('region', { name: 'Trust Services Categories' }).getByRole('checkbox', { name: /Availability/ }).check();
  await expect(page.locator('.scope-summary')).toContainText(/\d+ in scope/);

  // Three files for the quarterly access review: a Q1 and a Q3 review, and last year's one.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  const dir = await mkdtemp(join(tmpdir(), 'coverage-upload-'));
  const files = {
    q1: join(dir, 'access-review-2026Q1.csv'),
    q3: join(dir, 'Access Review 2026Q3.csv'),
    old: join(dir, 'access-review-2025Q4.csv'),
  };
  await writeFile(files.q1, 'user,decision\nalice,keep\nbob,remove\n');
  await writeFile(files.q3, 'user,decision\nalice,keep\ncarol,keep\n');
  await writeFile(files.old, 'user,decision\nalice,keep\n');
  app.bridge.answerFileDialog([files.q1, files.q3, files.old]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(3);

  // The evidence date defaults to the capture time; each review is evidence for its quarter.
  await setEvidenceDate(detail.getByRole('article', { name: 'access-review-2026Q1.csv' }), '2026-02-15', 'Q1 2026');
  await setEvidenceDate(detail.getByRole('article', { name: 'Access Review 2026Q3.csv' }), '2026-08-20', 'Q3 2026');
  await setEvidenceDate(detail.getByRole('article', { name: 'access-review-2025Q4.csv' }), '2025-12-15', 'Outside the audit window — not counted');

  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Coverage' }).click();
  const summary = page.getByRole('region', { name: 'Coverage summary' });
  await expect(summary).toContainText(/of due slots covered|No slot is due yet/);
  await expect(summary).toContainText(/Outside the window\s*1 item/);

  // AC-01 has exactly the two quarters filled; the out-of-window review fills none.
  const quarterly = page.getByRole('region', { name: /^Quarterly/ });
  const row = quarterly.locator('tr[data-control="AC-01"]');
  // The matrix draws the rows near the viewport (issue #12): scroll there, as a person would.
  await row.scrollIntoViewIfNeeded();
  const cells = row.locator('a[data-status]');
  await expect(cells).toHaveCount(4);
  await expect(cells).toHaveText([
    'Collected 1 item',
    emptyStatus('2026-07-01T00:00:00Z'),
    'Collected 1 item',
    emptyStatus('2027-01-01T00:00:00Z'),
  ]);
  await expect(row.getByRole('link', { name: 'AC-01 Q1 2026: Collected, 1 item' })).toBeVisible();
  // Covered counts due slots only (issue #13): a quarter still running is neither covered nor overdue.
  const dueQuarters = ['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01'].filter((end) => Date.now() >= Date.parse(`${end}T00:00:00Z`));
  const coveredQuarters = dueQuarters.filter((end) => end === '2026-04-01' || end === '2026-10-01').length;
  await expect(row.getByRole('cell').first()).toContainText(dueQuarters.length === 0 ? 'Not due yet' : `${coveredQuarters} / ${dueQuarters.length} due covered`);
  await expect(row.getByRole('link', { name: '1 item dated outside the audit window' })).toBeVisible();
  // Every other quarterly control is empty (all six rows are drawn once the section is in view).
  await expect(quarterly.locator('tr[data-control] a[data-status]')).toHaveCount(6 * 4);
  await expect(quarterly.locator('tr:not([data-control="AC-01"]) a[data-status="collected"]')).toHaveCount(0);
  // A year of a daily control is a month-by-day grid, not 365 columns: the page keeps its width.
  const daily = page.getByRole('region', { name: /^Daily/ });
  await daily.locator('tbody tr[data-control]').first().scrollIntoViewIfNeeded();
  await expect(daily.locator('tbody tr[data-control]').first().locator('a[data-status]')).toHaveCount(365);
  await app.snap('20-coverage');
  // A string expression: the e2e tsconfig has no DOM types.
  const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(pageWidth).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);

  // A filled cell opens the evidence browser on exactly that control and quarter.
  await row.scrollIntoViewIfNeeded();
  await row.getByRole('link', { name: 'AC-01 Q1 2026: Collected, 1 item' }).click();
  await expect(page).toHaveURL(/\/fieldwork\/evidence\/[^/]+\/2026-Q1$/);
  const browser = page.getByRole('region', { name: 'All evidence' });
  const results = browser.locator('tbody tr');
  await expect(browser.getByRole('status')).toHaveText('1 of 3 items');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('access-review-2026Q1.csv');
  await expect(results.first()).toContainText(/2026-02-15 \d{2}:\d{2}:\d{2}/);
  await expect(results.first()).toContainText('Q1 2026');
  await expect(browser.getByLabel('Control')).toHaveValue(/.+/);
  await expect(browser.getByLabel('Slot')).toHaveValue('2026-Q1');

  // One click clears every filter, the route's included.
  await browser.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/fieldwork\/evidence$/);
  await expect(browser.getByRole('status')).toHaveText('3 of 3 items');
  await expect(browser.getByLabel('Slot')).toBeDisabled();

  // Text search covers names regardless of case, live as one types.
  await browser.getByLabel('Search names and notes').fill('REVIEW 2026q3');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Access Review 2026Q3.csv');
  await browser.getByLabel('Search names and notes').fill('');
  await expect(results).toHaveCount(3);

  // Everything here was collected in Fieldwork: the step filter keeps it all, or none of it.
  await browser.getByLabel('Step').selectOption({ label: 'Fieldwork' });
  await expect(browser.getByRole('status')).toHaveText('3 of 3 items');
  await browser.getByLabel('Step').selectOption({ label: 'Remediation' });
  await expect(browser.getByRole('status')).toHaveText('0 of 3 items');
  await expect(browser.getByText('No evidence matches these filters.')).toBeVisible();
  await browser.getByLabel('Step').selectOption({ label: 'All steps' });

  // The out-of-window review is found under its control's "outside the window" slot.
  await browser.getByLabel('Control').selectOption({ label: 'AC-01 — Quarterly user access review' });
  await browser.getByLabel('Slot').selectOption({ label: 'Outside the audit window' });
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('access-review-2025Q4.csv');
  await expect(results.first()).toContainText('Outside the audit window');
  await browser.getByRole('button', { name: 'Clear filters' }).click();
  await expect(results).toHaveCount(3);
  await app.snap('21-evidence-browser');

  // Each row links to its control's page.
  await results.first().getByRole('link', { name: 'AC-01' }).click();
  await expect(page.locator('section.detail').getByRole('heading', { name: 'Quarterly user access review' })).toBeVisible();
});

test('a Type I audit has one as-of slot per control in a single table', async ({ app }) => {
  const page = app.page;
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Design review 2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type I\b/).check();
  await page.getByLabel('As of', { exact: true }).fill('2026-06-30');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'Design review 2026' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Coverage' }).click();
  const section = page.getByRole('region', { name: /^All controls, as of 2026-06-30/ });
  await expect(section.getByRole('columnheader')).toHaveText(['Control', 'Totals', 'As of2026-06-30']);
  const rows = section.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(30);
  // Rows are drawn near the viewport (issue #12): each one has its single slot once in view.
  for (let i = 0; i < count; i += 1) {
    await rows.nth(i).scrollIntoViewIfNeeded();
    await expect(rows.nth(i).locator('a[data-status]')).toHaveCount(1);
  }
  await expect(page.getByRole('region', { name: /^Quarterly/ })).toHaveCount(0);
});

test('the issue scenario: a Type II audit with a request list, screens captured into two quarters, and a coverage matrix showing exactly those', async ({ app }) => {
  // A fresh Xvfb screen is black, and a black capture is refused: paint something to capture.
  paintRootPattern();
  const page = app.page;
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Scenario FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel('Time zone of the organization').selectOption('UTC');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();

  // The auditor's request list, imported from their spreadsheet.
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Request list' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'scenario-'));
  const csv = join(dir, 'pbc.csv');
  await writeFile(csv, '\uFEFFRequest ID;Description;Control refs;Due date\nPBC-1;Quarterly user access reviews;AC-01;2027-01-31\nPBC-2;MFA configuration;AC-02;2027-01-31\n');
  await page.getByRole('button', { name: 'Import request list (CSV)…' }).click();
  await page.getByLabel('CSV file').setInputFiles(csv);
  await page.getByRole('button', { name: 'Import 2 requests' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'PBC-1' })).toContainText('Not started');

  // Two real captures of the screen for the access review, one for Q1 and one for Q2.
  await views.getByRole('link', { name: 'Controls' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  // Straight from the editor: Enter saves the capture as it is, stamped.
  await page.getByRole('dialog', { name: 'Edit capture' }).press('Enter');
  await expect(detail.getByRole('article')).toHaveCount(1);
  await setEvidenceDate(detail.getByRole('article').first(), '2026-03-30', 'Q1 2026');
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  // Straight from the editor: Enter saves the capture as it is, stamped.
  await page.getByRole('dialog', { name: 'Edit capture' }).press('Enter');
  await expect(detail.getByRole('article')).toHaveCount(2);
  // Newest first: the card still dated today is the new capture.
  const undated = detail.getByRole('article').filter({ hasNot: page.getByText('Q1 2026', { exact: true }) });
  await setEvidenceDate(undated, '2026-06-15', 'Q2 2026');

  await views.getByRole('link', { name: 'Coverage' }).click();
  const row = page.getByRole('region', { name: /^Quarterly/ }).locator('tr[data-control="AC-01"]');
  await row.scrollIntoViewIfNeeded();
  await expect(row.locator('a[data-status]')).toHaveText([
    'Collected 1 item',
    'Collected 1 item',
    emptyStatus('2026-10-01T00:00:00Z'),
    emptyStatus('2027-01-01T00:00:00Z'),
  ]);
  // Every other quarterly control has no cell filled.
  const others = page.getByRole('region', { name: /^Quarterly/ }).locator('tr[data-control]:not([data-control="AC-01"]) a[data-status="collected"]');
  await expect(others).toHaveCount(0);

  await views.getByRole('link', { name: 'Request list' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'PBC-1' })).toContainText('Provided');
  await expect(page.getByRole('row').filter({ hasText: 'PBC-2' })).toContainText('Not started');
});
