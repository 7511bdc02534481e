import { test, expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMiniBag, type MiniBag } from '../support/miniBag';

/**
 * data/VERIFY.html as an auditor uses it: opened from the unzipped folder over file://, the bag
 * folder chosen in the picker. No app needed; the bag comes from test/support/miniBag.ts.
 */

const SCREENSHOT_DIR = resolve('.e2e-artifacts');

// Debian's Chromium with the same flags as test/e2e/fixtures.ts (Playwright cannot download its own).
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
  viewport: { width: 1100, height: 900 },
});

let parent: string;
let bag: MiniBag;

test.beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'verify-e2e-'));
  bag = await writeMiniBag(parent);
});

test.afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/** The two keys that signed the mini bag: the exporter's (the bag) and the reviewer's (its one approval). */
const signers = (): string => `${bag.exporterFingerprint}\n${bag.content.signoffs[0]!.payload.keyFingerprint}`;

async function verify(page: Page, folder: string, expected: string | null = signers()): Promise<void> {
  await page.goto(pathToFileURL(join(bag.bagDir, 'data', 'VERIFY.html')).href);
  if (expected !== null) await page.getByLabel('Who should have signed?').fill(expected);
  await page.getByLabel('Choose the unzipped bundle folder').setInputFiles(folder);
  await expect(page.locator('.verdict')).toBeVisible();
}

const verdict = (page: Page) => page.locator('.verdict-word');
const check = (page: Page, title: string) => page.locator('li.check', { has: page.getByRole('heading', { name: title, exact: true }) });

async function snap(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('an untouched bag passes every check once the auditor gives the keys they expect, and names who signed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await verify(page, bag.bagDir);

  await expect(verdict(page)).toHaveText('PASS');
  for (const title of ['Bag folder', 'bagit.txt', 'Payload files', 'Every file listed', 'Payload-Oxum', 'Tag files', 'manifest.json matches the files', 'Bag signature', 'Sign-offs', 'Audit trail', 'History commitments', 'Signers']) {
    await expect(check(page, title).locator('.check-status')).toHaveText('PASS');
  }
  await expect(check(page, 'Payload files')).toContainText('All 7 files listed in manifest-sha256.txt are present');
  await expect(check(page, 'Sign-offs')).toContainText('The sign-off verifies; 1 item approved and 0 rejected by a current sign-off.');
  await expect(check(page, 'Audit trail')).toContainText('4 entries form an unbroken hash chain');
  await expect(page.locator('.signers')).toContainText(`${bag.exporterFingerprint} signed the bag: confirmed`);
  await expect(page.locator('.facts')).toContainText('Acme Cloud GmbH');
  expect(errors).toEqual([]);
  await snap(page, '70-verify-pass');
});

test('without an expected key, an intact bag is "valid, signer not confirmed", never a plain PASS, and says what to compare', async ({ page }) => {
  await verify(page, bag.bagDir, null);
  await expect(verdict(page)).toHaveText('VALID, SIGNER NOT CONFIRMED');
  await expect(page.locator('.verdict')).toContainText('A valid signature by an unknown key proves nothing');
  await expect(check(page, 'Signers').locator('.check-status')).toHaveText('WARN');
  await expect(check(page, 'Signers')).toContainText(`${bag.exporterFingerprint} signed the bag: not confirmed. Compare this fingerprint with its owner`);
  await expect(page.locator('.signers')).toContainText('NOT CONFIRMED');
  await snap(page, '73-verify-unconfirmed');

  // Typing the fingerprints after the folder was chosen checks again.
  await page.getByLabel('Who should have signed?').fill(signers());
  await page.getByLabel('Who should have signed?').blur();
  await expect(verdict(page)).toHaveText('PASS');
});

test('choosing the folder above the bag finds the one bag inside it', async ({ page }) => {
  await verify(page, parent);
  await expect(verdict(page)).toHaveText('PASS');
  await expect(check(page, 'Bag folder')).toContainText(`Found bagit.txt in "${bag.content.bagName}"`);
});

test('a folder without a bag fails and says what to choose', async ({ page }) => {
  const empty = join(parent, 'not-a-bag');
  await mkdir(empty);
  await writeFile(join(empty, 'readme.txt'), 'hello\n');
  await verify(page, empty);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Bag folder')).toContainText('No bagit.txt in the chosen folder');
});

test('one changed byte in an evidence file fails, naming the file as altered', async ({ page }) => {
  const file = join(bag.bagDir, ...bag.evidencePaths[1]!.split('/'));
  const bytes = await readFile(file);
  bytes[5] = bytes[5]! ^ 0x01;
  await writeFile(file, bytes);
  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Payload files')).toContainText(`altered: ${bag.evidencePaths[1]!}`);
  await expect(check(page, 'Bag signature').locator('.check-status')).toHaveText('PASS');
});

test('an edited manifest.json fails as altered, even though it still parses', async ({ page }) => {
  const file = join(bag.bagDir, 'data', 'manifest.json');
  await writeFile(file, (await readFile(file, 'utf8')).replace('"decision": "pending"', '"decision": "approved"'));
  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Payload files')).toContainText('altered: data/manifest.json');
});

test('a removed evidence file fails as missing', async ({ page }) => {
  await rm(join(bag.bagDir, ...bag.evidencePaths[0]!.split('/')));
  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Payload files')).toContainText(`missing: ${bag.evidencePaths[0]!}`);
  await expect(check(page, 'Payload-Oxum').locator('.check-status')).toHaveText('FAIL');
});

