import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { DisplayInfo, PendingCapture, PixelRect, SavedCapture } from '../../../shared/bridge/contract';
import { MIN_STAMP_WIDTH, REDACTION_FILL, STAMP_BACKGROUND } from '../../../shared/image/raster';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';
import { paintRoot, paintRootPattern, requireDisplay, screenSize } from '../../support/display';

/**
 * Screen capture end to end through the real handler table on a real X display (Xvfb under
 * `npm test`): screenshot-desktop, the editor's save in main, the store. Saved PNGs are decoded
 * and compared pixel by pixel with the raw capture.
 */

const APP = APP_SENDER;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const value = valueOf;

async function storedHashes(bridge: BridgeHarness): Promise<string[]> {
  const entries = await readdir(bridge.store.root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}

/** A stamp as the renderer would send it: any opaque PNG of the right width. */
function stampPng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 210, 220, 255], i);
  return PNG.sync.write(png);
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

function inside(rects: readonly PixelRect[], x: number, y: number): boolean {
  return rects.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
}

describe('screen capture on a real X display', () => {
  let bridge: BridgeHarness;

  beforeEach(async () => {
    requireDisplay();
    bridge = await createBridgeHarness(APP_ORIGIN);
    // Stripes and a gradient: every crop and every redaction has pixels of its own to compare.
    paintRootPattern();
  });
  afterEach(async () => {
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  const capture = async (): Promise<{ shot: PendingCapture; raw: PNG }> => {
    const shot = value<PendingCapture>(await bridge.dispatch('capture:screen', APP, { displayId: null, delayMs: 0 }));
    return { shot, raw: PNG.sync.read(Buffer.from(shot.png)) };
  };

  it('lists the display with the size the X server reports', async () => {
    const displays = value<DisplayInfo[]>(await bridge.dispatch('capture:displays', APP, {}));
    const { width, height } = screenSize();
    expect(displays.length).toBeGreaterThanOrEqual(1);
    expect(displays[0]).toMatchObject({ width, height, x: 0, y: 0 });
  });

  it('captures the screen as PNG and holds it for the editor without storing anything', async () => {
    const { shot, raw } = await capture();
    const { width, height } = screenSize();
    expect([raw.width, raw.height, shot.width, shot.height]).toEqual([width, height, width, height]);
    expect(shot.sha256).toBe(sha(shot.png));
    expect(shot.size).toBe(shot.png.length);
    expect(shot.display).toMatchObject({ width, height });
    expect(Date.now() - Date.parse(shot.capturedAt)).toBeLessThan(60_000);
    // The pattern painted before is what was captured, not a black screen.
    expect(pixel(raw, 5, 5)).not.toEqual(pixel(raw, 5 + 32, 5));
    expect(await storedHashes(bridge)).toEqual([]);
  });

  it('stamps below the image: the stamp adds rows, and every original pixel stays identical', async () => {
    const { shot, raw } = await capture();
    const stamp = stampPng(Math.max(shot.width, MIN_STAMP_WIDTH), 90);
    const saved = value<SavedCapture>(await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp }));
    const image = PNG.sync.read(await readFile(bridge.store.pathOf(saved.image.sha256)));
    expect([image.width, image.height]).toEqual([raw.width, raw.height + 90]);
    expect(image.data.subarray(0, raw.width * raw.height * 4).equals(raw.data)).toBe(true);
    expect(pixel(image, 0, raw.height)).toEqual([200, 210, 220, 255]);
    expect(saved.processing).toEqual(['stamped']);
    // Not redacted: the raw capture is kept byte for byte as the item's original.
    expect(saved.original).toEqual({ sha256: shot.sha256, size: shot.size, width: raw.width, height: raw.height, stored: true });
    expect(sha(await readFile(bridge.store.pathOf(shot.sha256)))).toBe(shot.sha256);
    expect(await storedHashes(bridge)).toEqual([saved.image.sha256, shot.sha256].sort());
  });

  it('crops to the exact rectangle and burns redactions in: those pixels hold only the fill colour', async () => {
    const { shot, raw } = await capture();
    const crop = { x: 37, y: 21, width: 701, height: 333 };
    const redactions = [
      { x: 100, y: 50, width: 120, height: 40 },
      // Half outside the crop: only the part inside is kept, and it is filled.
      { x: 20, y: 300, width: 60, height: 100 },
      // Wholly outside the crop: cut away, not counted.
      { x: 900, y: 500, width: 50, height: 50 },
    ];
    const stamp = stampPng(Math.max(crop.width, MIN_STAMP_WIDTH), 64);
    const saved = value<SavedCapture>(await bridge.dispatch('capture:save', APP, { token: shot.token, crop, redactions, stamp }));
    const image = PNG.sync.read(await readFile(bridge.store.pathOf(saved.image.sha256)));
    expect([image.width, image.height]).toEqual([701, 333 + 64]);
    expect([saved.image.width, saved.image.height]).toEqual([701, 397]);
    expect(saved.processing).toEqual(['cropped:37,21,701,333', 'redacted:2', 'stamped']);

    let filled = 0;
    for (let y = 0; y < crop.height; y += 1) {
      for (let x = 0; x < crop.width; x += 1) {
        const got = pixel(image, x, y);
        if (inside(redactions, x + crop.x, y + crop.y)) {
          expect(got).toEqual([...REDACTION_FILL, 255]);
          filled += 1;
        } else if (!(got.join() === pixel(raw, x + crop.x, y + crop.y).join())) {
          throw new Error(`pixel (${x}, ${y}) of the crop differs from the raw capture`);
        }
      }
    }
    expect(filled).toBe(120 * 40 + (80 - 37) * (354 - 300));
    // Redacted: the raw capture is not kept anywhere, only its hash is recorded.
    expect(saved.original).toMatchObject({ sha256: shot.sha256, stored: false });
    expect(await storedHashes(bridge)).toEqual([saved.image.sha256]);
  });

  it('pads a crop narrower than the stamp on the right, leaving the cropped pixels as they were', async () => {
    const { shot, raw } = await capture();
    const crop = { x: 10, y: 10, width: 200, height: 120 };
    const saved = value<SavedCapture>(
      await bridge.dispatch('capture:save', APP, { token: shot.token, crop, redactions: [], stamp: stampPng(MIN_STAMP_WIDTH, 40) }),
    );
    const image = PNG.sync.read(await readFile(bridge.store.pathOf(saved.image.sha256)));
    expect([image.width, image.height]).toEqual([MIN_STAMP_WIDTH, 160]);
    expect(pixel(image, 0, 0)).toEqual(pixel(raw, 10, 10));
    expect(pixel(image, 199, 119)).toEqual(pixel(raw, 209, 129));
    expect(pixel(image, 200, 0)).toEqual([...STAMP_BACKGROUND, 255]);
    expect(saved.original.stored).toBe(true);
  });

  it('refuses a stamp of the wrong width, a crop past the edge, or a finished capture, storing nothing', async () => {
    const { shot } = await capture();
    const wrongStamp = await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp: stampPng(100, 20) });
    expect(wrongStamp).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const pastEdge = await bridge.dispatch('capture:save', APP, {
      token: shot.token,
      crop: { x: shot.width - 10, y: 0, width: 20, height: 20 },
      redactions: [],
      stamp: stampPng(MIN_STAMP_WIDTH, 20),
    });
    expect(!pastEdge.ok && pastEdge.error.message).toMatch(/reaches past the \d+ × \d+ image/);
    // A PNG header declaring a 60000 × 60000 image (14 GB decoded) is refused before any decoding.
    const bomb = Buffer.from(stampPng(Math.max(shot.width, MIN_STAMP_WIDTH), 1));
    bomb.writeUInt32BE(60_000, 20);
    const huge = await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp: new Uint8Array(bomb) });
    expect(!huge.ok && huge.error.message).toMatch(/× 60000 px; it must be \d+ px wide and at most 600 px high/);
    const notPng = await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp: new Uint8Array([1, 2, 3]) });
    expect(notPng).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await storedHashes(bridge)).toEqual([]);

    expect(value<{ discarded: boolean }>(await bridge.dispatch('capture:discard', APP, { token: shot.token }))).toEqual({ discarded: true });
    const afterDiscard = await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp: stampPng(MIN_STAMP_WIDTH, 20) });
    expect(afterDiscard).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await storedHashes(bridge)).toEqual([]);
  });

  it('refuses an all-black capture, says what to do, and stores nothing', async () => {
    paintRoot('#000000');
    const result = await bridge.dispatch('capture:screen', APP, { displayId: null, delayMs: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'capture-blank' } });
    expect(!result.ok && result.error.message).toMatch(/entirely black, so nothing was stored/);
    expect(await storedHashes(bridge)).toEqual([]);
  });

  it('counts down before a delayed capture', async () => {
    const shot = await bridge.dispatch('capture:screen', APP, { displayId: null, delayMs: 1500 });
    expect(shot.ok).toBe(true);
    expect(bridge.events.filter((e) => e.name === 'capture:countdown').map((e) => e.payload)).toEqual([{ secondsLeft: 2 }, { secondsLeft: 1 }]);
  });

  it('says which display is gone when asked for one that does not exist', async () => {
    const result = await bridge.dispatch('capture:screen', APP, { displayId: 'HDMI-9', delayMs: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!result.ok && result.error.message).toContain('HDMI-9');
    expect(await storedHashes(bridge)).toEqual([]);
  });
});

