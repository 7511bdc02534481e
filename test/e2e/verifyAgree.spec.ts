import { test, expect } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../electron/cli/main';
import { renderVerifyHtml } from '../../shared/bundle/render/verifyHtml';
import type { VerifyReport } from '../../shared/verify/report';
import { buildCorpus, type Corpus } from '../support/corpus';

/**
 * The three front ends agree (issue #11 §1): for every bag-level case of the corpus, the
 * auditor's own copy of VERIFY.html, in Chromium, shows the same verdict and the same checks —
 * titles, statuses, summaries and every problem — as `evidence-locker verify --json` on the ZIP.
 * (The CLI and the import gate are compared case by case in test/unit/shared/verifyCorpus.test.ts.)
 */
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
  viewport: { width: 1100, height: 900 },
});

let corpus: Corpus;
let verifierPage: string;

test.beforeAll(async () => {
  corpus = await buildCorpus();
  verifierPage = join(corpus.dir, 'my-verify.html');
  await writeFile(verifierPage, renderVerifyHtml());
});

test.afterAll(async () => {
  await corpus.cleanup();
});

/** Reads the checks as the page shows them. A string: it runs in the page, and the e2e tsconfig has no DOM types. */
const READ_CHECKS = `[...document.querySelectorAll('li.check')].map((li) => ({
  title: li.querySelector('h3').textContent,
  status: li.querySelector('.check-status').textContent,
  summary: li.querySelector('.check-summary').textContent,
  problems: [...li.querySelectorAll('ul.problems > li')].map((p) => p.textContent),
}))`;

const STATUS_WORDS = { pass: 'PASS', fail: 'FAIL', unconfirmed: 'WARN', note: 'NOTE' } as const;
const VERDICT_WORDS = { pass: 'PASS', fail: 'FAIL', unconfirmed: 'VALID, SIGNER NOT CONFIRMED' } as const;

test('VERIFY.html gives every bag-level case of the corpus the verdict, checks and messages the CLI gives', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let compared = 0;
  for (const built of corpus.cases) {
    if (built.bagDir === null) continue;
    const out: string[] = [];
    await main(['verify', built.zipPath, '--json', ...built.trustArgs], { write: (t) => void out.push(t) }, { write: () => {} });
    const cli = JSON.parse(out.join('')) as VerifyReport;
    expect(cli.verdict, built.case.name).toBe(built.case.verdict);

    await page.goto(pathToFileURL(verifierPage).href);
    if (built.trustArgs.length > 0) {
      await page.getByLabel('Key cards').setInputFiles(corpus.keyCardPath);
      await expect(page.locator('#trust-status')).toContainText('Key card: Dana Whitfield (IT Manager)');
    }
    await page.getByLabel('Choose the unzipped bundle folder').setInputFiles(built.bagDir);
    await expect(page.locator('.verdict-word'), built.case.name).toHaveText(VERDICT_WORDS[cli.verdict], { timeout: 60_000 });
    const shown = await page.evaluate<unknown>(READ_CHECKS);
    const expected = cli.checks
      .filter((c) => c.id !== 'verifier-page')
      .map((c) => ({ title: c.title, status: STATUS_WORDS[c.status], summary: c.summary, problems: [...c.problems] }));
    expect(shown, built.case.name).toEqual(expected);
    compared += 1;
  }
  expect(compared).toBeGreaterThanOrEqual(30);
  expect(errors).toEqual([]);
});
