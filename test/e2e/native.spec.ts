import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { paintRoot, requireDisplay } from '../support/display';
import { expect, test, type AppHarness } from './fixtures';

/**
 * The app feels native (issue #16): the application menu main sets (clicked through the stand-in
 * Electron, its commands reaching the page as events), one sheet of keyboard shortcuts, the
 * frequent actions by key, the last audit and control reopened after a restart, and its own icon.
 */

function clickMenu(app: AppHarness, ...labels: string[]): void {
  const menu = app.bridge.electron.menu.application;
  if (!menu) throw new Error('main set no application menu');
  menu.click(app.bridge.electron.windows.at(-1), ...labels);
}

async function createAudit(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'New audit' })).toBeVisible();
  await page.getByLabel('Audit name').fill(name);
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Moves focus out of any field, so that one-key shortcuts apply (they never fire while typing). */
async function leaveFields(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
}

test('the menu opens screens and dialogs, the shortcut sheet lists every shortcut, and the page has its own icon', async ({ app }) => {
  const page = app.page;

  // The icon: the page names it and gets it (it used to ask for /favicon.ico and get a 404).
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
  const favicon = await page.evaluate(async () => {
    const response = await fetch('./favicon.svg');
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  });
  expect(favicon).toMatchObject({ status: 200, type: 'image/svg+xml' });
  expect(favicon.text).toContain('<title>Evidence Locker</title>');
  // Decoded: an image that failed to load has no natural size.
  expect(await page.locator('.brand-mark').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1024);
  expect(missing).toEqual([]);

  // Help › Keyboard Shortcuts: one sheet with every group; Esc closes it.
  clickMenu(app, 'Help', 'Keyboard Shortcuts');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const group of ['Anywhere', 'Controls (Fieldwork)', 'Review queue', 'Capture editor']) await expect(sheet.getByRole('region', { name: group })).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'Anywhere' })).toContainText('Ctrl+Shift+E');
  await expect(sheet.getByRole('region', { name: 'Anywhere' })).toContainText('New Audit');
  await expect(sheet.getByRole('region', { name: 'Controls (Fieldwork)' })).toContainText('next control');
  await expect(sheet.getByRole('region', { name: 'Review queue' })).toContainText('approve selected');
  await app.snap('90-shortcut-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // File › Export Bundle with no audit open says what to do instead of doing nothing.
  clickMenu(app, 'File', 'Export Bundle…');
  await expect(page.getByRole('alert')).toContainText('Open an audit first');
  await app.snap('91-export-without-audit');
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

  // File › New Audit…, then File › Export Bundle… exports the audit open now.
  clickMenu(app, 'File', 'New Audit…');
  await createAudit(page, 'SOC 2 menu audit');
  clickMenu(app, 'File', 'Export Bundle…');
  await expect(page.getByRole('heading', { name: 'Export the auditor bundle' })).toBeVisible();

  // Help › Verify a Bundle… opens main's dialog at once and shows the verdict, importing nothing.
  const dir = await mkdtemp(join(tmpdir(), 'menu-bundle-'));
  const bundle = join(dir, 'sample.zip');
  execFileSync(process.execPath, ['bin/evidence-locker.cjs', 'sample-bundle', bundle]);
  app.bridge.answerImportDialog(bundle);
  const asked = app.bridge.electron.dialog.asked.length;
  clickMenu(app, 'Help', 'Verify a Bundle…');
  await expect(page.getByRole('heading', { name: 'Import a bundle' })).toBeVisible();
  await expect(page.getByText('verified', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^PASS Sign-offs/)).toBeVisible();
  expect(app.bridge.electron.dialog.asked.slice(asked)).toMatchObject([{ kind: 'open', options: { title: 'Import an Evidence Locker bundle' } }]);
  await expect(page).toHaveURL(/#\/import$/);
  await app.snap('92-verify-from-menu');

  // File › Import Bundle… opens the dialog again from the same page; Cancel leaves everything as it was.
  app.bridge.answerImportDialog(null);
  clickMenu(app, 'File', 'Import Bundle…');
  await expect.poll(() => app.bridge.electron.dialog.asked.length).toBe(asked + 2);
  await expect(page.getByRole('button', { name: 'Choose a bundle…' })).toBeEnabled();
});

