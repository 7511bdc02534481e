import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

/**
 * Issue #13: Scope decides what exists. With Security only, the 13 starter controls of other
 * categories are out of scope, and they count on no other screen, nor in the bundle except in
 * its labelled "Excluded from scope" list.
 */
test('out-of-scope controls count nowhere but Scope and the bundle’s exclusion list; Maintain and Coverage agree on overdue', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'out-of-scope-'));

  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();
  await page.getByRole('link', { name: 'All audits' }).click();

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Scope FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel(/^All 45 starter controls/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.locator('.scope-summary')).toContainText('32 in scope · 13 out of scope');

  // Privacy in scope for a while: PRIV-04 gets a file, which stays when Privacy leaves scope.
  const categories = page.getByRole('region', { name: 'Trust Services Categories' });
  await categories.getByRole('checkbox', { name: /Privacy/ }).check();
  await expect(page.locator('.scope-summary')).toContainText('38 in scope · 7 out of scope');
  const steps = page.getByRole('navigation', { name: 'Audit steps' });
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /PRIV-04/ }).click();
  const file = join(dir, 'privacy-notice-review.csv');
  await writeFile(file, 'page,reviewed\nprivacy,yes\n');
  app.bridge.answerFileDialog([file]);
  await page.locator('section.detail').getByRole('button', { name: 'Attach files…' }).click();
  await expect(page.locator('section.detail').getByRole('article')).toHaveCount(1);
  await expect(page.locator('.audit-stats')).toContainText('1 / 38');

  await steps.getByRole('link', { name: 'Scope' }).click();
  await categories.getByRole('checkbox', { name: /Privacy/ }).uncheck();
  await expect(page.locator('.scope-summary')).toContainText('32 in scope · 13 out of scope');
  await snapAtWidths(app, '90-scope-out-of-scope');

  const outOfScope = ['PI-03', 'PRIV-04', 'AV-01', 'BC-01'];
  // The header and the Fieldwork list.
  await expect(page.locator('.audit-stats')).toContainText('0 / 32');
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  await expect(checklist.locator('a.checklist-item')).toHaveCount(32);
  for (const ref of outOfScope) await expect(checklist.getByRole('link', { name: new RegExp(ref) })).toHaveCount(0);

  // Readiness.
  await steps.getByRole('link', { name: 'Readiness' }).click();
  await expect(page.locator('.readiness-progress-text')).toContainText('0 of 32 controls ready');

  // Remediation: a new task cannot be raised against them.
  await steps.getByRole('link', { name: 'Remediation' }).click();
  await page.getByRole('button', { name: 'New task' }).click();
  const taskControl = page.getByRole('form', { name: 'New task' }).getByLabel('Control');
  await expect(taskControl.locator('option', { hasText: 'AC-01' })).toHaveCount(1);
  for (const ref of outOfScope) await expect(taskControl.locator('option', { hasText: ref })).toHaveCount(0);

  // Maintain: no out-of-scope control is due.
  await steps.getByRole('link', { name: 'Maintain' }).click();
  await expect(page.getByRole('heading', { name: 'Maintain' })).toBeVisible();
  await expect(page.locator('.schedule-row').first()).toBeVisible();
  for (const ref of outOfScope) await expect(page.locator('.schedule-row', { hasText: ref })).toHaveCount(0);
  for (const ref of outOfScope) await expect(page.locator('.overdue-row', { hasText: ref })).toHaveCount(0);
  const maintainOverdue = Number(await page.getByTestId('maintain-count-overdue').textContent());
  // 30 November: every slot that ended empty since January is overdue, on Maintain as on Coverage.
  expect(maintainOverdue).toBeGreaterThan(0);
  await snapAtWidths(app, '92-maintain-overdue');

  // Coverage: no row, no slot, no overdue for them.
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Coverage' }).click();
  await expect(page.getByRole('region', { name: 'Coverage summary' })).toBeVisible();
  await expect(page.locator('tr[data-control]').first()).toBeVisible();
  for (const ref of outOfScope) await expect(page.locator(`tr[data-control="${ref}"]`)).toHaveCount(0);
  const summary = page.getByRole('region', { name: 'Coverage summary' });
  await expect(summary.locator('[data-status="overdue"] dd')).toHaveText(String(maintainOverdue));
  await expect(summary).toContainText(/of due slots covered/);
  await snapAtWidths(app, '93-coverage-due');

  // All evidence: no filter offers them; the PRIV-04 file says its control is out of scope (not "retired").
  await views.getByRole('link', { name: 'All evidence' }).click();
  const controlFilter = page.getByRole('region', { name: 'All evidence' }).getByLabel('Control', { exact: true });
  for (const ref of outOfScope) await expect(controlFilter.locator('option', { hasText: ref })).toHaveCount(0);
  await expect(page.locator('tr.eb-row', { hasText: 'privacy-notice-review.csv' }).locator('.eb-control-retired')).toHaveText('PRIV-04 (out of scope)');

  // Review: the PRIV-04 file waits for no one.
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing waits for review' })).toBeVisible();
  await expect(page.getByText('privacy-notice-review.csv')).toHaveCount(0);

  // The bundle: index.html lists them apart and labelled; manifest.json marks them.
  await page.getByRole('link', { name: 'Export bundle' }).click();
  // Export picks among the 32 controls in scope.
  await expect(page.locator('.export-controls summary')).toHaveText('All 32 controls');
  const target = join(dir, 'scope.zip');
  app.bridge.answerSaveDialog(target);
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible({ timeout: 60_000 });
  const unzipped = join(dir, 'unzipped');
  execFileSync('unzip', ['-q', target, '-d', unzipped]);
  const [bagName] = await readdir(unzipped);
  const data = join(unzipped, bagName ?? '', 'data');

  const manifest = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as { controls: { ref: string; inScope: boolean; outOfScopeCategories: string[] }[] };
  expect(manifest.controls.filter((c) => !c.inScope)).toHaveLength(13);
  expect(manifest.controls.find((c) => c.ref === 'PRIV-04')).toMatchObject({ inScope: false, outOfScopeCategories: ['P'] });
  expect(manifest.controls.find((c) => c.ref === 'AC-01')).toMatchObject({ inScope: true, outOfScopeCategories: [] });

  const index = await page.context().newPage();
  await index.goto(pathToFileURL(join(data, 'index.html')).href);
  const overview = index.locator('section', { has: index.getByRole('heading', { name: 'Controls', exact: true }) });
  await expect(overview.locator('tbody tr')).toHaveCount(32);
  for (const ref of outOfScope) await expect(overview.getByText(ref, { exact: true })).toHaveCount(0);
  const excluded = index.locator('section.excluded');
  await expect(excluded.getByRole('heading', { name: 'Excluded from scope' })).toBeVisible();
  await expect(excluded.locator('thead + tbody tr')).toHaveCount(13);
  await expect(excluded.getByRole('row').filter({ hasText: 'PRIV-04' })).toContainText('Privacy not in scope');
  // Its file is still in the bag, and listed under the exclusion, not under Fieldwork.
  await expect(excluded.getByText('privacy-notice-review.csv').first()).toBeVisible();
  const fieldwork = index.locator('section.step', { has: index.getByRole('heading', { name: 'Fieldwork', level: 2 }) });
  await expect(fieldwork).toHaveCount(0);
  await excluded.scrollIntoViewIfNeeded();
  await snapAtWidths(app, '91-index-excluded', index);
  await index.close();
});
