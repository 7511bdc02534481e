import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visibleName } from '../../shared/files/visibleName';
import { HOSTILE_NAMES } from '../support/hostileNames';
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
    // The heading shows the name literally, with hidden characters as visible ⟨U+XXXX⟩ marks.
    await expect(detail.getByRole('heading', { name: visibleName(name), exact: true })).toHaveCount(1);
  }
  await expect(detail.getByText('invoice⟨U+202E⟩gnp.exe', { exact: true })).toBeVisible();
  await app.snap('06-hostile-names');

  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('section.detail img[src="x"], section.detail script, section.detail svg').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
