import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { CAPTURE_ACCELERATOR } from '../../shared/capture/shortcut';
import { paintRootPattern, requireDisplay, screenSize } from '../support/display';
import { HOSTILE_NAMES } from '../support/hostileNames';
import { visibleName } from '../../shared/files/visibleName';
import { openDetails } from './evidenceRows';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

/**
 * The scenario: drop files onto a control, capture with a delay, crop and redact, save
 * with one key; then check the screen and the store, decoding the saved PNG against the pattern
 * that was on the (Xvfb) screen.
 */

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function storedHashes(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name)).map((e) => e.name);
}

/** A new audit with the starter controls, opened on one control of its Fieldwork step. */
async function openControl(page: Page, auditName: string, ref: string): Promise<Locator> {
  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill(auditName);
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud');
  await page.getByRole('button', { name: 'Create audit' }).click();
  await page.getByRole('navigation', { name: 'Audit steps' }).getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: new RegExp(ref) }).click();
  return page.locator('section.detail');
}

/** Drops files onto an element the way a file manager does: dragenter/over, then drop with a DataTransfer. */
async function dropFiles(page: Page, selector: string, files: { name: string; text: string; type: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    // Runs in the page; the test's own TypeScript config has no DOM types.
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string; lastModified: number }) => unknown;
    };
    const dt = new dom.DataTransfer();
    for (const f of list) dt.items.add(new dom.File([f.text], f.name, { type: f.type, lastModified: Date.parse('2026-04-01T09:30:00Z') }));
    return dt;
  }, files);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

/**
 * Where an element is once it has stopped moving: the mouse drags below go to raw coordinates,
 * which Playwright does not wait on, and under load the editor's canvas can still be laid out
 * (its image decoding) a moment after the dialog shows. Two equal measurements 100 ms apart.
 */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = '';
  for (let i = 0; i < 100; i += 1) {
    const box = await locator.boundingBox();
    const now = JSON.stringify(box);
    if (box && box.width > 0 && now === last) return box;
    last = now;
    await locator.page().waitForTimeout(100);
  }
  throw new Error(`the element did not settle on screen: last seen at ${last}`);
}

