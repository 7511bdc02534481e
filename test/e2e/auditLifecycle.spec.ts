import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

async function openAuditFromList(page: Page, name: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/'));
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
}

async function openControl(page: Page, ref: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: new RegExp(ref) }).click();
  return page.locator('section.detail');
}

test('an audit starts with the controls picked, the next year starts from it, and audits are archived and deleted with their bytes', async ({ app }) => {
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'lifecycle-'));

  // 1. A new audit with the controls of two categories only.
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II FY2025');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel('Period start').fill('2025-01-01');
  await page.getByLabel('Period end').fill('2025-12-31');
  await page.getByLabel('Starter controls for the categories in scope').check();
  await page.getByRole('group', { name: 'Categories in scope' }).getByLabel('Availability').check();
  await expect(page.getByText(/The audit starts with \d+ of 45 starter controls/)).toBeVisible();
  await snapAtWidths(app, '18-new-audit-pick-controls');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.locator('.scope-summary')).toContainText('0 out of scope');
  await expect(page.getByRole('cell', { name: 'AV-01', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'PRIV-01', exact: true })).toHaveCount(0);

  // An owner, and a request list, to carry forward.
  await page.getByRole('button', { name: 'Edit AC-01' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit AC-01' });
  await edit.getByLabel('Owner').fill('IT Security');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  const pbc = join(dir, 'pbc.csv');
  await writeFile(pbc, 'Request ID,Description,Control refs,Due date\nPBC-1,Quarterly access reviews,AC-01,2025-04-15\nPBC-2,Org chart,,\n');
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Request list' }).click();
  await page.getByRole('button', { name: 'Import request list (CSV)…' }).click();
  await page.getByLabel('CSV file').setInputFiles(pbc);
  await page.getByRole('button', { name: 'Import 2 requests' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 requests' })).toBeVisible();

  // Evidence: one file only this audit has, one that next year's audit will share.
  const sharedText = 'user,role\nalice,admin\n';
  const ownText = 'only FY2025 has this file\n';
  await writeFile(join(dir, 'users.csv'), sharedText);
  await writeFile(join(dir, 'only-2025.txt'), ownText);
  let detail = await openControl(page, 'AC-01');
  app.bridge.answerFileDialog([join(dir, 'users.csv'), join(dir, 'only-2025.txt')]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article', { name: 'only-2025.txt' })).toBeVisible();

  // 2. The second year: started from the list, with everything carried.
  await page.goto(page.url().replace(/#.*$/, '#/'));
  await page.getByRole('link', { name: 'Start the next audit from SOC 2 Type II FY2025' }).click();
  await expect(page.getByRole('heading', { name: 'Next audit after SOC 2 Type II FY2025' })).toBeVisible();
  await expect(page.getByLabel('Audit name')).toHaveValue('SOC 2 Type II FY2026');
  await expect(page.getByLabel('Period start')).toHaveValue('2026-01-01');
  await expect(page.getByLabel('Period end')).toHaveValue('2026-12-31');
  await expect(page.getByLabel('Organization', { exact: true })).toHaveValue('Acme Cloud');
  const carry = page.getByRole('group', { name: /Carried forward from/ });
  await expect(carry).toContainText('1 set');
  await expect(carry).toContainText('Availability');
  await expect(carry.getByLabel(/The request list: 2 requests/)).toBeChecked();
  await snapAtWidths(app, '19-next-audit');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.locator('.audit-header-meta, .audit-header').first()).toContainText('2026');
  const ac01 = page.getByRole('table', { name: 'Controls', exact: true }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'AC-01', exact: true }) });
  await expect(ac01).toContainText('IT Security');
  await expect(page.getByRole('cell', { name: 'AV-01', exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Request list' }).click();
  const requests = page.getByRole('table', { name: 'Requests' });
  await expect(requests.getByRole('row', { name: /^PBC-1 / })).toContainText('2026-04-15');
  await expect(requests.getByRole('row', { name: /^PBC-1 / }).getByRole('link', { name: 'AC-01' })).toBeVisible();
  await expect(requests.getByRole('row', { name: /^PBC-2 / })).toContainText('Unlinked');
  // Evidence does not move; the same bytes attached here are stored once.
  detail = await openControl(page, 'AC-01');
  await expect(detail.getByRole('article')).toHaveCount(0);
  app.bridge.answerFileDialog([join(dir, 'users.csv')]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByText(/users\.csv is already stored|Attached users\.csv/)).toBeVisible();

  // 3. Archive the first year: it leaves the list, nothing is deleted, and it comes back.
  await page.goto(page.url().replace(/#.*$/, '#/'));
  await page.getByRole('button', { name: 'Archive SOC 2 Type II FY2025' }).click();
  const archiveDialog = page.getByRole('dialog', { name: 'Archive “SOC 2 Type II FY2025”?' });
  await expect(archiveDialog).toContainText('nothing is deleted');
  await expect(archiveDialog).toContainText('2 evidence items');
  await archiveDialog.getByRole('button', { name: 'Archive audit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Archived SOC 2 Type II FY2025.' })).toBeVisible();
  await expect(page.locator('.audit-list').first().getByText('SOC 2 Type II FY2025')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show archived audits (1)' }).click();
  await snapAtWidths(app, '20-archived-audits');
  await page.getByRole('button', { name: 'Restore SOC 2 Type II FY2025' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored SOC 2 Type II FY2025.' })).toBeVisible();
  await expect(page.getByRole('button', { name: /archived audits/ })).toHaveCount(0);

  // 4. Delete it: the confirmation says what goes and what stays; shared bytes stay.
  expect(await app.bridge.store.has(sha(ownText))).toBe(true);
  await page.getByRole('button', { name: 'Delete SOC 2 Type II FY2025' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete “SOC 2 Type II FY2025”?' });
  await expect(deleteDialog).toContainText(/This deletes \d+ controls, 2 evidence items, 0 sign-offs, 2 requests, 0 tasks and its audit trail/);
  await expect(deleteDialog).toContainText('1 evidence file (26 B) only this audit uses is deleted from the evidence store.');
  await expect(deleteDialog).toContainText('1 evidence file (22 B) another audit also uses stays.');
  await expect(deleteDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await snapAtWidths(app, '21-delete-audit');
  await deleteDialog.getByRole('button', { name: 'Delete audit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted SOC 2 Type II FY2025, and 1 evidence file (26 B).' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^SOC 2 Type II FY2025/ })).toHaveCount(0);
  await snapAtWidths(app, '22-audit-list-after-delete');
  expect(await app.bridge.store.has(sha(ownText))).toBe(false);
  expect(await app.bridge.store.has(sha(sharedText))).toBe(true);

  // The next year's evidence still opens from the store.
  await openAuditFromList(page, 'SOC 2 Type II FY2026');
  detail = await openControl(page, 'AC-01');
  await expect(detail.getByRole('article', { name: 'users.csv' })).toBeVisible();
});
