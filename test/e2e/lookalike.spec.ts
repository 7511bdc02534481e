import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

async function newAudit(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill(name);
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud Inc.');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'Controls' })).toBeVisible();
}

test('look-alike refs are refused in the control editor and in CSV import, naming the character', async ({ app }) => {
  const page = app.page;
  await newAudit(page, 'Look-alike refs');

  await page.getByRole('button', { name: 'Add control' }).click();
  const editor = page.getByRole('dialog', { name: 'Add a control' });
  await editor.getByLabel('Title').fill('A second access review');
  const ref = editor.getByLabel('Ref');
  const tryRef = async (value: string): Promise<void> => {
    await ref.fill(value);
    await editor.getByRole('button', { name: 'Add control' }).click();
  };

  // A Cyrillic А, a non-breaking hyphen, a letter O: each reads as AC-01, which the starter set has.
  await tryRef('\u0410C-01');
  await expect(editor.getByText(/This ref looks the same as "AC-01", which another control uses: it has "А" \(U\+0410, Cyrillic\) where "AC-01" has "A" \(U\+0041, Latin\)/)).toBeVisible();
  await tryRef('AC\u201101');
  await expect(editor.getByText(/it has "‑" \(U\+2011\) where "AC-01" has "-" \(U\+002D\)/)).toBeVisible();
  await tryRef('AC-O1');
  await expect(editor.getByText(/it has "O" \(U\+004F, Latin\) where "AC-01" has "0" \(U\+0030\)/)).toBeVisible();
  // Invisible characters are refused outright, by name.
  await tryRef('AC\u200B-01');
  await expect(editor.getByText(/It contains invisible character: U\+200B ZERO WIDTH SPACE/)).toBeVisible();
  await tryRef('\u202EAC-01');
  await expect(editor.getByText(/U\+202E RIGHT-TO-LEFT OVERRIDE \(a bidi control\)/)).toBeVisible();
  await snapAtWidths(app, '13-lookalike-editor');
  await editor.getByRole('button', { name: 'Cancel' }).click();

  // The same spellings in a CSV file: every one is refused, the honest row imports.
  const dir = await mkdtemp(join(tmpdir(), 'lookalike-'));
  const csvPath = join(dir, 'controls.csv');
  await writeFile(
    csvPath,
    [
      'Ref,Title,Frequency,Criteria',
      '\u0410C-01,Cyrillic A,quarterly,CC6.2',
      'AC\u200B-01,Zero-width space,quarterly,CC6.2',
      'AC\u201101,Non-breaking hyphen,quarterly,CC6.2',
      '\u202EAC-01,Bidi override,quarterly,CC6.2',
      'AC-99,A real new control,quarterly,CC6.2',
    ].join('\r\n'),
    'utf8',
  );
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const importer = page.getByRole('region', { name: 'Import controls from CSV' });
  await importer.getByLabel('CSV file').setInputFiles(csvPath);
  const preview = importer.getByRole('table', { name: 'Import preview' });
  await expect(preview).toContainText('Line 2: Ref "АC-01" looks the same as "AC-01", already in this audit: it has "А" (U+0410, Cyrillic)');
  await expect(preview).toContainText('Line 3: Ref "AC⟨U+200B⟩-01": It contains invisible character: U+200B ZERO WIDTH SPACE');
  await expect(preview).toContainText('Line 4: Ref "AC‑01" looks the same as "AC-01", already in this audit: it has "‑" (U+2011)');
  await expect(preview).toContainText('Line 5: Ref "⟨U+202E⟩AC-01": It contains invisible character: U+202E RIGHT-TO-LEFT OVERRIDE');
  await expect(importer.getByText('4 rows with errors will be skipped.')).toBeVisible();
  await snapAtWidths(app, '14-lookalike-csv');
  await importer.getByRole('button', { name: 'Import 1 control' }).click();
  await expect(page.getByText('Imported 1 control from controls.csv.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Controls', exact: true });
  await expect(table.getByRole('cell', { name: 'AC-99', exact: true })).toBeVisible();
  await expect(table.getByText(/\u0410C-01|AC\u201101/)).toHaveCount(0);
});

test('a look-alike ref stored before these checks is flagged on the Scope step', async ({ app }) => {
  const page = app.page;
  await newAudit(page, 'Stored look-alikes');
  // Written straight into IndexedDB, as an older version of the app would have stored it. Typed
  // structurally: this file compiles under the Node lib, and the function runs in the page.
  await page.evaluate(async () => {
    interface Request<T> {
      result: T;
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    }
    interface Store {
      put(value: unknown): unknown;
      getAll(): Request<{ ref: string }[]>;
    }
    interface Database {
      transaction(store: string, mode: 'readwrite'): { objectStore(name: string): Store; oncomplete: (() => void) | null };
      close(): void;
    }
    const idb = (globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } }).indexedDB;
    const db = await new Promise<Database>((resolve, reject) => {
      const open = idb.open('evidence-locker');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error('could not open the database'));
    });
    const tx = db.transaction('controls', 'readwrite');
    const store = tx.objectStore('controls');
    const all = store.getAll();
    await new Promise<void>((resolve) => {
      all.onsuccess = () => {
        const original = all.result.find((c) => c.ref === 'AC-01');
        store.put({ ...original, id: crypto.randomUUID(), ref: '\u0410C-01', title: 'Imported long ago' });
      };
      tx.oncomplete = () => resolve();
    });
    db.close();
  });
  await page.reload();
  await expect(page.getByText('2 with a ref to check')).toBeVisible();
  const table = page.getByRole('table', { name: 'Controls', exact: true });
  await expect(table.getByText('Check ref')).toHaveCount(2);
  await expect(table.getByRole('row').filter({ hasText: 'Imported long ago' })).toContainText('Looks the same as "AC-01"');
  await snapAtWidths(app, '15-lookalike-flagged');
});
