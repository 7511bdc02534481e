import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The row of the controls table whose Ref cell is exactly `ref`. */
function controlRow(page: Page, ref: string): Locator {
  return page
    .getByRole('table', { name: 'Controls', exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: ref, exact: true }) });
}

test('an IT admin scopes an audit: settings, categories, systems, and the control list by hand and from CSV', async ({ app }) => {
  const page = app.page;

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud Inc.');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.getByRole('button', { name: 'Create audit' }).click();

  // New audits open on Scope.
  await expect(page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: /Scope/ })).toHaveAttribute('aria-current', 'page');
  const settings = page.getByRole('region', { name: 'Audit settings' });
  await expect(settings.getByLabel('Audit name')).toHaveValue('SOC 2 Type II FY2026');
  await expect(settings.getByRole('button', { name: 'Save settings' })).toBeDisabled();

  // A 2-month period: a warning, not an error.
  await settings.getByLabel('Period end').fill('2026-02-28');
  await expect(settings.getByRole('status').filter({ hasText: 'Warning' })).toContainText('The period is 2 months long');
  await settings.getByLabel('Organization', { exact: true }).fill('');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Name the organization being audited.')).toBeVisible();
  await settings.getByLabel('Organization', { exact: true }).fill('Acme Cloud GmbH');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByText('Type II 2026-01-01 to 2026-02-28')).toBeVisible();

  // Fixed: six months, no warning.
  await settings.getByLabel('Period end').fill('2026-06-30');
  await expect(settings.getByText(/The period is/)).toHaveCount(0);
  await settings.getByLabel('Time zone of the organization').selectOption('Europe/Berlin');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Type II 2026-01-01 to 2026-06-30')).toBeVisible();
  await expect(page.locator('.audit-header-meta')).toContainText('Acme Cloud GmbH');
  await expect(page.locator('.audit-header-meta')).toContainText('Europe/Berlin');

  // Categories: Security is fixed; Availability brings its controls into scope.
  const categories = page.getByRole('region', { name: 'Trust Services Categories' });
  await expect(categories.getByRole('checkbox', { name: /Security/ })).toBeChecked();
  await expect(categories.getByRole('checkbox', { name: /Security/ })).toBeDisabled();
  await expect(categories.getByText('Security (the common criteria CC1–CC9) is always in scope')).toBeVisible();
  await expect(controlRow(page, 'AV-01')).toContainText('Out of scope');
  await categories.getByRole('checkbox', { name: /Availability/ }).check();
  await expect(controlRow(page, 'AV-01')).toContainText('In scope');
  await expect(controlRow(page, 'PRIV-01')).toContainText('Out of scope');
  await expect(categories.getByRole('checkbox', { name: /Availability/ })).toBeChecked();

  // Systems: trimmed, no duplicates.
  const systems = page.getByRole('region', { name: 'Systems in scope' });
  await systems.getByLabel('System name').fill('  AWS production account ');
  await systems.getByRole('button', { name: 'Add system' }).click();
  await expect(systems.getByRole('listitem')).toHaveText(['AWS production accountRemove']);
  await systems.getByLabel('System name').fill('aws PRODUCTION account');
  await systems.getByRole('button', { name: 'Add system' }).click();
  await expect(systems.getByText('"AWS production account" is already in the list.')).toBeVisible();
  await systems.getByLabel('System name').fill('Okta');
  await systems.getByRole('button', { name: 'Add system' }).click();
  await expect(systems.getByRole('listitem')).toHaveCount(2);
  await app.snap('10-scope');

  // Add a control, with criteria picked from the catalog.
  await page.getByRole('button', { name: 'Add control' }).click();
  const editor = page.getByRole('dialog', { name: 'Add a control' });
  await expect(editor).toBeVisible();
  await editor.getByRole('button', { name: 'Add control' }).click();
  await expect(editor.getByText('Give the control a reference')).toBeVisible();
  await expect(editor.getByText('Pick at least one Trust Services Criterion')).toBeVisible();
  await editor.getByLabel('Ref').fill('ac-01');
  await editor.getByLabel('Title').fill('Badge access review');
  await editor.getByLabel('Description').fill('Facilities review who holds an office badge.');
  await editor.getByLabel('Owner').fill('Facilities');
  await editor.getByLabel('Frequency').selectOption({ label: 'Monthly' });
  await editor.getByLabel('Search criteria').fill('cc6');
  await expect(editor.getByRole('checkbox')).toHaveCount(8);
  await editor.getByRole('checkbox', { name: /^CC6\.4 / }).check();
  await editor.getByLabel('Search criteria').fill('recovery plan');
  await expect(editor.getByRole('checkbox')).toHaveCount(1);
  await editor.getByRole('checkbox', { name: /^A1\.3 / }).check();
  await editor.getByLabel('Search criteria').fill('');
  await expect(editor.getByLabel('Picked criteria')).toContainText('CC6.4');
  await expect(editor.getByLabel('Picked criteria')).toContainText('A1.3');
  await editor.getByRole('button', { name: 'Add control' }).click();
  await expect(editor.getByText('"AC-01" is already used by another control in this audit.')).toBeVisible();
  await editor.getByLabel('Ref').fill('FAC-01');
  await app.snap('11-control-editor');
  await editor.getByRole('button', { name: 'Add control' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText('Added FAC-01.')).toBeVisible();
  const added = controlRow(page, 'FAC-01');
  await expect(added).toContainText('Badge access review');
  await expect(added).toContainText('Monthly');
  await expect(added).toContainText('Facilities');
  await expect(added.locator('.chip')).toHaveText(['CC6.4', 'A1.3']);
  await expect(added).toContainText('In scope');

  // Edit it: a new title, one criterion removed from the chips.
  await page.getByRole('button', { name: 'Edit FAC-01' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit FAC-01' });
  await expect(edit.getByLabel('Title')).toHaveValue('Badge access review');
  await edit.getByLabel('Title').fill('Office badge access review');
  await edit.getByRole('button', { name: 'Remove A1.3' }).click();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(controlRow(page, 'FAC-01')).toContainText('Office badge access review');
  await expect(controlRow(page, 'FAC-01').locator('.chip')).toHaveText(['CC6.4']);

  // Retire it: it leaves the list until "Show retired" is ticked.
  await page.getByRole('button', { name: 'Retire FAC-01' }).click();
  await expect(page.getByText('Retired FAC-01.')).toBeVisible();
  await expect(controlRow(page, 'FAC-01')).toHaveCount(0);
  await page.getByLabel(/Show retired/).check();
  await expect(controlRow(page, 'FAC-01')).toContainText('Retired');
  await expect(page.getByRole('button', { name: 'Restore FAC-01' })).toBeVisible();

  // Import a semicolon-delimited file with a BOM, as Excel writes it in much of Europe.
  const dir = await mkdtemp(join(tmpdir(), 'scope-import-'));
  const csvPath = join(dir, 'control-list.csv');
  const csv = [
    'Control ID;Control Name;Description;Owner;Frequency;TSC Criteria',
    'LOG-01;Log retention;"Logs are kept 1 year; reviewed monthly";Ops;Monthly;CC7.2, CC7.3',
    'LOG-02;Bad criterion;Maps to a criterion that does not exist;Ops;Quarterly;CC6.9',
    'ac-02;Duplicate ref;Same ref as a starter control;;Annual;CC6.2',
    'VEN-09;Vendor inventory;"Kept in the',
    'procurement tool";Procurement;annually;CC9.2',
  ].join('\r\n');
  await writeFile(csvPath, `\uFEFF${csv}\r\n`, 'utf8');

  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const importer = page.getByRole('region', { name: 'Import controls from CSV' });
  await importer.getByLabel('CSV file').setInputFiles(csvPath);
  await expect(importer.getByText('control-list.csv')).toBeVisible();
  // Headers differ from the app's: the mapping is shown with its guesses.
  await expect(importer.getByRole('combobox', { name: 'Ref' })).toHaveValue('0');
  await expect(importer.getByRole('combobox', { name: 'Criteria' })).toHaveValue('5');
  await expect(importer.getByRole('combobox', { name: 'Ref' }).locator('option:checked')).toHaveText('Control ID');
  const preview = importer.getByRole('table', { name: 'Import preview' });
  await expect(preview.getByRole('row')).toHaveCount(5);
  await expect(preview).toContainText('Line 3: Criterion "CC6.9" is not a Trust Services Criterion.');
  await expect(preview).toContainText('Line 4: Ref "ac-02" already exists in this audit.');
  await expect(preview.getByRole('row').filter({ hasText: 'VEN-09' }).getByRole('cell').first()).toHaveText('5');
  await expect(importer.getByText('2 rows with errors will be skipped.')).toBeVisible();
  await app.snap('12-csv-import-preview');
  // Nothing is written before the confirmation.
  await expect(controlRow(page, 'LOG-01')).toHaveCount(0);
  await importer.getByRole('button', { name: 'Import 2 controls' }).click();
  await expect(page.getByText('Imported 2 controls from control-list.csv.')).toBeVisible();
  await expect(importer).toBeHidden();
  await expect(controlRow(page, 'LOG-01')).toContainText('Log retention');
  await expect(controlRow(page, 'VEN-09')).toContainText('Annual');
  await expect(controlRow(page, 'LOG-02')).toHaveCount(0);

  // Delete an imported control that nothing points at.
  await page.getByRole('button', { name: 'Delete VEN-09' }).click();
  await controlRow(page, 'VEN-09').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Deleted VEN-09.')).toBeVisible();
  await expect(controlRow(page, 'VEN-09')).toHaveCount(0);

  // Export: the downloaded file is the control matrix, retired control included.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('controls-soc-2-type-ii-fy2026.csv');
  const exported = await readFile((await download.path()) ?? '', 'utf8');
  expect(exported.startsWith('\uFEFFRef,Title,Description,Owner,Frequency,Criteria,Status\r\n')).toBe(true);
  expect(exported).toContain('FAC-01,Office badge access review,Facilities review who holds an office badge.,Facilities,monthly,CC6.4,Retired\r\n');
  expect(exported).toContain('LOG-01,Log retention,Logs are kept 1 year; reviewed monthly,Ops,monthly,CC7.2; CC7.3,Active\r\n');
  expect(exported).not.toContain('VEN-09');
  await expect(page.getByText('Exported 47 controls to controls-soc-2-type-ii-fy2026.csv.')).toBeVisible();

  // A control with evidence offers no delete.
  const fileDir = await mkdtemp(join(tmpdir(), 'scope-evidence-'));
  const evidencePath = join(fileDir, 'access-review.txt');
  await writeFile(evidencePath, 'reviewed\n');
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: /Fieldwork/ }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  app.bridge.answerFileDialog([evidencePath]);
  await page.locator('section.detail').getByRole('button', { name: 'Attach files…' }).click();
  await expect(page.locator('section.detail').getByRole('article', { name: 'access-review.txt' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: /Scope/ }).click();
  const withEvidence = controlRow(page, 'AC-01');
  await expect(withEvidence).toContainText('Has evidence — retire instead');
  await expect(withEvidence.getByRole('cell').nth(5)).toHaveText('1');
  await expect(page.getByRole('button', { name: 'Delete AC-01' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retire AC-01' })).toBeVisible();
});
