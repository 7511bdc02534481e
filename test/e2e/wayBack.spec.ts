import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

/** Issue #13: every audit page says where it is and how to get back; Settings returns where you were. */
test('audit pages carry a breadcrumb, and Settings leads back to the review queue it was opened from', async ({ app }) => {
  const page = app.page;
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('Way back FY2026');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByRole('button', { name: 'Create audit' }).click();

  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link')).toHaveText(['All audits', 'Way back FY2026', 'Scope']);
  await expect(crumbs.getByRole('link', { name: 'Scope' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Fieldwork views' }).getByRole('link', { name: 'Review' }).click();
  await expect(crumbs.getByRole('link')).toHaveText(['All audits', 'Way back FY2026', 'Fieldwork', 'Review']);
  await snapAtWidths(app, '94-breadcrumb-review');

  await page.getByRole('link', { name: 'Export bundle' }).click();
  await expect(crumbs.getByRole('link')).toHaveText(['All audits', 'Way back FY2026', 'Export bundle']);
  await page.goBack();

  // No reviewer yet: the queue sends the user to Settings, and Settings sends them back.
  const queueUrl = page.url();
  await page.getByRole('link', { name: 'Set reviewer identity' }).click();
  await expect(page.getByRole('heading', { name: /Reviewer, signing key/ })).toBeVisible();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();
  // Segregation of duties is a setting here, warn by default.
  const sod = page.getByRole('region', { name: 'Segregation of duties' });
  await expect(sod.getByRole('radio', { name: /Warn/ })).toBeChecked();
  // A click, not check(): the choice shows once it is saved (and logged), a moment later.
  await sod.getByRole('radio', { name: /Forbid/ }).click();
  await expect(sod.getByRole('radio', { name: /Forbid/ })).toBeChecked();
  await snapAtWidths(app, '97-settings-sod');
  await page.getByRole('link', { name: '← Back to Fieldwork › Review' }).click();
  expect(page.url()).toBe(queueUrl);
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();

  // The breadcrumb's first link is the way out to every audit.
  await crumbs.getByRole('link', { name: 'All audits' }).click();
  await expect(page.getByRole('link', { name: /^Way back FY2026/ })).toBeVisible();
});
