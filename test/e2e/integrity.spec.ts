import { chmodSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LogEntry } from '../../shared/domain/records';
import { nextEntry } from '../../shared/log/chain';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';

/**
 * What an attacker with devtools can do: open the app's IndexedDB with the raw API and delete
 * one row of the audit trail, behind Dexie's back. Typed structurally: this file compiles
 * under the Node lib, and the function runs in the page.
 */
async function deleteLogEntry(page: Page, auditId: string, seq: number): Promise<void> {
  await page.evaluate(
    async ([id, n]) => {
      interface Request<T> {
        result: T;
        onsuccess: (() => void) | null;
        onerror: (() => void) | null;
      }
      interface Transaction {
        objectStore(name: string): { delete(key: unknown): unknown };
        oncomplete: (() => void) | null;
        onerror: (() => void) | null;
      }
      interface Database {
        transaction(store: string, mode: 'readwrite'): Transaction;
        close(): void;
      }
      const idb = (globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } }).indexedDB;
      const db = await new Promise<Database>((resolve, reject) => {
        const open = idb.open('evidence-locker');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error('could not open the database'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('log', 'readwrite');
        tx.objectStore('log').delete([id, n]);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error('could not delete the entry'));
      });
      db.close();
    },
    [auditId, seq] as const,
  );
}

