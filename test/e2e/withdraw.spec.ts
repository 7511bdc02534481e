import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Issue #13: a wrongly attached file is withdrawn with a reason. It leaves every count, coverage,
 * the review queue and the bundle, stays in the trail and on screen as withdrawn; the withdrawal
 * can be undone until its bytes are purged, and purging removes them from the store.
 */
test('a wrongly attached, approved file is withdrawn with a reason, counted nowhere, left out of the bundle, undone, withdrawn again and purged', async ({ app }) => {
  test.setTimeout(150_000);
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'withdraw-'));
  const secret = 'root:hunter2\nadmin:correct-horse\n';
  const files = { users: join(dir, 'okta-users-2026Q4.csv'), secret: join(dir, 'passwords-DO-NOT-SHARE.txt') };
  await writeFile(files.users, 'user,role\nalice,admin\n');
  await writeFile(files.secret, secret);

  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();
  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Withdraw FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByRole('button', { name: 'Create audit' }).click();

  const steps = page.getByRole('navigation', { name: 'Audit steps' });
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  const detail = page.locator('section.detail');
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  app.bridge.answerFileDialog([files.users, files.secret]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);

  // Both approved, before anyone notices what the second one is.
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('2 items waiting')).toBeVisible();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('a');
  await expect(page.getByText('0 items waiting · 2 approved · 0 rejected')).toBeVisible();

  // Withdraw: a reason is required.
  await views.getByRole('link', { name: 'Controls' }).click();
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  const wrong = detail.getByRole('article', { name: 'passwords-DO-NOT-SHARE.txt' });
  await expect(wrong.getByTestId('review-status')).toContainText('Approved');
  await openDetails(wrong);
  await wrong.getByRole('button', { name: 'Withdraw this item…' }).click();
  const form = wrong.getByRole('form', { name: 'Withdraw this item' });
  await form.getByRole('button', { name: 'Withdraw item' }).click();
  await expect(form.getByRole('alert')).toHaveText('Say why the item is withdrawn: the audit trail keeps the reason.');
  await form.getByLabel('Why is it withdrawn?').fill('Attached by mistake: it holds credentials.');
  await form.getByRole('button', { name: 'Withdraw item' }).click();

  // Shown as withdrawn where it is looked at, and counted nowhere.
  await expect(wrong.getByTestId('withdrawn-badge')).toHaveText('Withdrawn');
  await expect(wrong.getByRole('note', { name: 'Withdrawn' })).toContainText('Attached by mistake: it holds credentials.');
  await expect(wrong.getByTestId('review-status')).toHaveCount(0);
  await expect(detail.getByRole('heading', { name: /Evidence/ })).toHaveText('Evidence (1, and 1 withdrawn)');
  await expect(checklist.getByRole('link', { name: /AC-01/ })).toContainText('1 evidence');
  await expect(page.locator('.audit-stats')).toContainText('1 / ');
  await snapAtWidths(app, '98-withdrawn-item');

  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('0 items waiting · 1 approved · 0 rejected')).toBeVisible();
  await views.getByRole('link', { name: 'Coverage' }).click();
  // Rows are drawn near the viewport only (issue #12).
  await page.locator('tr[data-control="AC-01"]').scrollIntoViewIfNeeded();
  await expect(page.locator('tr[data-control="AC-01"] a.cov-link').filter({ hasText: /1 item/ })).toHaveCount(1);
  await views.getByRole('link', { name: 'All evidence' }).click();
  await expect(page.locator('.eb-count')).toHaveText(/^1 of 1 items? · 1 withdrawn item hidden$/);
  await expect(page.getByText('passwords-DO-NOT-SHARE.txt')).toHaveCount(0);
  // Not silently gone: asked for, it is listed as withdrawn, with its reason.
  await page.getByLabel('Show withdrawn items').check();
  await expect(page.locator('tr.eb-row', { hasText: 'passwords-DO-NOT-SHARE.txt' })).toContainText('Withdrawn: Attached by mistake: it holds credentials.');

  // The trail keeps it: who, when, why.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByLabel('Search').fill('withdrawn');
  await expect(page.locator('.trail-table tbody tr').filter({ hasText: 'Withdrawn: "Attached by mistake: it holds credentials."' })).toHaveCount(1);

  // The bundle: not in manifest, index, CSV or data/; the trail in it records the withdrawal.
  await page.getByRole('link', { name: 'Export bundle' }).click();
  const target = join(dir, 'withdrawn.zip');
  app.bridge.answerSaveDialog(target);
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible({ timeout: 60_000 });
  expect(execFileSync('unzip', ['-Z1', target], { encoding: 'utf8' })).not.toContain('passwords');
  const unzipped = join(dir, 'unzipped');
  execFileSync('unzip', ['-q', target, '-d', unzipped]);
  const [bagName] = await readdir(unzipped);
  const data = join(unzipped, bagName ?? '', 'data');
  for (const file of ['manifest.json', 'index.html', 'evidence.csv']) expect(await readFile(join(data, file), 'utf8')).not.toContain('passwords-DO-NOT-SHARE');
  const manifest = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as { evidence: unknown[]; signoffs: unknown[]; partial: boolean };
  expect(manifest).toMatchObject({ partial: false });
  expect([manifest.evidence.length, manifest.signoffs.length]).toEqual([1, 1]);
  expect(await readFile(join(data, 'audit-log.jsonl'), 'utf8')).toContain('"reason":"Attached by mistake: it holds credentials."');
  expect(execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: join(unzipped, bagName ?? ''), encoding: 'utf8' })).not.toContain('FAILED');

  // Undone (logged), it counts again, approval and all; withdrawn again, its bytes are purged.
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await views.getByRole('link', { name: 'Controls' }).click();
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  await openDetails(wrong);
  await wrong.getByRole('button', { name: 'Undo withdrawal' }).click();
  await expect(wrong.getByTestId('review-status')).toContainText('Approved');
  await expect(checklist.getByRole('link', { name: /AC-01/ })).toContainText('2 evidence');
  await wrong.getByRole('button', { name: 'Withdraw this item…' }).click();
  await form.getByLabel('Why is it withdrawn?').fill('Holds credentials; purge it.');
  await form.getByRole('button', { name: 'Withdraw item' }).click();
  await expect(wrong.getByTestId('withdrawn-badge')).toBeVisible();
  expect(await app.bridge.store.has(sha(secret))).toBe(true);
  await wrong.getByRole('button', { name: 'Purge stored bytes…' }).click();
  await wrong.getByRole('group', { name: 'Purge stored bytes' }).getByRole('button', { name: 'Purge bytes' }).click();
  await expect(wrong.getByRole('status')).toHaveText(/^Purged 1 stored file \(\d+ B\) from this computer\.$/);
  await expect(wrong.getByRole('note', { name: 'Withdrawn' })).toContainText('Its stored bytes were purged by');
  await expect(wrong.getByRole('button', { name: 'Undo withdrawal' })).toHaveCount(0);
  expect(await app.bridge.store.has(sha(secret))).toBe(false);
  expect(await app.bridge.store.has(sha('user,role\nalice,admin\n'))).toBe(true);
  await snapAtWidths(app, '99-withdrawn-purged');

  // Nothing about it breaks the audit's own check.
  await page.getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: 'Run integrity check' }).click();
  await expect(page.getByTestId('integrity-summary')).toHaveText('All 2 items verified');
});
