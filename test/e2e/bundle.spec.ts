import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyBundle } from '../../electron/main/bundle/verify';
import { paintRootPattern } from '../support/display';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';

test('a manager exports a signed bundle, cancels one export midway, and a fresh installation imports it whole', async ({ app }) => {
  // It stores 320 MiB, exports, verifies it twice (CLI and VERIFY.html) and imports it again.
  test.setTimeout(300_000);
  // A fresh Xvfb screen is black, and a black capture is refused: paint something to capture.
  paintRootPattern();
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'bundle-e2e-'));

  // A reviewer identity: the bag is signed with its key.
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  const fingerprint = (await page.getByTestId('key-fingerprint').textContent()) ?? '';
  expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await page.getByRole('link', { name: 'All audits' }).click();

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('FY2026 bundle');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');

  // A real capture, a small file, and a large one so that an export takes long enough to cancel.
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  // Straight from the editor: Enter saves the capture as it is, stamped.
  await page.getByRole('dialog', { name: 'Edit capture' }).press('Enter');
  await expect(detail.getByRole('article')).toHaveCount(1);
  const csv = join(dir, 'okta-users.csv');
  await writeFile(csv, 'user,role\nalice,admin\n');
  const big = join(dir, 'siem-export.zip');
  await writeFile(big, randomBytes(320 * 1024 * 1024));
  app.bridge.answerFileDialog([csv, big]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(3, { timeout: 60_000 });

  // Approve the CSV in the review queue, so the bundle carries a sign-off.
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Review' }).click();
  await page.getByRole('article', { name: 'Preview' }).or(page.getByRole('heading', { name: 'Review queue' })).first().waitFor();
  await page.getByRole('region', { name: 'Items waiting for review' }).getByText('okta-users.csv').click();
  await page.getByRole('form', { name: 'Decision' }).getByRole('button', { name: /Approve/ }).click();
  await expect(page.getByText(/1 approved/)).toBeVisible();

  // Export, and cancel midway: nothing is left behind.
  await page.getByRole('link', { name: 'Export bundle' }).click();
  const out = join(dir, 'out');
  execFileSync('mkdir', ['-p', out]);
  const cancelled = join(out, 'cancelled.zip');
  app.bridge.answerSaveDialog(cancelled);
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(page.getByRole('status').locator('progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The export was cancelled. No file was written.')).toBeVisible();
  expect(await readdir(out)).toEqual([]);

  // Export again, to the end.
  const target = join(out, 'acme-fy2026.zip');
  app.bridge.answerSaveDialog(target);
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('bundle-path')).toHaveText(target);
  const shownHash = (await page.locator('.export-done').getByTestId('sha256').textContent()) ?? '';
  expect(execFileSync('sha256sum', [target], { encoding: 'utf8' }).split(' ')[0]).toBe(shownHash);
  await app.snap('80-export-done');
  await page.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => app.bridge.revealed).toEqual([target]);
  expect(await readdir(out)).toEqual(['acme-fy2026.zip']);

  const { report } = await verifyBundle(target);
  expect(report.problems).toEqual([]);
  expect(report.verdict).toBe('unconfirmed');

  // The bag's own VERIFY.html, in the browser, passes it once told whose key to expect.
  const unzipped = join(dir, 'unzipped');
  execFileSync('unzip', ['-q', target, '-d', unzipped]);
  const [bagName] = await readdir(unzipped);
  const verifier = await page.context().newPage();
  await verifier.goto(pathToFileURL(join(unzipped, bagName ?? '', 'data', 'VERIFY.html')).href);
  await verifier.getByLabel('Who should have signed?').fill(fingerprint);
  await verifier.getByLabel('Choose the unzipped bundle folder').setInputFiles(join(unzipped, bagName ?? ''));
  await expect(verifier.locator('.verdict-word')).toHaveText('PASS', { timeout: 90_000 });
  await verifier.close();

  // A fresh installation (its own profile and store) imports it.
  const fresh = await app.launchFresh();
  await fresh.page.getByRole('link', { name: 'Import bundle…' }).click();
  fresh.bridge.answerImportDialog(target);
  await fresh.page.getByRole('button', { name: 'Choose a bundle…' }).click();
  await expect(fresh.page.getByText('valid, signer not confirmed', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(fresh.page.getByText(/— a new audit here$/)).toBeVisible();
  // Its key is unknown here: it is compared with its owner and confirmed before anything is imported.
  await expect(fresh.page.getByRole('button', { name: 'Import 3 items' })).toBeDisabled();
  await expect(fresh.page.getByText('Signed by an unknown key.')).toBeVisible();
  await expect(fresh.page.getByTestId('key-fingerprint')).toHaveText(fingerprint);
  await app.snap('81-import-confirm-key', fresh.page);
  const confirm = fresh.page.getByRole('form', { name: 'Confirm this key' });
  await confirm.getByLabel('Whose key is it?').fill('Dana Reviewer');
  await confirm.getByLabel('Role').fill('IT Manager');
  await confirm.getByLabel('I compared this fingerprint with them').check();
  await confirm.getByRole('button', { name: 'Confirm key and add to keyring' }).click();
  await expect(fresh.page.getByText('a key in your keyring')).toBeVisible();
  await fresh.page.getByRole('button', { name: 'Import 3 items' }).click();
  await expect(fresh.page.getByRole('heading', { name: 'Imported' })).toBeVisible({ timeout: 60_000 });
  await fresh.page.getByRole('link', { name: /Open FY2026 bundle/ }).click();

  await fresh.page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const imported = fresh.page.locator('section.detail');
  await expect(imported.getByRole('article')).toHaveCount(3);
  await expect(imported.getByRole('article', { name: 'okta-users.csv' }).getByTestId('review-status')).toHaveText(/Approved/);
  for (const card of await imported.getByRole('article').all()) {
    await openDetails(card);
    const sha = (await card.getByTestId('sha256').first().textContent()) ?? '';
    expect(execFileSync('sha256sum', [fresh.bridge.store.pathOf(sha)], { encoding: 'utf8' }).split(' ')[0]).toBe(sha);
  }

  // The trail came along, chain intact, and records the import.
  await fresh.page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(fresh.page.getByText(/Chain intact/)).toBeVisible();
  await expect(fresh.page.getByRole('row').filter({ hasText: 'import' }).first()).toBeVisible();
  await app.snap('82-imported-trail', fresh.page);

  // Importing the same bundle again adds nothing (the fresh installation has its own origin).
  await fresh.page.goto(new URL('/index.html#/import', fresh.page.url()).href);
  fresh.bridge.answerImportDialog(target);
  await fresh.page.getByRole('button', { name: 'Choose a bundle…' }).click();
  await expect(fresh.page.getByText('3 same item, 0 same bytes')).toBeVisible();
  await expect(fresh.page.getByRole('button', { name: 'Import 0 items' })).toBeVisible();
});