/** Reads an audit's log, or writes entries into it, with the raw IndexedDB API. */
async function rawLog(page: Page, auditId: string, put: readonly LogEntry[] = []): Promise<LogEntry[]> {
  return page.evaluate(
    async ([id, entries]) => {
      interface Request<T> {
        result: T;
        onsuccess: (() => void) | null;
        onerror: (() => void) | null;
      }
      interface Store {
        put(value: unknown): unknown;
        getAll(): Request<{ auditId: string }[]>;
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
      const tx = db.transaction('log', 'readwrite');
      const store = tx.objectStore('log');
      for (const entry of entries) store.put(entry);
      const all = store.getAll();
      const rows = await new Promise<unknown[]>((resolve) => {
        tx.oncomplete = () => resolve(all.result.filter((e) => e.auditId === id));
      });
      db.close();
      return rows;
    },
    [auditId, put] as const,
  ) as Promise<LogEntry[]>;
}

test('an auditor reads the audit trail, runs the integrity check, and sees a tampered file and a deleted trail entry named', async ({ app }) => {
  const page = app.page;

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Integrity FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByLabel('Time zone of the organization').selectOption('America/New_York');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'Integrity FY2026' })).toBeVisible();
  const auditId = /#\/audits\/([^/]+)\//.exec(page.url())?.[1] ?? '';
  expect(auditId).not.toBe('');

  // Two files attached to the quarterly access review.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const detail = page.locator('section.detail');
  const dir = await mkdtemp(join(tmpdir(), 'integrity-upload-'));
  const users = join(dir, 'okta-users-2026Q1.csv');
  const review = join(dir, 'access-review-2026Q1.csv');
  await writeFile(users, 'user,role,last_login\nalice,admin,2026-03-01\nbob,viewer,2026-02-11\n');
  await writeFile(review, 'user,decision\nalice,keep\nbob,remove\n');
  app.bridge.answerFileDialog([users, review]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);
  const usersSha = (await (await openDetails(detail.getByRole('article', { name: 'okta-users-2026Q1.csv' }))).getByTestId('sha256').textContent()) ?? '';
  expect(usersSha).toMatch(/^[0-9a-f]{64}$/);

  // The trail: the audit's creation and both files, newest first, and an intact chain.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await expect(page.getByTestId('chain-status')).toHaveText(/^Chain intact: 3 entries, last hash [0-9a-f]{16}…$/);
  const table = page.locator('table.trail-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText('Evidence "access-review-2026Q1.csv"');
  await expect(table.locator('tbody tr').last()).toContainText('Audit "Integrity FY2026"');
  await expect(table.locator('tbody tr').last()).toContainText(/UTC/);
  await expect(table.locator('tbody tr').last()).toContainText(/GMT-[45]/);

  // Filters: evidence entries only, then a text search that names one file.
  await page.getByLabel('Target').selectOption('evidence');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await page.getByLabel('Search').fill('okta');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByText('Showing 1–1 of 1 entry (filtered from 3)')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(3);

  // The full record of an entry, with its hash.
  const usersRow = table.locator('tr.trail-row', { hasText: 'okta-users-2026Q1.csv' });
  await usersRow.getByRole('button', { name: 'Full details' }).click();
  const expanded = table.locator('tr.trail-expanded');
  await expect(expanded.locator('pre')).toContainText(`"sha256": "${usersSha}"`);
  await expect(expanded.getByTestId('entry-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await app.snap('60-audit-trail');

  // The integrity check over an untouched audit: everything passes, with progress from main.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: 'Run integrity check' }).click();
  await expect(page.getByTestId('integrity-summary')).toHaveText('All 2 items verified');
  const checks = page.getByRole('list', { name: 'Audit-level checks' });
  await expect(checks.getByRole('listitem')).toHaveCount(5);
  await expect(checks.getByText('Fail')).toHaveCount(0);
  await expect(checks.getByRole('listitem').filter({ hasText: 'Stored files re-hashed' })).toContainText('2 files match their SHA-256');
  const results = page.getByRole('table', { name: 'Results by item' });
  await expect(results.getByRole('row', { name: 'okta-users-2026Q1.csv' })).toContainText('AC-01');
  await expect(results.getByRole('row', { name: 'okta-users-2026Q1.csv' })).toContainText('Verified');
  expect(app.bridge.events.filter((e) => e.name === 'evidence:verify-progress').length).toBeGreaterThanOrEqual(2);
  await app.snap('61-integrity-pass');

  // Someone alters a stored file on disk, behind the app's back.
  const stored = app.bridge.store.pathOf(usersSha);
  chmodSync(stored, 0o644);
  writeFileSync(stored, 'tampered');
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page.getByTestId('integrity-summary')).toHaveText('1 problem found');
  await expect(page.getByRole('list', { name: 'Problems found' })).toContainText(
    `"okta-users-2026Q1.csv": the stored file was altered — its bytes no longer hash to ${usersSha.slice(0, 12)}…`,
  );
  const tamperedRow = results.getByRole('row', { name: 'okta-users-2026Q1.csv' });
  await expect(tamperedRow).toContainText('Problem');
  await expect(tamperedRow).toContainText('the stored file was altered');
  await expect(results.getByRole('row', { name: 'access-review-2026Q1.csv' })).toContainText('Verified');
  await expect(checks.getByRole('listitem').filter({ hasText: 'Stored files re-hashed' })).toContainText('Fail');
  await app.snap('62-integrity-fail');

  // Someone deletes entry 2 of the trail with devtools; the trail names the first broken entry.
  await deleteLogEntry(page, auditId, 2);
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('button', { name: 'Check chain' }).click();
  await expect(page.getByTestId('chain-status')).toHaveText('Chain broken at entry 3: entry 2 is missing before it');
  const brokenRow = table.locator('tr.trail-row-broken');
  await expect(brokenRow).toHaveCount(1);
  await expect(brokenRow).toHaveAttribute('data-seq', '3');
  await expect(brokenRow).toContainText('Chain breaks here');
  // "Show entry 3" clears filters that would hide it and brings it into view.
  await page.getByLabel('Action').selectOption('create');
  await page.getByLabel('Search').fill('no such entry');
  await expect(table.locator('tbody tr')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show entry 3' }).click();
  await expect(table.locator('tr.trail-row-focused')).toHaveAttribute('data-seq', '3');
  await expect(table.locator('tr.trail-row-focused')).toBeInViewport();
  await app.snap('63-audit-trail-broken');

  // The integrity check says the same, beside the altered file.
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Integrity check' }).click();
  await page.getByRole('button', { name: 'Run integrity check' }).click();
  await expect(page.getByRole('list', { name: 'Problems found' })).toContainText('Audit trail: chain broken at entry 3 — entry 2 is missing before it');
});

test('a 10,000-entry trail opens, verifies, pages and filters while drawing one page at a time', async ({ app }) => {
  // Writing 10,000 entries through the app takes most of a minute on a shared machine.
  test.setTimeout(180_000);
  const page = app.page;
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Long trail');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'Long trail' })).toBeVisible();
  const auditId = /#\/audits\/([^/]+)\//.exec(page.url())?.[1] ?? '';

  // 9,999 more entries, chained to the audit's first, as a long year of work would leave.
  const [first] = await rawLog(page, auditId);
  const log: LogEntry[] = first ? [first] : [];
  const start = Date.parse('2026-01-02T08:00:00.000Z');
  for (let i = 1; i < 10_000; i += 1) {
    const at = new Date(start + i * 45 * 60_000).toISOString();
    const previous = log.at(-1);
    log.push(
      nextEntry(previous, {
        auditId,
        at,
        actor: i % 7 === 0 ? 'dana@review-desk' : 'alice@laptop',
        action: i % 5 === 0 ? 'create' : 'update',
        target: `control:item-${i % 40}`,
        details: i % 5 === 0 ? { ref: `ZZ-${i}`, title: `Control number ${i}` } : { changes: { notes: { from: '', to: `note ${i}` } } },
      }),
    );
  }
  await rawLog(page, auditId, log.slice(1));

  const opened = Date.now();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByTestId('chain-status')).toHaveText(/^Chain intact: 10,000 entries, last hash /);
  const verifiedIn = Date.now() - opened;
  const table = page.locator('table.trail-table');
  await expect(table.locator('tbody tr')).toHaveCount(200);
  await expect(page.getByText('Showing 1–200 of 10,000 entries')).toBeVisible();
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-seq', '10000');

  const pager = page.getByRole('navigation', { name: 'Audit trail pages (top)' });
  await pager.getByRole('button', { name: 'Last' }).click();
  await expect(page.getByText('Showing 9,801–10,000 of 10,000 entries')).toBeVisible();
  await expect(table.locator('tbody tr').last()).toHaveAttribute('data-seq', '1');

  const typed = Date.now();
  await page.getByLabel('Search').fill(log[4999]?.hash ?? 'missing');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-seq', '5000');
  const filteredIn = Date.now() - typed;
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Actor').selectOption('dana@review-desk');
  await expect(page.getByText('Showing 1–200 of 1,428 entries (filtered from 10,000)')).toBeVisible();

  await app.snap('64-audit-trail-10000');
  test.info().annotations.push({ type: 'measured', description: `open + verify 10,000 entries: ${verifiedIn} ms; search: ${filteredIn} ms` });
});
