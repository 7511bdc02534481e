import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

test("an IT admin imports the auditor's request list, links a request, and sees statuses follow the evidence", async ({ app }) => {
  const page = app.page;
  // The new-audit form proposes the current calendar year, so today lies in the audit window.
  const year = new Date().getFullYear();
  const dir = await mkdtemp(join(tmpdir(), 'pbc-'));
  const csvPath = join(dir, 'pbc-list-acme.csv');
  // The auditor's own column names, semicolons as Excel writes them in much of Europe.
  await writeFile(
    csvPath,
    [
      'PBC #;Request;Related controls;Date due',
      `PBC-1;Quarterly user access review of the production AWS account;AC-01;${year + 1}-01-15`,
      `PBC-2;Termination tickets and the matching account removals;"AC-01, AC-02";${year + 1}-01-31`,
      `PBC-3;Firewall rule review;ZZ-99;${year + 1}-01-15`,
      `PBC-4;Backup restore test results;BC-01;31/12/${year}`,
      `PBC-5;Incident response plan and tabletop test;IR-01;${year - 1}-12-15`,
      `PBC-6;Organization chart <b>as of</b> the period end;;`,
      '',
    ].join('\r\n'),
  );

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II requests');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II requests' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Request list' }).click();
  await expect(page.getByRole('heading', { name: 'No request list yet' })).toBeVisible();
  await expect(page.getByText(/PBC list/).first()).toBeVisible();
  await app.snap('42-requests-empty');

  await page.getByRole('button', { name: 'Import request list (CSV)…' }).click();
  await page.getByLabel('CSV file').setInputFiles(csvPath);

  // The headers differ from the field names: the mapping is shown, with the guesses chosen.
  const mapping = page.getByRole('group', { name: 'Columns' });
  await expect(mapping).toBeVisible();
  await expect(mapping.getByLabel('Request ID')).toHaveValue('0');
  await expect(mapping.getByLabel('Request ID').locator('option:checked')).toHaveText('PBC #');
  await expect(mapping.getByLabel('Control refs').locator('option:checked')).toHaveText('Related controls');
  await expect(mapping.getByLabel('Due date').locator('option:checked')).toHaveText('Date due');

  // 31/12 can only be day first: the date format is guessed from it, and every row imports
  // (issue #13: day-first dates and unknown refs used to drop rows).
  const dates = page.getByLabel('Dates in this file are');
  await expect(dates).toHaveValue('dmy');
  await expect(page.getByText(`Guessed from 31/12/${year} on line 5, which can only be day first.`)).toBeVisible();
  await expect(page.getByText('pbc-list-acme.csv: 6 rows — 6 ready to import.')).toBeVisible();
  const preview = page.getByRole('table', { name: "Preview of the file's rows" });
  await expect(preview.getByRole('row', { name: /PBC-3/ })).toContainText(
    'Control ref "ZZ-99" matches no control in this audit: the request is imported unlinked; link it on the request list.',
  );
  await snapAtWidths(app, '17-requests-import-dates');
  // Read month first, the same date is impossible, and says how to fix it.
  await dates.selectOption('mdy');
  await expect(preview.getByRole('row', { name: /PBC-4/ })).toContainText(`Line 5: Due date "31/12/${year}" is not a real calendar date. Dates like this are read as month/day/year`);
  await expect(page.getByText('pbc-list-acme.csv: 6 rows — 5 ready to import, 1 row with errors (not imported).')).toBeVisible();
  await app.snap('40-requests-import');
  await dates.selectOption('dmy');

  await page.getByRole('button', { name: 'Import 6 requests' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 6 requests from pbc-list-acme.csv.' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Requests' });
  const row = (id: string): ReturnType<typeof table.getByRole> => table.getByRole('row', { name: new RegExp(`^${id} `) });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(row('PBC-3')).toContainText('Unlinked');
  await expect(row('PBC-4')).toContainText(`${year}-12-31`);
  await expect(row('PBC-1')).toContainText('Not started');
  await expect(row('PBC-2')).toContainText('Not started');
  await expect(row('PBC-5')).toContainText('Overdue');
  await expect(row('PBC-6')).toContainText('Unlinked');
  // Markup from the file is shown as text, never interpreted.
  await expect(row('PBC-6')).toContainText('Organization chart <b>as of</b> the period end');
  await expect(row('PBC-2').getByRole('link', { name: 'AC-02' })).toBeVisible();
  // Sorted by due date, the undated request last.
  await expect(table.locator('tbody th')).toHaveText(['PBC-5', 'PBC-4', 'PBC-1', 'PBC-3', 'PBC-2', 'PBC-6']);

  // Triage: link the unlinked request to a control.
  await row('PBC-6').getByRole('button', { name: 'Link controls to PBC-6' }).click();
  const editor = page.getByRole('group', { name: 'Controls linked to PBC-6' });
  await editor.getByLabel('Filter controls to link').fill('GOV-04');
  await editor.getByRole('checkbox', { name: /GOV-04/ }).check();
  await app.snap('43-requests-links');
  await editor.getByRole('button', { name: 'Save links' }).click();
  await expect(editor).toBeHidden();
  await expect(row('PBC-6').getByRole('link', { name: 'GOV-04' })).toBeVisible();
  await expect(row('PBC-6')).toContainText('Not started');

  // Evidence for AC-01 answers PBC-1 fully and PBC-2 in part.
  await row('PBC-1').getByRole('link', { name: 'AC-01' }).click();
  const detail = page.locator('section.detail');
  await expect(detail.getByRole('heading', { name: /access review/i })).toBeVisible();
  const evidencePath = join(dir, 'aws-iam-access-review-q3.csv');
  await writeFile(evidencePath, 'user,role,reviewed_by\nalice,admin,dana\n');
  app.bridge.answerFileDialog([evidencePath]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article', { name: 'aws-iam-access-review-q3.csv' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Request list' }).click();
  await expect(row('PBC-1')).toContainText('Provided');
  await expect(row('PBC-1')).toContainText('on time');
  await expect(row('PBC-1')).toContainText('1 item');
  await expect(row('PBC-2')).toContainText('Partial');
  await expect(row('PBC-2')).toContainText('1 of 2 controls covered');
  const summary = page.getByRole('group', { name: /Requests by status/ });
  await expect(summary.getByRole('button', { name: /Provided/ })).toContainText('1');
  await app.snap('41-requests');

  // The summary filters, and the search narrows by text.
  await summary.getByRole('button', { name: /Partial/ }).click();
  await expect(table.locator('tbody th')).toHaveText(['PBC-2']);
  await summary.getByRole('button', { name: /All requests/ }).click();
  await page.getByLabel('Search requests').fill('incident');
  await expect(table.locator('tbody th')).toHaveText(['PBC-5']);
  await page.getByLabel('Search requests').fill('');

  // Importing the same file again changes nothing: every OK row is already in the list.
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await page.getByLabel('CSV file').setInputFiles(csvPath);
  await expect(page.getByText('pbc-list-acme.csv: 6 rows — 0 ready to import, 6 already in the list (skipped).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import 0 requests' })).toBeDisabled();

  // A file over the 20 MB cap is refused before it is read.
  await page.getByLabel('CSV file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
  await expect(page.getByRole('alert')).toContainText('huge.csv is 21 MB; a request list may be at most 20 MB.');
});
