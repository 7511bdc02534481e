import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { openDetails } from './evidenceRows';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

// The two halves are independent and the longest file of the suite: let two workers share them.
test.describe.configure({ mode: 'parallel' });

/**
 * Accessibility (issue #16): axe-core over every screen of the app, in the light and the dark
 * theme, with no serious or critical violation. The screens are filled from the built-in
 * sample audit, so lists, badges and tables have rows to check. With A11Y_SCREENSHOTS=1 each
 * screen is also saved as a PNG per theme (.e2e-artifacts/a11y-*), to be looked at.
 */

const SNAP = process.env['A11Y_SCREENSHOTS'] === '1';

const THEMES = ['light', 'dark'] as const;
/** axe's rules that read colours: the ones a theme can break. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

interface Finding {
  readonly screen: string;
  readonly theme: string;
  readonly rule: string;
  readonly impact: string;
  readonly targets: string;
}

class Audit {
  readonly serious: Finding[] = [];
  readonly minor: Finding[] = [];
  readonly screens: string[] = [];

  constructor(private readonly page: Page) {}

  /**
   * Checks what is on screen now: every rule in the light theme, and in the dark theme the
   * rules whose outcome depends on colour (the rest are the same markup, and axe is slow).
   */
  async check(screen: string): Promise<void> {
    this.screens.push(screen);
    for (const theme of THEMES) {
      await this.page.emulateMedia({ colorScheme: theme });
      let builder = new AxeBuilder({ page: this.page });
      if (theme === 'dark') builder = builder.withRules(COLOUR_RULES);
      const result = await builder.analyze();
      for (const v of result.violations) {
        const finding: Finding = {
          screen,
          theme,
          rule: v.id,
          impact: v.impact ?? 'unknown',
          targets: [
            ...v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`),
            ...(v.nodes.length > 3 ? [`and ${v.nodes.length - 3} more`] : []),
          ].join('; '),
        };
        const serious = v.impact === 'serious' || v.impact === 'critical';
        (serious ? this.serious : this.minor).push(finding);
        // Written as found, so that a run stopped half-way still says what it saw.
        console.warn(`axe ${serious ? 'SERIOUS' : 'minor'}: ${format([finding]).join('')}`);
      }
      if (SNAP) await this.page.screenshot({ path: join(SCREENSHOT_DIR, `a11y-${screen}-${theme}.png`), fullPage: true });
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}

function format(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.screen} [${f.theme}] ${f.rule} (${f.impact}): ${f.targets}`);
}

/** Opens a screen by its hash route; the first page of a run has no hash at all. */
async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0] ?? ''}${hash}`);
}

test('the screens outside an audit and the six steps, in both themes, have no serious or critical violation', async ({ app }) => {
  // Axe twice on each screen: minutes on a shared machine.
  test.setTimeout(600_000);
  const page = app.page;
  const axe = new Audit(page);

  await expect(page.getByRole('link', { name: 'New audit' }).first()).toBeVisible();
  await axe.check('first-run');

  // Settings, before and after the reviewer is set (the review queue needs one).
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await expect(page.getByRole('heading', { name: 'Reviewer identity' })).toBeVisible();
  await axe.check('settings-new');
  await page.getByLabel('Your name').fill('Morgan Lee');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await axe.check('settings');

  await go(page, '#/new');
  await expect(page.getByRole('heading', { name: 'New audit' })).toBeVisible();
  await axe.check('new-audit');

  // Import: the page, the checked sample before importing, then the sample imported.
  await go(page, '#/import');
  await expect(page.getByRole('button', { name: 'Use the built-in sample audit' })).toBeVisible();
  await axe.check('import');
  await page.getByRole('button', { name: 'Use the built-in sample audit' }).click();
  await expect(page.getByRole('button', { name: 'Import 6 items' })).toBeVisible({ timeout: 60_000 });
  await axe.check('import-checked');
  await page.getByRole('button', { name: 'Import 6 items' }).click();
  await expect(page.getByRole('link', { name: /Open SOC 2 Type II FY2026/ })).toBeVisible({ timeout: 60_000 });
  await axe.check('import-done');
  await page.getByRole('link', { name: /Open SOC 2 Type II FY2026/ }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II FY2026' })).toBeVisible();
  const auditHash = /#\/audits\/[^/]+/.exec(page.url())?.[0];
  if (!auditHash) throw new Error(`no audit in ${page.url()}`);

  await go(page, '#/');
  await expect(page.getByRole('link', { name: /SOC 2 Type II FY2026/ }).first()).toBeVisible();
  await axe.check('audit-list');

  // The six steps.
  const steps = page.getByRole('navigation', { name: 'Audit steps' });
  for (const step of ['Scope', 'Readiness', 'Remediation', 'Fieldwork', 'Report', 'Maintain']) {
    await go(page, auditHash);
    await steps.getByRole('link', { name: step }).click();
    await expect(steps.getByRole('link', { name: step })).toHaveAttribute('aria-current', 'page');
    await axe.check(`step-${step.toLowerCase()}`);
  }

  expect(format(axe.serious)).toEqual([]);
});

/** Imports the built-in sample audit and returns its route (#/audits/<id>). */
async function openSample(page: Page): Promise<string> {
  await go(page, '#/import');
  await page.getByRole('button', { name: 'Use the built-in sample audit' }).click();
  await page.getByRole('button', { name: 'Import 6 items' }).click({ timeout: 60_000 });
  await page.getByRole('link', { name: /Open SOC 2 Type II FY2026/ }).click({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II FY2026' })).toBeVisible();
  const auditHash = /#\/audits\/[^/]+/.exec(page.url())?.[0];
  if (!auditHash) throw new Error(`no audit in ${page.url()}`);
  return auditHash;
}

test("an audit's views, tools, previews, capture editor and shortcut sheet, in both themes, have no serious or critical violation", async ({ app }) => {
  test.setTimeout(600_000);
  const page = app.page;
  const axe = new Audit(page);
  // A reviewer, so that the review queue shows its decision panel.
  await go(page, '#/settings');
  await page.getByLabel('Your name').fill('Morgan Lee');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();
  const auditHash = await openSample(page);
  const steps = page.getByRole('navigation', { name: 'Audit steps' });
  await go(page, auditHash);
  await steps.getByRole('link', { name: 'Scope' }).click();

  // Scope: the CSV import preview.
  await steps.getByRole('link', { name: 'Scope' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'a11y-'));
  const controlsCsv = join(dir, 'controls.csv');
  await writeFile(
    controlsCsv,
    [
      'Control ID;Control Name;Description;Owner;Frequency;TSC Criteria',
      'LOG-01;Log retention;"Logs are kept 1 year; reviewed monthly";Ops;Monthly;CC7.2, CC7.3',
      'LOG-02;Bad criterion;Maps to a criterion that does not exist;Ops;Quarterly;CC6.9',
      `LOG-03;${'A very long control name that needs the preview to scroll sideways '.repeat(3)};Kept;Ops;Annual;CC7.2`,
      '',
    ].join('\r\n'),
  );
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const importer = page.getByRole('region', { name: 'Import controls from CSV' });
  await importer.getByLabel('CSV file').setInputFiles(controlsCsv);
  await expect(importer.getByRole('table', { name: 'Import preview' })).toBeVisible();
  await axe.check('scope-csv-preview');

  // Fieldwork: every view, a control's evidence, the review queue with an item open.
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  await expect(page.locator('section.detail').getByRole('article').first()).toBeVisible();
  // A row opened: its facts, history, editor and withdraw action are checked too.
  await openDetails(page.locator('section.detail').getByRole('article').first());
  await axe.check('fieldwork-control');
  for (const view of ['Coverage', 'Request list', 'Review', 'All evidence']) {
    await views.getByRole('link', { name: new RegExp(`^${view}`) }).click();
    await expect(views.getByRole('link', { name: new RegExp(`^${view}`) })).toHaveAttribute('aria-current', 'page');
    await axe.check(`fieldwork-${view.toLowerCase().replace(' ', '-')}`);
  }

  // Requests: the CSV import preview.
  await views.getByRole('link', { name: /^Request list/ }).click();
  const requestsCsv = join(dir, 'pbc.csv');
  await writeFile(requestsCsv, ['PBC #;Request;Related controls;Date due', 'PBC-90;Firewall rule review;ZZ-99;2026-12-15', 'PBC-91;Backup restore test;AC-01;31/12/2026', ''].join('\r\n'));
  await page.getByRole('button', { name: /Import request list/ }).click();
  await page.getByLabel('CSV file').setInputFiles(requestsCsv);
  await expect(page.getByRole('table', { name: "Preview of the file's rows" })).toBeVisible();
  await axe.check('requests-csv-preview');

  // The audit's tools.
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByText(/Chain intact/)).toBeVisible();
  await axe.check('trail');
  await page.getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: 'Run integrity check' }).click();
  await expect(page.getByText(/All 6 items verified/)).toBeVisible({ timeout: 60_000 });
  await axe.check('integrity');
  await page.getByRole('link', { name: 'Export bundle' }).click();
  await expect(page.getByRole('heading', { name: /Export/ }).first()).toBeVisible();
  await axe.check('export');

  // The capture editor, over a pasted image on a control.
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  // The control's capture bar is what a paste goes to: paste once it is there.
  await expect(page.locator('section.detail').getByRole('button', { name: 'Capture screen' })).toBeVisible();
  const png = PNG.sync.write(Object.assign(new PNG({ width: 320, height: 200 }), { data: Buffer.alloc(320 * 200 * 4, 180) }));
  await page.evaluate((bytes) => {
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
      ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean }) => unknown;
      document: { body: { dispatchEvent(event: unknown): void } };
    };
    const dt = new dom.DataTransfer();
    dt.items.add(new dom.File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    dom.document.body.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, [...png]);
  const editor = page.getByRole('dialog', { name: 'Edit capture' });
  await expect(editor.getByRole('status')).toContainText('320 × 200 px');
  await axe.check('capture-editor');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // The shortcut sheet.
  await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await axe.check('shortcut-sheet');

  console.warn(`axe: ${axe.screens.length} screens × ${THEMES.length} themes, ${axe.minor.length} moderate or minor findings (reported above, not failed).`);
  expect(format(axe.serious)).toEqual([]);
});
