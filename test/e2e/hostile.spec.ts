import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visibleName } from '../../shared/files/visibleName';
import { HOSTILE_NAMES } from '../support/hostileNames';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';

const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

test('markup and hidden characters in typed fields and file names are shown as text, never run', async ({ app }) => {
  const page = app.page;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill(`Audit ${MARKUP}`);
  await page.getByLabel('Organization', { exact: true }).fill(`Org ${MARKUP}`);
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: `Audit ${MARKUP}` })).toBeVisible();
  await expect(page.getByText(`Org ${MARKUP}`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const dir = await mkdtemp(join(tmpdir(), 'hostile-e2e-'));
  const paths: string[] = [];
  for (const [i, name] of HOSTILE_NAMES.entries()) {
    const path = join(dir, name);
    await writeFile(path, `item ${i}\n`);
    paths.push(path);
  }
  app.bridge.answerFileDialog(paths);
  await page.getByRole('button', { name: 'Attach files…' }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByRole('article')).toHaveCount(HOSTILE_NAMES.length);

  for (const name of HOSTILE_NAMES) {
    // Each row's button (a compact row since issue #13, no longer a card with a heading) shows the
    // name literally, with hidden characters as visible ⟨U+XXXX⟩ marks.
    await expect(detail.getByRole('button', { name: visibleName(name), exact: true })).toHaveCount(1);
  }
  await expect(detail.getByText('invoice⟨U+202E⟩gnp.exe', { exact: true })).toBeVisible();
  await app.snap('06-hostile-names');

  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('section.detail img[src="x"], section.detail script, section.detail svg').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('markup typed into every other kind of field stays text on every screen that shows it', async ({ app }) => {
  const page = app.page;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const pwned = async (): Promise<unknown> => page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);
  const injected = (): Promise<number> => page.locator('img[src="x"], script:not([src]), svg[onload], [onerror]').count();

  // Reviewer identity.
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill(`Dana ${MARKUP}`);
  await page.getByLabel('Role').fill(`Manager ${MARKUP}`);
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await expect(page.getByLabel('Your name')).toHaveValue(`Dana ${MARKUP}`);

  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Typed fields');
  await page.getByLabel('Organization', { exact: true }).fill('Acme');
  await page.getByRole('button', { name: 'Create audit' }).click();

  // Scope: a system and a control typed by hand.
  const systems = page.getByRole('region', { name: 'Systems in scope' });
  await systems.getByLabel('System name').fill(`Okta ${MARKUP}`.slice(0, 100));
  await systems.getByRole('button', { name: 'Add system' }).click();
  await expect(systems.getByText(`Okta ${MARKUP}`.slice(0, 100))).toBeVisible();
  await page.getByRole('button', { name: 'Add control' }).click();
  const editor = page.getByRole('dialog', { name: 'Add a control' });
  await editor.getByLabel('Ref').fill('X-01');
  await editor.getByLabel('Title').fill(`Title ${MARKUP}`);
  await editor.getByLabel('Description').fill(`Description ${MARKUP}`);
  await editor.getByLabel('Owner').fill(`Owner ${MARKUP}`);
  await editor.getByLabel('Search criteria').fill('cc6');
  await editor.getByRole('checkbox', { name: /^CC6\.4 / }).check();
  await editor.getByRole('button', { name: 'Add control' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'X-01' })).toContainText(`Title ${MARKUP}`);

  // Fieldwork: evidence notes on that control.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /X-01/ }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByText(`Description ${MARKUP}`)).toBeVisible();
  const dir = await mkdtemp(join(tmpdir(), 'typed-'));
  await writeFile(join(dir, 'badges.csv'), 'badge,holder\n1,alice\n');
  app.bridge.answerFileDialog([join(dir, 'badges.csv')]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  const card = detail.getByRole('article', { name: 'badges.csv' });
  await openDetails(card);
  await card.getByLabel('Notes').fill(`Notes ${MARKUP}`);
  await card.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'All evidence' }).click();
  await expect(page.getByText(`Notes ${MARKUP}`)).toBeVisible();

  // Remediation task and report exception.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Remediation' }).click();
  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Title').fill(`Task ${MARKUP}`);
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(page.getByRole('table').getByText(`Task ${MARKUP}`)).toBeVisible();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Report' }).click();
  await page.getByRole('button', { name: 'Add exception' }).click();
  const exception = page.getByRole('form', { name: 'Add an exception' });
  await exception.getByLabel("Auditor's description").fill(`Exception ${MARKUP}`);
  await exception.getByLabel("Management's response").fill(`Response ${MARKUP}`);
  await exception.getByRole('button', { name: 'Add exception' }).click();
  await expect(page.getByText(`Exception ${MARKUP}`)).toBeVisible();
  await expect(page.getByText(`Response ${MARKUP}`)).toBeVisible();

  // The review queue shows the reviewer's name; the trail shows every change, as text.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText(`Dana ${MARKUP}`).first()).toBeVisible();
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByText(/Chain intact/)).toBeVisible();

  expect(await pwned()).toBeUndefined();
  expect(await injected()).toBe(0);
  expect(dialogs).toEqual([]);
});
