import { expect, test } from './fixtures';

/**
 * First run (issue #16): a fresh installation opens on a welcome that explains the flow in three
 * steps, offers the sample audit, and asks the reviewer's name and role once. It stays out of
 * the way: skipped, or left for an audit, it does not come back, restart or not.
 */

test('the welcome explains the flow, asks name and role once, offers the sample, and does not come back', async ({ app }) => {
  let page = app.page;
  const welcome = page.getByRole('region', { name: 'Welcome to Evidence Locker' });
  await expect(welcome).toBeVisible();
  const steps = welcome.getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Set up the audit');
  await expect(steps.nth(1)).toContainText('Capture evidence');
  await expect(steps.nth(2)).toContainText('Review, sign off and export');
  // The ordinary empty list is not shown under it.
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toHaveCount(0);
  await app.snap('first-run-welcome');

  // Name and role: refused empty, then saved once, as the reviewer identity Settings shows.
  const form = welcome.getByRole('form', { name: 'Will you approve evidence on this computer?' });
  await form.getByRole('button', { name: 'Save name and role' }).click();
  await expect(form.getByText('Enter your name.')).toBeVisible();
  await expect(form.getByText('Enter your role.')).toBeVisible();
  await form.getByLabel('Your name').fill('  Dana Whitfield ');
  await form.getByLabel('Role').fill('IT Manager');
  await form.getByRole('button', { name: 'Save name and role' }).click();
  await expect(welcome.getByRole('status')).toHaveText('You sign off as Dana Whitfield, IT Manager. You can change it in the reviewer settings.');
  await expect(form).toHaveCount(0);
  await app.snap('first-run-welcome-reviewer-saved');

  // Asked once: after a restart the welcome is still there (nothing was started yet) but knows the reviewer.
  page = await app.restart();
  const again = page.getByRole('region', { name: 'Welcome to Evidence Locker' });
  await expect(again.getByRole('status')).toContainText('You sign off as Dana Whitfield, IT Manager.');
  await expect(again.getByLabel('Your name')).toHaveCount(0);
  await again.getByRole('link', { name: 'reviewer settings' }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('Dana Whitfield');
  await expect(page.getByLabel('Role')).toHaveValue('IT Manager');
  await expect(page.getByTestId('key-fingerprint')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

  // The sample: the welcome leads to the import page's built-in sample.
  await page.getByRole('link', { name: 'Evidence Locker' }).click();
  await page.getByRole('region', { name: 'Welcome to Evidence Locker' }).getByRole('link', { name: 'Explore a sample audit' }).click();
  await expect(page.getByRole('button', { name: 'Use the built-in sample audit' })).toBeVisible();

  // Left for the sample, the welcome is done with: back on the list, the plain empty state, and after a restart too.
  await page.getByRole('link', { name: 'Evidence Locker' }).click();
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome to Evidence Locker' })).toHaveCount(0);
  page = await app.restart();
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome to Evidence Locker' })).toHaveCount(0);
});

test('the welcome can be skipped without a name, and an installation that has audits never shows it', async ({ app }) => {
  let page = app.page;
  const welcome = page.getByRole('region', { name: 'Welcome to Evidence Locker' });
  await welcome.getByRole('button', { name: 'Skip the welcome' }).click();
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toBeVisible();
  await expect(welcome).toHaveCount(0);
  page = await app.restart();
  await expect(page.getByRole('heading', { name: 'No audits yet' })).toBeVisible();

  // A second installation whose user goes straight to New audit in the header: once an audit
  // exists, the list shows it and no welcome.
  const fresh = await app.launchFresh();
  await expect(fresh.page.getByRole('region', { name: 'Welcome to Evidence Locker' })).toBeVisible();
  await fresh.page.getByRole('link', { name: 'New audit' }).first().click();
  await fresh.page.getByLabel('Audit name').fill('FY2026');
  await fresh.page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await fresh.page.getByRole('button', { name: 'Create audit' }).click();
  await expect(fresh.page.getByRole('heading', { name: 'FY2026' })).toBeVisible();
  await fresh.page.getByRole('link', { name: 'Evidence Locker' }).click();
  await expect(fresh.page.getByRole('link', { name: /FY2026/ }).first()).toBeVisible();
  await expect(fresh.page.getByRole('region', { name: 'Welcome to Evidence Locker' })).toHaveCount(0);
});