describe('a pasted image opened in the editor', () => {
  let bridge: BridgeHarness;
  beforeEach(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
  });
  afterEach(async () => {
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  it('is held like a capture, then saved stamped with the pasted bytes kept as its original', async () => {
    const png = stampPng(300, 200);
    const shot = value<PendingCapture>(await bridge.dispatch('capture:open-image', APP, { png }));
    expect(shot).toMatchObject({ origin: 'pasted', width: 300, height: 200, sha256: sha(png), display: { id: 'clipboard', width: 300, height: 200 } });
    expect(await storedHashes(bridge)).toEqual([]);
    const saved = value<SavedCapture>(await bridge.dispatch('capture:save', APP, { token: shot.token, crop: null, redactions: [], stamp: stampPng(MIN_STAMP_WIDTH, 30) }));
    expect(saved.original).toMatchObject({ sha256: sha(png), stored: true });
    expect(await storedHashes(bridge)).toEqual([saved.image.sha256, sha(png)].sort());
  });

  it('refuses what is not a PNG, a header declaring a huge image, and an all-black image', async () => {
    const jpeg = await bridge.dispatch('capture:open-image', APP, { png: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) });
    expect(!jpeg.ok && jpeg.error.message).toContain('not a PNG');
    const bomb = Buffer.from(stampPng(10, 10));
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    const huge = await bridge.dispatch('capture:open-image', APP, { png: new Uint8Array(bomb) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const black = new PNG({ width: 20, height: 20 });
    for (let i = 3; i < black.data.length; i += 4) black.data[i] = 255;
    const blank = await bridge.dispatch('capture:open-image', APP, { png: new Uint8Array(PNG.sync.write(black)) });
    expect(blank).toMatchObject({ ok: false, error: { code: 'capture-blank' } });
    expect(await storedHashes(bridge)).toEqual([]);
  });
});