test('on first run the app offers the built-in sample audit, verified and imported like any bundle', async ({ app }) => {
  const page = app.page;
  // The welcome offers it (issue #16).
  await expect(page.getByRole('heading', { name: 'Welcome to Evidence Locker' })).toBeVisible();
  await page.getByRole('link', { name: 'Explore a sample audit' }).click();
  await page.getByRole('button', { name: 'Use the built-in sample audit' }).click();
  await expect(page.getByText('valid, signer not confirmed', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('PASS Sign-offs: All 5 sign-offs verify; 5 items approved and 0 rejected by a current sign-off.')).toBeVisible();
  await expect(page.getByText(/key this app made just now for its fictional reviewer/)).toBeVisible();
  await page.getByRole('button', { name: 'Import 6 items' }).click();
  await page.getByRole('link', { name: /Open SOC 2 Type II FY2026/ }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II FY2026' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByRole('article')).toHaveCount(3);
  await expect(detail.getByRole('article', { name: 'okta-users-2026Q1.csv' }).getByTestId('review-status')).toHaveText(/Approved/);
  await page.getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: /Run/ }).click();
  await expect(page.getByText(/All 6 items verified/)).toBeVisible({ timeout: 30_000 });
  await app.snap('83-sample-integrity');
});

test('an import whose rows cannot be written takes its files back out of the store and says so', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  const storedBlobs = async (): Promise<number> =>
    (await readdir(join(app.bridge.store.root, 'sha256'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).length;
  await page.goto(`${app.origin}/index.html#/import`);
  await page.getByRole('button', { name: 'Use the built-in sample audit' }).click();
  await expect(page.getByText('valid, signer not confirmed', { exact: true })).toBeVisible({ timeout: 60_000 });

  // Between the preview and the import, an item with the same id appears (as from a second
  // window): writing the rows fails, after main has already copied the files.
  const itemId = '6f1d2c3b-0000-4000-8000-e00000000001';
  // Raw IndexedDB in the page, beside the app's own Dexie connection (a script string: the
  // test's TypeScript knows Node, not the DOM).
  const putItem = (id: string, remove: boolean): Promise<void> =>
    page.evaluate(`new Promise((resolve, reject) => {
      const opened = indexedDB.open('evidence-locker');
      opened.onerror = () => reject(opened.error);
      opened.onsuccess = () => {
        const tx = opened.result.transaction('evidence', 'readwrite');
        const evidence = tx.objectStore('evidence');
        if (${JSON.stringify(remove)}) evidence.delete(${JSON.stringify(id)});
        else evidence.put({ id: ${JSON.stringify(id)}, auditId: 'elsewhere', controlIds: [], sha256: '0'.repeat(64), capturedAt: '2026-01-01T00:00:00.000Z' });
        tx.oncomplete = () => { opened.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    })`);
  await putItem(itemId, false);
  await page.getByRole('button', { name: 'Import 6 items' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'The import stopped and nothing was added' });
  await expect(banner).toContainText(/The import stopped and nothing was added: .+\. The \d+ file\(s\) it had copied were removed again\./);
  await app.snap('84-import-rows-failed');
  expect(await storedBlobs()).toBe(0);

  // Once the conflict is gone, the same preview imports.
  await putItem(itemId, true);
  await page.getByRole('button', { name: 'Import 6 items' }).click();
  await expect(page.getByRole('link', { name: /Open SOC 2 Type II FY2026/ })).toBeVisible({ timeout: 60_000 });
  expect(await storedBlobs()).toBeGreaterThan(6);
});

test('the export screen plans the bundle in its worker, and a failure there is said on the screen instead of planning forever', async ({ app }) => {
  const page = app.page;
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('FY2026 worker');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('link', { name: 'Export bundle' }).click();
  const exportButton = page.getByRole('button', { name: 'Export bundle…' });
  await expect(exportButton).toBeEnabled();
  const planners: string[] = [];
  page.on('worker', (worker) => {
    if (/planExport\.worker/.test(worker.url())) planners.push(worker.url());
  });
  const saveDialogs = (): number => app.bridge.electron.dialog.asked.filter((a) => a.kind === 'save').length;
  const alert = page.getByRole('alert');

  // The planning worker breaks as it loads: had the screen planned in the page instead, it would
  // have gone on to the save dialog.
  const workerScript = /\/planExport\.worker[^/]*\.js$/;
  await page.route(workerScript, (route) => route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("the planner broke");' }));
  await exportButton.click();
  await expect(alert).toContainText('The bundle could not be planned:');
  await expect(alert).toContainText('the planner broke');
  await expect(alert).toContainText('Nothing was exported.');
  await expect(exportButton).toBeEnabled();
  expect(planners).toHaveLength(1);
  expect(saveDialogs()).toBe(0);
  await app.snap('85-export-worker-failed');
  await page.unroute(workerScript);

  // The real worker plans, the page signs, and main asks where to save (cancelled here).
  app.bridge.answerSaveDialog(null);
  await exportButton.click();
  await expect(page.getByText('The export was cancelled. No file was written.')).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(planners).toHaveLength(2);
  expect(saveDialogs()).toBe(1);

  // A failure inside the worker's planning: the audit is gone from the database under the open
  // screen (raw IndexedDB, which the app's own connection does not hear about).
  const auditId = /#\/audits\/([^/]+)\//.exec(page.url())?.[1] ?? '';
  expect(auditId).not.toBe('');
  await page.evaluate(`new Promise((resolve, reject) => {
    const opened = indexedDB.open('evidence-locker');
    opened.onerror = () => reject(opened.error);
    opened.onsuccess = () => {
      const tx = opened.result.transaction('audits', 'readwrite');
      tx.objectStore('audits').delete(${JSON.stringify(auditId)});
      tx.oncomplete = () => { opened.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  })`);
  await exportButton.click();
  await expect(alert).toContainText('This audit no longer exists.');
  await expect(exportButton).toBeEnabled();
  expect(planners).toHaveLength(3);
  expect(saveDialogs()).toBe(1);
});