test('drop files onto a control, capture with a delay, crop and redact, save with one key', async ({ app }) => {
  test.setTimeout(120_000);
  requireDisplay();
  const patternPng = paintRootPattern();
  const page = app.page;

  const detail = await openControl(page, 'FY2026 capture', 'AC-01');
  const checklist = page.getByRole('navigation', { name: 'Controls' });
  const bar = 'section.detail .capture-bar';

  // 1. Two files dropped at once, one with a right-to-left override hidden in its name.
  const csv = 'user,role\nalice,admin\nbob,viewer\n';
  const hostile = 'access-review\u202Evsc.exe';
  await dropFiles(page, bar, [
    { name: 'okta-users.csv', text: csv, type: 'text/csv' },
    { name: hostile, text: 'not really an exe', type: 'application/octet-stream' },
  ]);
  await expect(detail.getByRole('status')).toHaveText('Attached 2 files.');
  await expect(detail.getByRole('article')).toHaveCount(2);
  await expect(detail.getByRole('article', { name: 'access-review⟨U+202E⟩vsc.exe' })).toBeVisible();
  expect(await storedHashes(app.bridge.store.root)).toContain(sha(new TextEncoder().encode(csv)));

  // 2. The same bytes again, on another control: not stored twice; offered as a link instead.
  await checklist.getByRole('link', { name: /AC-02/ }).click();
  await expect(detail.getByText('No evidence yet')).toBeVisible();
  await dropFiles(page, bar, [{ name: 'okta-users (1).csv', text: csv, type: 'text/csv' }]);
  const duplicate = detail.locator('.duplicate-notice');
  await expect(duplicate).toContainText('okta-users (1).csv is already stored as okta-users.csv');
  await expect(duplicate).toContainText('under AC-01');
  await app.snap('60-duplicate-offered-as-link');
  await duplicate.getByRole('button', { name: 'Link it to AC-02 too' }).click();
  await expect(detail.getByRole('article', { name: 'okta-users.csv' })).toBeVisible();
  await expect(detail.getByRole('status')).toHaveText('Linked okta-users.csv to AC-02.');

  // 3. A delayed capture: the countdown shows, then the editor opens on the raw capture.
  await checklist.getByRole('link', { name: /AC-01/ }).click();
  const before = new Set(await storedHashes(app.bridge.store.root));
  await detail.getByLabel('Delay').selectOption('3');
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  await expect(detail.getByRole('status')).toHaveText(/Capturing in [1-3] s…/);
  const editor = page.getByRole('dialog', { name: 'Edit capture' });
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await expect(editor.getByRole('status')).toContainText('Whole screen');

  // 4. Crop by dragging, then redact two boxes (the editor switches to Redact after a crop); undo one.
  const { width: screenW, height: screenH } = screenSize();
  const box = await settledBox(editor.locator('canvas'));
  const toImage = (fx: number, fy: number) => ({ x: Math.round(fx * screenW), y: Math.round(fy * screenH) });
  const at = (fx: number, fy: number) => ({ x: box.x + fx * box.width, y: box.y + fy * box.height });
  const drag = async (from: [number, number], to: [number, number]): Promise<void> => {
    const a = at(...from);
    const b = at(...to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
    await page.mouse.move(b.x, b.y);
    await page.mouse.up();
  };
  await drag([0.1, 0.1], [0.7, 0.6]);
  await expect(editor.getByRole('radio', { name: /Redact/ })).toHaveAttribute('aria-checked', 'true');
  await drag([0.2, 0.2], [0.35, 0.3]);
  await drag([0.5, 0.4], [0.6, 0.5]);
  await expect(editor.getByRole('status')).toContainText('2 boxes redacted');
  await editor.press('Control+z');
  await expect(editor.getByRole('status')).toContainText('1 box redacted');
  await expect(editor.getByRole('status')).toContainText('only its SHA-256');
  // The stamp that will be saved, drawn for the cropped width, shown before saving.
  await expect(editor.getByRole('img', { name: 'Evidence stamp that will be added below the image' })).toBeVisible();
  const croppedWidth = Number(/Cropped to (\d+) ×/.exec((await editor.getByRole('status').textContent()) ?? '')?.[1]);
  const stampWidth = await editor.getByRole('img', { name: /Evidence stamp/ }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
  expect(stampWidth).toBe(Math.max(640, croppedWidth));
  await app.snap('61-capture-editor');

  // 5. One key saves, wherever focus is: even right after a toolbar button was clicked.
  await editor.getByRole('radio', { name: /Redact/ }).click();
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(detail.getByRole('status')).toContainText(/Saved AC-01 screenshot .* edited and stamped/);
  const card = detail.getByRole('article').filter({ hasText: 'Screenshot' });
  await expect(card).toHaveCount(1);
  await openDetails(card);
  await expect(card.getByTestId('processing')).toHaveText(/^cropped to \d+ × \d+ at \(\d+, \d+\), 1 region redacted, stamped$/);
  await expect(card.getByTestId('original')).toContainText('not kept (redacted)');
  await app.snap('62-control-after-capture');

  // 6. The store: exactly one new file — the evidence image; the redacted raw capture is nowhere.
  const added = (await storedHashes(app.bridge.store.root)).filter((h) => !before.has(h));
  expect(added).toHaveLength(1);
  const [imageHash] = added;
  await expect(card.getByTestId('sha256')).toHaveText(imageHash ?? '');
  const image = PNG.sync.read(await readFile(app.bridge.store.pathOf(imageHash ?? '')));
  // The saved evidence image itself, stamp included, for a person to look at.
  await copyFile(app.bridge.store.pathOf(imageHash ?? ''), join(SCREENSHOT_DIR, '64-saved-evidence-image.png'));
  const pattern = PNG.sync.read(patternPng);

  // The crop as the editor computed it, within a pixel of the drag (pointer positions round).
  const [cropText] = /cropped to .*? at \(\d+, \d+\)/.exec((await card.getByTestId('processing').textContent()) ?? '') ?? [''];
  const [, cw, ch, cx, cy] = (/cropped to (\d+) × (\d+) at \((\d+), (\d+)\)/.exec(cropText) ?? []).map(Number);
  const crop = { x: cx ?? -1, y: cy ?? -1, width: cw ?? -1, height: ch ?? -1 };
  const expected = { from: toImage(0.1, 0.1), to: toImage(0.7, 0.6) };
  expect(Math.abs(crop.x - expected.from.x)).toBeLessThanOrEqual(2);
  expect(Math.abs(crop.width - (expected.to.x - expected.from.x))).toBeLessThanOrEqual(2);
  // Exact crop width; the stamp adds rows below.
  expect(image.width).toBe(Math.max(crop.width, 640));
  expect(image.height).toBeGreaterThan(crop.height);

  const px = (png: PNG, x: number, y: number): string => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)].join();
  // Inside the kept redaction box (well inside, away from rounding at its edges): only black.
  const red = { from: toImage(0.2, 0.2), to: toImage(0.35, 0.3) };
  for (let y = red.from.y + 2; y < red.to.y - 2; y += 3) {
    for (let x = red.from.x + 2; x < red.to.x - 2; x += 3) expect(px(image, x - crop.x, y - crop.y)).toBe('0,0,0');
  }
  // The undone box was not burned in: those pixels are the screen's.
  const undone = toImage(0.55, 0.45);
  expect(px(image, undone.x - crop.x, undone.y - crop.y)).toBe(px(pattern, undone.x, undone.y));
  // Elsewhere the crop is the screen, pixel for pixel.
  for (const [fx, fy] of [[0.12, 0.12], [0.69, 0.59], [0.4, 0.15], [0.15, 0.5]] as const) {
    const p = toImage(fx, fy);
    expect(px(image, p.x - crop.x, p.y - crop.y)).toBe(px(pattern, p.x, p.y));
  }

  // 7. The global shortcut captures for the control used last; Escape discards, storing nothing.
  const count = (await storedHashes(app.bridge.store.root)).length;
  await detail.getByLabel('Delay').selectOption('0');
  // Nothing focused (the evidence row opened above had focus), as after switching from another app.
  await page.locator('h1').first().click();
  app.bridge.pressGlobalShortcut(CAPTURE_ACCELERATOR);
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await expect(editor).toContainText('Capture for AC-01');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(detail.getByRole('status')).toHaveText('Capture discarded; nothing was stored.');
  expect(await storedHashes(app.bridge.store.root)).toHaveLength(count);
  // Focus comes back to the bar (issue #13: it was left on the page body), here to its Capture
  // button, as nothing on the page had focus when the shortcut was pressed.
  const captureButton = detail.getByRole('button', { name: 'Capture screen' });
  await expect(captureButton).toBeFocused();

  // Opened with the button, the editor gives focus back to it, and Tab goes on from there.
  await page.locator('h1').first().click();
  await captureButton.click();
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await expect(editor).toBeFocused();
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(captureButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(detail.getByRole('button', { name: 'Attach files…' })).toBeFocused();
});

test('a capture saved without edits keeps the raw capture as its original, and the stamp adds rows', async ({ app }) => {
  requireDisplay();
  paintRootPattern();
  const page = app.page;
  const detail = await openControl(page, 'FY2026 plain capture', 'AC-01');
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  await page.getByRole('dialog', { name: 'Edit capture' }).press('Control+s');
  const card = detail.getByRole('article').filter({ hasText: 'Screenshot' });
  await openDetails(card);
  await expect(card.getByTestId('processing')).toHaveText('stamped');
  await expect(card.getByTestId('original')).toContainText('kept as the original');

  const stored = await storedHashes(app.bridge.store.root);
  expect(stored).toHaveLength(2);
  const imageHash = (await card.getByTestId('sha256').textContent()) ?? '';
  const rawHash = stored.find((h) => h !== imageHash) ?? '';
  await expect(card.getByTestId('original')).toContainText(rawHash);
  const raw = PNG.sync.read(await readFile(app.bridge.store.pathOf(rawHash)));
  const image = PNG.sync.read(await readFile(app.bridge.store.pathOf(imageHash)));
  expect(image.width).toBe(raw.width);
  expect(image.height).toBeGreaterThan(raw.height + 40);
  // Every original pixel identical; the rows below are the stamp.
  expect(image.data.subarray(0, raw.data.length).equals(raw.data)).toBe(true);
  await app.snap('63-plain-capture-card');
});

test('hostile names dropped at once are stored and shown safely; a pasted image opens in the editor', async ({ app }) => {
  const page = app.page;
  const detail = await openControl(page, 'FY2026 drops', 'AC-03');

  // Different bytes per file, so none is a duplicate of another.
  await dropFiles(page, 'section.detail .capture-bar', HOSTILE_NAMES.map((name, i) => ({ name, text: `file ${i}`, type: '' })));
  await expect(detail.getByRole('status')).toHaveText(`Attached ${HOSTILE_NAMES.length} files.`);
  await expect(detail.getByRole('article')).toHaveCount(HOSTILE_NAMES.length);
  for (const name of HOSTILE_NAMES) await expect(detail.getByRole('article', { name: visibleName(name), exact: true })).toHaveCount(1);
  // Markup in a name stayed text: no element was made from it.
  await expect(detail.locator('img[src="x"], svg[onload]')).toHaveCount(0);
  const stored = await storedHashes(app.bridge.store.root);
  for (const i of HOSTILE_NAMES.keys()) expect(stored).toContain(sha(new TextEncoder().encode(`file ${i}`)));
  await app.snap('65-hostile-names-dropped');

  // Paste an image from the clipboard (the user pressed Ctrl+V on the page).
  const png = PNG.sync.write(Object.assign(new PNG({ width: 40, height: 30 }), { data: Buffer.alloc(40 * 30 * 4, 200) }));
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
  // A pasted PNG opens in the editor, like a capture, to crop, redact and stamp.
  const editor = page.getByRole('dialog', { name: 'Edit capture' });
  await expect(editor).toContainText('Pasted image for AC-03');
  await expect(editor.getByRole('status')).toContainText('Whole screen, 40 × 30 px');
  await editor.press('Enter');
  const pasted = detail.getByRole('article', { name: /^AC-03 pasted image \d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2} UTC\.png$/ });
  await expect(pasted).toBeVisible();
  await openDetails(pasted);
  await expect(pasted.getByText('dropped or pasted')).toBeVisible();
  await expect(pasted.getByTestId('processing')).toHaveText('stamped');
  // Not redacted: the pasted bytes are kept as the original, beside the stamped image.
  expect(await storedHashes(app.bridge.store.root)).toContain(sha(png));
});

