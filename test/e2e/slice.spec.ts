import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP_META } from '../../shared/security/csp';
import { paintRoot, requireDisplay } from '../support/display';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';

test('an IT admin creates an audit, captures and attaches evidence to a control, and finds it after a restart', async ({ app }) => {
  requireDisplay();
  paintRoot('#2a6f97');
  let page = app.page;

  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);
  // A fresh installation opens on the first-run welcome (issue #16); firstRun.spec.ts covers it.
  await expect(page.getByRole('heading', { name: 'Welcome to Evidence Locker' })).toBeVisible();
  await app.snap('01-audit-list-empty');

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await expect(page.getByRole('heading', { name: 'New audit' })).toBeVisible();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByText('Give the audit a name')).toBeVisible();

  await page.getByLabel('Audit name').fill('SOC 2 Type II FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud <b>Inc.</b>');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel('Time zone of the organization').selectOption('America/New_York');
  await app.snap('02-new-audit-form');
  await page.getByRole('button', { name: 'Create audit' }).click();

  await expect(page.getByRole('heading', { name: 'SOC 2 Type II FY2026' })).toBeVisible();
  // Typed markup is shown as text, never interpreted.
  await expect(page.getByText('Acme Cloud <b>Inc.</b>')).toBeVisible();
  await expect(page.getByText('Type II 2026-01-01 to 2026-12-31')).toBeVisible();
  // A new audit opens on its Scope step; evidence is collected in Fieldwork.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  expect(await checklist.getByRole('link').count()).toBeGreaterThanOrEqual(30);
  await app.snap('03-checklist');

  await checklist.getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByRole('heading', { name: /access review/i })).toBeVisible();
  await expect(detail.getByText('No evidence yet')).toBeVisible();

  // A real capture of the Xvfb screen.
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  // Straight from the editor: Enter saves the capture as it is, stamped.
  await page.getByRole('dialog', { name: 'Edit capture' }).press('Enter');
  const shotCard = detail.getByRole('article').filter({ hasText: 'Screenshot' });
  await expect(shotCard).toHaveCount(1);
  await expect(shotCard.getByRole('img', { name: /Preview of/ })).toBeVisible();
  await openDetails(shotCard);
  await expect(shotCard.getByText(/bytes\) · \d+ × \d+ px/)).toBeVisible();

  // A real file, read by main through the dialog's answer.
  const dir = await mkdtemp(join(tmpdir(), 'evidence-upload-'));
  const csvPath = join(dir, 'okta-users-2026Q1.csv');
  await writeFile(csvPath, 'user,role,last_login\nalice,admin,2026-03-01\nbob,viewer,2026-02-11\n');
  app.bridge.answerFileDialog([csvPath]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  const fileCard = detail.getByRole('article', { name: 'okta-users-2026Q1.csv' });
  await expect(fileCard).toBeVisible();
  await openDetails(fileCard);
  await expect(fileCard.getByText(csvPath)).toBeVisible();

  const system = execFileSync('hostname', { encoding: 'utf8' }).trim();
  await expect(shotCard.getByText(new RegExp(`on ${system}$`))).toBeVisible();
  await expect(shotCard.getByTestId('captured-utc')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await app.snap('04-control-with-evidence');

  // What the screen shows is what sha256sum computes over the stored files.
  for (const card of [shotCard, fileCard]) {
    const shown = (await card.getByTestId('sha256').textContent()) ?? '';
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    const [computed] = execFileSync('sha256sum', [app.bridge.store.pathOf(shown)], { encoding: 'utf8' }).split(/\s+/);
    expect(computed).toBe(shown);
  }
  const [csvHash] = execFileSync('sha256sum', [csvPath], { encoding: 'utf8' }).split(/\s+/);
  await expect(fileCard.getByTestId('sha256')).toHaveText(csvHash ?? 'missing');

  await expect(checklist.getByRole('link', { name: /AC-01/ })).toContainText('2 evidence');
  await expect(page.getByText('1 / ', { exact: false })).toBeVisible();

  await page.reload();
  await expect(page.locator('section.detail').getByRole('article')).toHaveCount(2);

  // A restart opens where the user left off: the control (issue #16); the list shows the audit.
  page = await app.restart();
  const afterRestart = page.locator('section.detail');
  await expect(afterRestart.getByRole('heading', { name: /access review/i })).toBeVisible();
  await page.getByRole('link', { name: 'Evidence Locker' }).click();
  await expect(page.getByRole('link', { name: /^SOC 2 Type II FY2026/ })).toContainText('2 evidence items');
  await app.snap('05-audit-list');
  await page.getByRole('link', { name: /^SOC 2 Type II FY2026/ }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  await expect(afterRestart.getByRole('article')).toHaveCount(2);
  await openDetails(afterRestart.getByRole('article', { name: 'okta-users-2026Q1.csv' }));
  await expect(afterRestart.getByRole('article', { name: 'okta-users-2026Q1.csv' }).getByTestId('sha256')).toHaveText(csvHash ?? 'missing');
});