test('the keyboard flow: search, next control, capture, approve and reject by key; the app reopens on the last control', async ({ app }) => {
  requireDisplay();
  paintRoot('#2f6690');
  const page = app.page;

  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();
  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await createAudit(page, 'SOC 2 keyboard audit');
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  const detail = page.locator('section.detail');
  const current = checklist.locator('[aria-current="true"]');

  // "/" jumps to the control filter (the "/" is not typed into it).
  await leaveFields(page);
  await page.keyboard.press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter controls' });
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue('');
  await page.keyboard.type('CC6');
  const shown = await checklist.getByRole('link').allTextContents();
  expect(shown.length).toBeGreaterThanOrEqual(2);

  // j / k walk the list as filtered; keys typed in the filter stay text.
  await expect(filter).toHaveValue('CC6');
  await leaveFields(page);
  await page.keyboard.press('j');
  await expect(current).toHaveCount(1);
  const first = (await current.textContent()) ?? '';
  expect(first).toBe(shown[0]);
  await page.keyboard.press('j');
  await expect(current).toHaveText(shown[1] ?? '');
  await page.keyboard.press('k');
  await expect(current).toHaveText(first);
  await app.snap('93-next-control-by-key');

  // Back to the whole list; AC-01, then "c" captures the screen for it and Enter saves.
  await filter.fill('');
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  await detail.getByLabel('Delay').selectOption('0');
  await leaveFields(page);
  await page.keyboard.press('c');
  const editor = page.getByRole('dialog', { name: 'Edit capture' });
  await expect(editor).toBeVisible({ timeout: 15_000 });
  // Shortcuts of the page wait while the editor has the keyboard: "j" moves nothing.
  await page.keyboard.press('j');
  await expect(current).toContainText('AC-01');
  await editor.press('Enter');
  await expect(detail.getByRole('article')).toHaveCount(1);
  const dir = await mkdtemp(join(tmpdir(), 'keyboard-evidence-'));
  const csv = join(dir, 'okta-users.csv');
  await writeFile(csv, 'user,role\nalice,admin\n');
  app.bridge.answerFileDialog([csv]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);

  // The review queue by key: "a" approves the current item; "r", a comment, Ctrl+Enter rejects the next.
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  await expect(page.getByText(/2 items waiting · 0 approved/)).toBeVisible();
  await leaveFields(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  // While the sheet is open, "a" approves nothing.
  await page.keyboard.press('a');
  await page.keyboard.press('Escape');
  await expect(page.getByText(/2 items waiting · 0 approved/)).toBeVisible();
  await leaveFields(page);
  await page.keyboard.press('a');
  await expect(page.getByText(/1 item waiting · 1 approved · 0 rejected/)).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByRole('textbox', { name: /Comment/ })).toBeFocused();
  await page.keyboard.type('Show the admin role column.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/0 items waiting · 1 approved · 1 rejected/)).toBeVisible();
  await app.snap('94-reviewed-by-key');

  // The last control used is where the app opens after a restart.
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Controls' }).click();
  await checklist.getByRole('link', { name: /AC-02/ }).click();
  await expect(current).toContainText('AC-02');
  const restarted = await app.restart();
  await expect(restarted.getByRole('heading', { name: 'SOC 2 keyboard audit' })).toBeVisible();
  await expect(restarted.getByRole('navigation', { name: 'Controls' }).locator('[aria-current="true"]')).toContainText('AC-02');
  await expect(restarted).toHaveURL(/#\/audits\/[^/]+\/fieldwork\/controls\/[^/]+$/);
  await app.snap('95-reopened-on-last-control', restarted);
});
