import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { main } from '../../electron/cli/main';
import type { LogEntry } from '../../shared/domain/records';
import { BagEditor, makeAttacker } from '../support/corpus';
import { openDetails } from './evidenceRows';
import { expect, test, type AppHarness } from './fixtures';

/**
 * Trusting the signer, not just the signature (issue #11), and sign-offs that cover what was
 * decided (issue #13), as the people involved meet them: a manager hands the auditor a key
 * card; the auditor checks bundles against it with the command line and a VERIFY.html they
 * keep; a re-signed bundle is caught; a forged approval cannot be imported; an approved item
 * that is re-dated goes back to review.
 */

async function becomeReviewer(page: Page, name: string, role: string): Promise<string> {
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Role').fill(role);
  await page.getByRole('button', { name: 'Save and create key' }).click();
  const fingerprint = (await page.getByTestId('key-fingerprint').first().textContent()) ?? '';
  expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  return fingerprint;
}

/** A Type II audit over 2026 in UTC, opened on AC-01 in Fieldwork, with the files attached. */
async function auditWithFiles(app: AppHarness, name: string, files: Record<string, string>): Promise<void> {
  const page = app.page;
  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill(name);
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  const zone = page.getByLabel('Time zone of the organization');
  if ((await zone.locator('option[value="UTC"]').count()) > 0) await zone.selectOption('UTC');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const dir = await mkdtemp(join(tmpdir(), 'trust-files-'));
  const paths = Object.keys(files).map((file) => join(dir, file));
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  app.bridge.answerFileDialog(paths);
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(paths.length);
}

async function setEvidenceDate(page: Page, item: string, day: string, slot: string): Promise<void> {
  const card = page.locator('section.detail').getByRole('article', { name: item });
  await openDetails(card);
  await card.getByLabel('Evidence date').fill(day);
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(card.getByTestId('evidence-slot')).toHaveText(slot);
}

