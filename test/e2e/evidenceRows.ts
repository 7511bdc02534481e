import { expect, type Locator } from '@playwright/test';

/**
 * Opens an evidence row's details (capture facts, sign-off history, editing, withdrawal) if they
 * are closed: a control's items are compact rows since issue #13.
 */
export async function openDetails(row: Locator): Promise<Locator> {
  const toggle = row.locator('button[aria-expanded]').first();
  if ((await toggle.getAttribute('aria-expanded', { timeout: 15_000 })) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return row;
}