test('an added file in data/ fails as not listed in the manifest', async ({ page }) => {
  await writeFile(join(bag.bagDir, 'data', 'evidence', 'AC-01', 'extra.png'), 'not really a png');
  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Every file listed')).toContainText('not listed in manifest-sha256.txt: data/evidence/AC-01/extra.png');
});

test('a replaced bag signature fails the signature check', async ({ page }) => {
  const file = join(bag.bagDir, 'signature.json');
  const signature = JSON.parse(await readFile(file, 'utf8')) as { signature: string };
  signature.signature = Buffer.alloc(64, 7).toString('base64');
  await writeFile(file, JSON.stringify(signature, null, 2));
  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Bag signature')).toContainText('the signature does not verify over tagmanifest-sha256.txt');
  await expect(check(page, 'Payload files').locator('.check-status')).toHaveText('PASS');
});

test('a tampered bag names every problem at once: re-hashed manifests, a forged sign-off and an edited trail', async ({ page }) => {
  // Someone edits the trail and the sign-off in manifest.json, then re-hashes manifest-sha256.txt
  // so the file checks pass: the tag manifest and the signatures still give it away.
  const log = join(bag.bagDir, 'data', 'audit-log.jsonl');
  const entries = (await readFile(log, 'utf8')).trimEnd().split('\n');
  entries[3] = JSON.stringify({ ...(JSON.parse(entries[3]!) as object), actor: 'mallory' });
  await writeFile(log, `${entries.join('\n')}\n`);
  const manifestJson = join(bag.bagDir, 'data', 'manifest.json');
  await writeFile(manifestJson, (await readFile(manifestJson, 'utf8')).replace('Matches the HR roster', 'Looks fine'));
  const manifestFile = join(bag.bagDir, 'manifest-sha256.txt');
  const lines = (await readFile(manifestFile, 'utf8')).split('\n').map((line) => {
    const path = line.slice(66);
    if (path !== 'data/audit-log.jsonl' && path !== 'data/manifest.json') return line;
    return `${createHash('sha256').update(readFileSync(join(bag.bagDir, ...path.split('/')))).digest('hex')}  ${path}`;
  });
  await writeFile(manifestFile, lines.join('\n'));
  await appendFile(join(bag.bagDir, 'data', 'notes.txt'), 'added later\n');

  await verify(page, bag.bagDir);
  await expect(verdict(page)).toHaveText('FAIL');
  await expect(check(page, 'Payload files').locator('.check-status')).toHaveText('PASS');
  await expect(check(page, 'Every file listed')).toContainText('data/notes.txt');
  await expect(check(page, 'Tag files')).toContainText('altered: manifest-sha256.txt');
  await expect(check(page, 'Bag signature').locator('.check-status')).toHaveText('PASS');
  await expect(check(page, 'Sign-offs')).toContainText('sign-off so-1 (data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.png): the signature does not verify');
  await expect(check(page, 'Audit trail')).toContainText('entry 4 (line 4): hash does not match its content');
  await snap(page, '71-verify-fail');
});

test('the evidence index opens offline with its thumbnails loaded under its CSP', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') blocked.push(m.text());
  });
  await page.goto(pathToFileURL(join(bag.bagDir, 'data', 'index.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SOC 2 Type II 2026');
  const img = page.getByRole('img', { name: 'Preview of Okta users screenshot.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
  expect(blocked).toEqual([]);
  await snap(page, '72-bundle-index');
});

test('markup in names, notes and the organization stays text in both pages and never runs', async ({ page }) => {
  const hostileParent = await mkdtemp(join(tmpdir(), 'verify-hostile-'));
  try {
    const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const hostile = await writeMiniBag(hostileParent, {
      organization: `Org ${markup}`,
      auditName: `Audit "><svg onload="window.__pwned=3">`,
      firstName: `shot\u202Egnp.exe ${markup}.png`,
      firstNotes: `javascript:window.__pwned=4\n${markup}`,
    });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const pwned = (): Promise<unknown> => page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);

    await page.goto(pathToFileURL(join(hostile.bagDir, 'data', 'index.html')).href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit "><svg onload="window.__pwned=3">');
    await expect(page.getByText(`Org ${markup}`)).toBeVisible();
    await expect(page.getByRole('heading', { name: `shot⟨U+202E⟩gnp.exe ${markup}.png` })).toBeVisible();
    await expect(page.locator('.multiline', { hasText: 'javascript:window.__pwned=4' })).toBeVisible();
    expect(await page.locator('script, svg, img[src="x"]').count()).toBe(0);
    expect(await pwned()).toBeUndefined();

    await page.goto(pathToFileURL(join(hostile.bagDir, 'data', 'VERIFY.html')).href);
    await page.getByLabel('Who should have signed?').fill(`${hostile.exporterFingerprint}\n${hostile.content.signoffs[0]!.payload.keyFingerprint}`);
    await page.getByLabel('Choose the unzipped bundle folder').setInputFiles(hostile.bagDir);
    await expect(verdict(page)).toHaveText('PASS');
    await expect(page.locator('.facts')).toContainText(`Org ${markup}`);
    expect(await page.locator('svg, img').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
  } finally {
    await rm(hostileParent, { recursive: true, force: true });
  }
});