async function approveInQueue(page: Page, item: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await page.getByRole('region', { name: 'Items waiting for review' }).getByText(item).click();
  await page.getByRole('form', { name: 'Decision' }).getByRole('button', { name: /Approve/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved 1 item' })).toBeVisible();
}

async function exportBundle(app: AppHarness, target: string): Promise<void> {
  await app.page.getByRole('link', { name: 'Export bundle' }).click();
  app.bridge.answerSaveDialog(target);
  await app.page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(app.page.getByRole('heading', { name: 'Bundle written' })).toBeVisible({ timeout: 60_000 });
}

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(args, { write: (t) => void out.push(t) }, { write: (t) => void out.push(t) });
  return { code, out: out.join('') };
}

/** Unzips a bundle and returns its bag folder. */
async function unzip(zip: string, into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  execFileSync('unzip', ['-q', zip, '-d', into]);
  const [bag] = await readdir(into);
  return join(into, bag ?? '');
}

test('an auditor pins a key card, verifies a good bundle, and is warned on a re-signed one', async ({ app }) => {
  test.setTimeout(240_000);
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'trust-auditor-'));
  const fingerprint = await becomeReviewer(page, 'Dana Whitfield', 'IT Manager');

  // The manager saves a key card and hands it over at the start of the engagement.
  const card = join(dir, 'dana-key-card.html');
  app.bridge.answerKeyCardDialog(card);
  await page.getByRole('button', { name: 'Save key card…' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved ${card}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Keyring: whose sign-offs count here' })).toContainText(fingerprint);
  await app.snap('90-settings-keyring');
  const cardPage = await page.context().newPage();
  await cardPage.goto(pathToFileURL(card).href);
  await expect(cardPage.getByRole('heading', { level: 1 })).toHaveText('Dana Whitfield');
  await expect(cardPage.getByLabel(`Fingerprint ${fingerprint}`)).toBeVisible();
  await app.snap('91-key-card', cardPage);
  await cardPage.close();

  await auditWithFiles(app, 'FY2026 auditor', { 'okta-users.csv': 'user,role\nalice,admin\n' });
  await approveInQueue(page, 'okta-users.csv');
  const good = join(dir, 'fy2026.zip');
  await exportBundle(app, good);

  // The auditor's command line: PASS with the card; without it, never a plain PASS.
  const pass = await cli('verify', good, '--trust', card);
  expect(pass.code).toBe(0);
  expect(pass.out).toContain(`${fingerprint}  the bag, 1 decision(s)  confirmed: Dana Whitfield, IT Manager (key card dana-key-card.html)`);
  expect((await cli('verify', good)).code).toBe(3);

  // The auditor's own copy of VERIFY.html, given the card, passes the unzipped bundle.
  const myVerifier = join(dir, 'my-verify.html');
  expect((await cli('verifier-html', myVerifier)).code).toBe(0);
  const goodBag = await unzip(good, join(dir, 'good'));
  const verifier = await page.context().newPage();
  await verifier.goto(pathToFileURL(myVerifier).href);
  await verifier.getByLabel('Key cards').setInputFiles(card);
  await expect(verifier.locator('#trust-status')).toContainText(`Key card: Dana Whitfield (IT Manager): ${fingerprint}`);
  await verifier.getByLabel('Choose the unzipped bundle folder').setInputFiles(goodBag);
  await expect(verifier.locator('.verdict-word')).toHaveText('PASS', { timeout: 60_000 });
  await expect(verifier.locator('.signers')).toContainText(`${fingerprint} signed the bag and 1 decision(s): confirmed — Dana Whitfield, IT Manager`);

  // Someone edits bag-info.txt and re-signs the bag with a key of their own.
  const resignedBag = await unzip(good, join(dir, 'resigned'));
  const editor = new BagEditor(resignedBag, makeAttacker());
  await editor.write('bag-info.txt', (await editor.read('bag-info.txt')).replace('Source-Organization: Acme Cloud', 'Source-Organization: Acme Cloud (restated)'));
  await editor.resign();
  const resignedZip = join(dir, 'resigned.zip');
  execFileSync('zip', ['-q', '-r', '-X', resignedZip, '.'], { cwd: join(dir, 'resigned') });

  const warned = await cli('verify', resignedZip, '--trust', card);
  expect(warned.code).toBe(3);
  expect(warned.out).toMatch(/RESULT: VALID, SIGNER NOT CONFIRMED/);
  expect(warned.out).toContain(`${editor.attacker.fingerprint}  the bag  NOT CONFIRMED`);

  await verifier.getByLabel('Choose the unzipped bundle folder').setInputFiles(resignedBag);
  await expect(verifier.locator('.verdict-word')).toHaveText('VALID, SIGNER NOT CONFIRMED', { timeout: 60_000 });
  await expect(verifier.locator('.signers')).toContainText(`${editor.attacker.fingerprint} signed the bag: NOT CONFIRMED`);
  await app.snap('92-verify-resigned-warned', verifier);
  await verifier.close();
});

test('an import of a forged approval is refused: the bundle is signed by a key nobody confirmed', async ({ app }) => {
  test.setTimeout(240_000);
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'trust-forged-'));
  await becomeReviewer(page, 'Dana Whitfield', 'IT Manager');
  await auditWithFiles(app, 'FY2026 forged', { 'firewall-rules.csv': 'rule,action\n22,deny\n' });
  const genuine = join(dir, 'genuine.zip');
  await exportBundle(app, genuine);

  // Someone approves the pending item "as Dana Whitfield" with their own key, records it in the
  // trail, and re-signs the bag.
  const bag = await unzip(genuine, join(dir, 'forged'));
  const forger = new BagEditor(bag, makeAttacker());
  const last = (await forger.trail()).at(-1) as LogEntry;
  let itemId = '';
  await forger.manifest((m) => {
    const item = m.evidence[0] as Record<string, unknown>;
    itemId = String(item['id']);
    const forged = forger.signoffBy({
      v: 2,
      evidenceId: item['id'],
      evidenceSha256: item['sha256'],
      evidenceDate: item['evidenceDate'],
      controlRefs: item['controlRefs'],
      slots: item['slots'],
      systemReport: item['systemReport'],
      decision: 'approved',
      comment: 'Approved.',
      reviewer: { name: 'Dana Whitfield', role: 'IT Manager' },
      at: '2099-01-01T00:00:00.000Z',
      logHead: { seq: last.seq, hash: last.hash },
    });
    m.signoffs.push({ id: 'forged', auditId: last.auditId, evidenceId: item['id'], ...forged });
    item['decision'] = 'approved';
    item['signoffId'] = 'forged';
  });
  await forger.rechainTrail((entries) => [
    ...entries,
    { ...last, at: '2099-01-01T00:00:00.000Z', actor: 'dana@laptop', action: 'signoff', target: `evidence:${itemId}`, details: { signoffId: 'forged', decision: 'approved' } },
  ]);
  await forger.reseal();
  const forgedZip = join(dir, 'forged.zip');
  execFileSync('zip', ['-q', '-r', '-X', forgedZip, '.'], { cwd: join(dir, 'forged') });

  await page.goto(`${app.origin}/index.html#/import`);
  app.bridge.answerImportDialog(forgedZip);
  await page.getByRole('button', { name: 'Choose a bundle…' }).click();
  await expect(page.getByText('valid, signer not confirmed', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Signed by an unknown key.')).toBeVisible();
  await expect(page.getByTestId('key-fingerprint')).toHaveText(forger.attacker.fingerprint);
  await expect(page.getByRole('button', { name: /^Import \d+ items?$/ })).toBeDisabled();
  await expect(page.getByText('Not imported: Confirm the key that signed it first.')).toBeVisible();
  await app.snap('93-import-forged-refused');

  // Nothing changed here: the item is still waiting for review.
  await page.getByRole('link', { name: '← All audits' }).click();
  await page.getByRole('link', { name: /^FY2026 forged/ }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  await expect(page.locator('section.detail').getByRole('article', { name: 'firewall-rules.csv' }).getByTestId('review-status')).toHaveText(/Pending/);
  expect((JSON.parse(await readFile(join(bag, 'data', 'manifest.json'), 'utf8')) as { signoffs: unknown[] }).signoffs).toHaveLength(1);
});

test('an approved item re-dated into another quarter shows its sign-off as stale and is back in the review queue', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  await becomeReviewer(page, 'Dana Whitfield', 'IT Manager');
  await auditWithFiles(app, 'FY2026 re-dated', { 'access-review-q3.csv': 'user,decision\nalice,keep\n' });
  await setEvidenceDate(page, 'access-review-q3.csv', '2026-08-20', 'Q3 2026');
  await approveInQueue(page, 'access-review-q3.csv');
  await expect(page.getByText('0 items waiting · 1 approved · 0 rejected')).toBeVisible();

  // Back on the control: approved, then moved into Q1.
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Controls' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const card = page.locator('section.detail').getByRole('article', { name: 'access-review-q3.csv' });
  await expect(card.getByTestId('review-status')).toHaveText(/Approved/);
  await setEvidenceDate(page, 'access-review-q3.csv', '2026-02-15', 'Q1 2026');
  await expect(card.getByTestId('review-status')).toHaveText(/Pending/);
  await expect(card.getByTestId('signoff-invalid')).toContainText('Sign-off stale — the item changed since it was signed (evidence date, slot): it needs a new review');
  await app.snap('94-redated-stale-card');

  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('1 item waiting · 0 approved · 0 rejected')).toBeVisible();
  const queue = page.getByRole('region', { name: 'Items waiting for review' });
  await expect(queue.getByText('Sign-off stale: the item changed since it was signed (evidence date, slot): it needs a new review')).toBeVisible();
  await app.snap('95-redated-back-in-queue');
});
