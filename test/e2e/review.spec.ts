import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { openDetails } from './evidenceRows';
import { expect, test } from './fixtures';
import { snapAtWidths } from './widths';

/** A PNG that looks like a screenshot of an admin console: a title bar, a sidebar and table rows. */
function consolePng(width: number, height: number, accent: readonly [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (width * y + x) * 4;
      const titleBar = y < 40;
      const sidebar = x < 150 && !titleBar;
      const row = y >= 80 && (y - 80) % 32 < 24 && x > 180 && x < width - 30;
      const [r, g, b] = titleBar ? accent : sidebar ? [236, 239, 244] : row ? ((y - 80) / 32) % 2 < 1 ? [232, 240, 252] : [246, 247, 249] : [255, 255, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * Rewrites every sign-off row in IndexedDB to claim approval, as someone editing the profile by
 * hand would. A string, because it runs in the page and the e2e tsconfig has no DOM types.
 */
const FLIP_REJECTIONS_TO_APPROVALS = `new Promise((resolve, reject) => {
  const open = indexedDB.open('evidence-locker');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('signoffs', 'readwrite');
    const store = tx.objectStore('signoffs');
    const all = store.getAll();
    all.onsuccess = () => {
      for (const row of all.result) store.put({ ...row, payload: { ...row.payload, decision: 'approved' } });
    };
    tx.oncomplete = () => { db.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
})`;

test('a manager reviews evidence in bulk from the keyboard, rejects one item, and approves its re-capture', async ({ app }) => {
  const page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'review-evidence-'));
  const files = {
    reviewShot: join(dir, 'okta-access-review-q4.png'),
    userList: join(dir, 'okta-users-export.csv'),
    signoffNote: join(dir, 'access-review-signoff.txt'),
    mfaShot: join(dir, 'mfa-policy.png'),
    mfaShotFixed: join(dir, 'mfa-policy-all-users.png'),
  };
  await writeFile(files.reviewShot, consolePng(1200, 700, [20, 33, 61]));
  await writeFile(files.userList, 'user,role,last_login,reviewed_by\nalice,admin,2026-10-01,dana\nbob,viewer,2026-09-11,dana\ncarol,viewer,2026-10-20,dana\n');
  await writeFile(files.signoffNote, 'Q4 access review completed.\nRemoved: 2 stale accounts (tickets IT-1042, IT-1043).\n');
  await writeFile(files.mfaShot, consolePng(900, 560, [120, 40, 40]));
  await writeFile(files.mfaShotFixed, consolePng(900, 560, [29, 122, 70]));

  // 1. The reviewer sets a name and role once; the key is made then and its fingerprint shown.
  await page.getByRole('link', { name: 'Reviewer & key' }).click();
  await expect(page.getByRole('heading', { name: 'Reviewer, signing key and keyring' })).toBeVisible();
  await expect(page.getByText('No key yet.')).toBeVisible();
  await page.getByLabel('Your name').fill('Dana Reviewer');
  await page.getByLabel('Role').fill('IT Manager');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  const fingerprint = page.getByTestId('key-fingerprint');
  await expect(fingerprint).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await expect(page.getByText('It does not prove who the person is')).toBeVisible();
  await expect(page.getByText('The private key cannot be exported')).toBeVisible();
  await expect(page.getByText('Created', { exact: true })).toBeVisible();
  const keyPrint = (await fingerprint.textContent()) ?? '';
  await app.snap('50-settings');

  // 2. An audit with three files on AC-01 and one on AC-02.
  await page.getByRole('link', { name: 'All audits' }).click();
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II review');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II review' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  const detail = page.locator('section.detail');

  await checklist.getByRole('link', { name: /AC-01/ }).click();
  app.bridge.answerFileDialog([files.reviewShot, files.userList, files.signoffNote]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByText('Attached 3 files.')).toBeVisible();
  await expect(detail.getByRole('article')).toHaveCount(3);
  for (const card of await detail.getByRole('article').all()) await expect(card.getByTestId('review-status')).toHaveText(/Pending/);

  await checklist.getByRole('link', { name: /AC-02/ }).click();
  app.bridge.answerFileDialog([files.mfaShot]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('article', { name: 'mfa-policy.png' })).toBeVisible();

  // 3. The review queue: grouped by control and slot, a large preview, the full hash.
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  await expect(page.getByText('4 items waiting')).toBeVisible();
  await expect(page.getByText(`Signing as Dana Reviewer (IT Manager) with key ${keyPrint.slice(0, 19)}…`)).toBeVisible();
  const queue = page.getByRole('region', { name: 'Items waiting for review' });
  // The queue is one virtual list (issue #12): each control is a heading line, not a section.
  await expect(queue.getByRole('heading', { name: 'AC-01 (3 items)' })).toBeVisible();
  await expect(queue.getByRole('heading', { name: 'AC-02 (1 item)' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Keyboard shortcuts' })).toContainText('approve selected (or current)');

  const preview = page.getByRole('article', { name: 'okta-access-review-q4.png' });
  const fullPreview = preview.getByRole('img', { name: 'Full preview of okta-access-review-q4.png' });
  await expect(fullPreview).toBeVisible();
  // The preview is the stored image itself, not the 320 px thumbnail.
  await expect(fullPreview).toHaveJSProperty('naturalWidth', 1200);
  await expect(preview.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);

  // 4. Select the three AC-01 items and approve them, all from the keyboard.
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await expect(page.getByRole('article', { name: 'okta-users-export.csv' }).getByLabel('Contents of okta-users-export.csv')).toContainText('alice,admin');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const decision = page.getByRole('form', { name: 'Decision' });
  await expect(decision).toContainText('Decide on 3 items selected');
  await expect(queue.getByRole('checkbox', { checked: true })).toHaveCount(3);
  await app.snap('51-review-queue');
  await page.keyboard.press('a');
  await expect(page.getByRole('status').filter({ hasText: 'Approved 3 items' })).toBeVisible();
  await expect(page.getByText('1 item waiting · 3 approved · 0 rejected')).toBeVisible();

  // 5. Reject the AC-02 item: a comment is required, and the reason is shown when it is missing.
  await expect(page.getByRole('article', { name: 'mfa-policy.png' })).toBeVisible();
  await page.keyboard.press('r');
  const comment = decision.getByLabel(/Comment/);
  await expect(comment).toBeFocused();
  await expect(comment).toHaveValue('');
  await decision.getByRole('button', { name: /Reject/ }).click();
  await expect(decision.getByRole('alert')).toHaveText('Say why the evidence is rejected: the collector sees this comment.');
  await comment.fill('The policy shown applies to admins only. Capture the MFA policy for all users.');
  await comment.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Rejected 1 item' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nothing waits for review' })).toBeVisible();

  // 6. The collector sees the rejection on AC-02 and re-captures with a replacement file.
  await views.getByRole('link', { name: 'Controls' }).click();
  // Not green "1 evidence": the control needs rework until the rejected item is replaced.
  await expect(checklist.getByRole('link', { name: /AC-02/ })).toContainText('rework needed: 1 rejected of 1');
  await snapAtWidths(app, '95-checklist-rework');
  await checklist.getByRole('link', { name: /AC-02/ }).click();
  const rejected = detail.getByRole('article', { name: 'mfa-policy.png' });
  await expect(rejected.getByTestId('review-status')).toContainText('Rejected');
  await expect(rejected.getByTestId('review-status')).toContainText('by Dana Reviewer (IT Manager)');
  await expect(rejected.getByTestId('rejection-comment')).toHaveText('The policy shown applies to admins only. Capture the MFA policy for all users.');
  await app.snap('52-rejected-item');
  await rejected.getByRole('button', { name: 'Re-capture' }).click();
  app.bridge.answerFileDialog([files.mfaShotFixed]);
  await rejected.getByRole('button', { name: 'Attach replacement file…' }).click();
  const replacement = detail.getByRole('article', { name: 'mfa-policy-all-users.png' });
  await expect(replacement.getByTestId('review-status')).toHaveText(/Pending/);
  await expect(replacement.getByText('Replaces mfa-policy.png.')).toBeVisible();
  await expect(rejected.getByText('Superseded by mfa-policy-all-users.png')).toBeVisible();
  await expect(rejected.getByRole('button', { name: 'Re-capture' })).toHaveCount(0);
  await expect(checklist.getByRole('link', { name: /AC-02/ })).not.toContainText('rework needed');

  // 7. The replacement is in the queue, flagged as a re-capture; the reviewer approves it.
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('1 item waiting')).toBeVisible();
  await expect(queue.getByText('Re-capture of a rejected item')).toBeVisible();
  const replacementPreview = page.getByRole('article', { name: 'mfa-policy-all-users.png' });
  await expect(replacementPreview).toContainText('The policy shown applies to admins only.');
  await decision.getByRole('button', { name: /Approve/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved 1 item' })).toBeVisible();

  // 8. AC-02 keeps the rejected item as superseded history; the replacement is approved.
  await views.getByRole('link', { name: 'Controls' }).click();
  await checklist.getByRole('link', { name: /AC-02/ }).click();
  await expect(detail.getByRole('article')).toHaveCount(2);
  await expect(rejected.getByText('Superseded by mfa-policy-all-users.png')).toBeVisible();
  await expect(rejected.getByTestId('review-status')).toContainText('Rejected');
  await expect(replacement.getByTestId('review-status')).toContainText('Approved');
  await expect(replacement.getByTestId('review-status')).toContainText('by Dana Reviewer (IT Manager)');
  await openDetails(replacement);
  await replacement.getByText('Sign-off history (1)').click();
  await expect(replacement.getByText('Signature verified')).toBeVisible();
  await app.snap('53-recaptured');

  await checklist.getByRole('link', { name: /AC-01/ }).click();
  for (const card of await detail.getByRole('article').all()) await expect(card.getByTestId('review-status')).toContainText('Approved');
});

test('the queue asks for a reviewer identity first, and a sign-off altered in the database shows as invalid everywhere', async ({ app }) => {
  let page = app.page;
  const dir = await mkdtemp(join(tmpdir(), 'review-tamper-'));
  const shot = join(dir, 'firewall-rules.png');
  await writeFile(shot, consolePng(1000, 600, [60, 60, 140]));

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 tamper check');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByLabel(/Type II/).check();
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  app.bridge.answerFileDialog([shot]);
  await page.locator('section.detail').getByRole('button', { name: 'Attach files…' }).click();
  await expect(page.locator('section.detail').getByRole('article', { name: 'firewall-rules.png' })).toBeVisible();

  // Without an identity the queue shows the item but offers no decision, only the way to settings.
  const views = page.getByRole('navigation', { name: 'Fieldwork views' });
  await views.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Set your reviewer identity to sign off' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Approve/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  const reviewUrl = page.url();
  await page.getByRole('link', { name: 'Set reviewer identity' }).click();
  await page.getByLabel('Your name').fill('Sam Ops');
  await page.getByLabel('Role').fill('Security Lead');
  await page.getByRole('button', { name: 'Save and create key' }).click();
  await expect(page.getByTestId('key-fingerprint')).toBeVisible();

  await page.goto(reviewUrl);
  await page.getByRole('form', { name: 'Decision' }).getByLabel(/Comment/).fill('Rules older than 90 days are not shown.');
  await page.getByRole('button', { name: /Reject/ }).click();
  await expect(page.getByRole('heading', { name: 'Nothing waits for review' })).toBeVisible();

  // Someone flips the rejection to an approval directly in IndexedDB, behind the app.
  await page.evaluate(FLIP_REJECTIONS_TO_APPROVALS);
  page = app.page;
  await page.reload();

  // The altered sign-off counts for nothing: the item is back in the queue, flagged with the reason.
  await expect(page.getByText('1 item waiting · 0 approved · 0 rejected')).toBeVisible();
  const queue = page.getByRole('region', { name: 'Items waiting for review' });
  await expect(queue.getByText('Sign-off invalid: the signature does not verify')).toBeVisible();
  await expect(page.getByRole('article', { name: 'firewall-rules.png' }).getByTestId('signoff-invalid')).toContainText(
    'Sign-off invalid: the signature does not verify',
  );
  await app.snap('54-invalid-signoff-queue');

  await views.getByRole('link', { name: 'Controls' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  const card = page.locator('section.detail').getByRole('article', { name: 'firewall-rules.png' });
  await expect(card.getByTestId('review-status')).toContainText('Pending');
  await expect(card.getByTestId('signoff-invalid')).toContainText('Sign-off invalid — the signature does not verify');
  await openDetails(card);
  await card.getByText('Sign-off history (1)').click();
  await expect(card.locator('details.signoff-history').getByText('Sign-off invalid — the signature does not verify', { exact: true })).toBeVisible();
});