test('crop and redact from the keyboard alone: exact boxes, burned in', async ({ app }) => {
  requireDisplay();
  const patternPng = paintRootPattern();
  const page = app.page;
  const detail = await openControl(page, 'FY2026 keyboard', 'AC-01');
  await detail.getByRole('button', { name: 'Capture screen' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit capture' });
  await expect(editor).toBeVisible();
  // B: a crop box, the centred quarter. R, B: a redaction box in the same place; Shift+→ moves
  // it 10 px right, Alt+↓ makes it 1 px taller (clipped by the crop).
  for (const key of ['b', 'r', 'b', 'Shift+ArrowRight', 'Alt+ArrowDown']) await editor.press(key);
  const { width, height } = screenSize();
  const crop = { x: Math.round((width - Math.round(width / 4)) / 2), y: Math.round((height - Math.round(height / 4)) / 2), width: Math.round(width / 4), height: Math.round(height / 4) };
  await expect(editor.getByRole('status')).toContainText(`Cropped to ${crop.width} × ${crop.height} px · 1 box redacted`);
  await editor.press('Enter');
  const card = detail.getByRole('article').filter({ hasText: 'Screenshot' });
  await openDetails(card);
  await expect(card.getByTestId('processing')).toHaveText(`cropped to ${crop.width} × ${crop.height} at (${crop.x}, ${crop.y}), 1 region redacted, stamped`);

  const image = PNG.sync.read(await readFile(app.bridge.store.pathOf((await card.getByTestId('sha256').textContent()) ?? '')));
  const pattern = PNG.sync.read(patternPng);
  const px = (png: PNG, x: number, y: number): string => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)].join();
  expect(image.width).toBe(Math.max(crop.width, 640));
  for (let y = 0; y < crop.height; y += 1) {
    for (const x of [0, 9, 10, 100, crop.width - 1]) {
      const want = x >= 10 ? '0,0,0' : px(pattern, crop.x + x, crop.y + y);
      if (px(image, x, y) !== want) throw new Error(`pixel (${x}, ${y}) is ${px(image, x, y)}, expected ${want}`);
    }
  }
});
