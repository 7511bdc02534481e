import { createHandlers } from '../../electron/main/bridge/handlers';
import { createScreenCapturer } from '../../electron/main/capture';
import { encodePng } from '../../electron/main/png';
import { createEvidenceStore } from '../../electron/main/store';
import { createRaster, stampWidthFor } from '../../shared/image/raster';
import { reportSubject } from '../lib/measure';

/**
 * Subject: `count` screen captures through main's own handlers, each opened and saved as the
 * editor saves it (stamped, not cropped, so the raw capture is stored beside the image): from
 * the capture request to both files durable in the store. Also reports the median time from
 * the request to the capture being ready for the editor (what the shortcut waits for).
 */
const [storeRoot, countText] = process.argv.slice(2);
const count = Number(countText ?? 15);
if (!storeRoot || !count) throw new Error('usage: captureStored.ts <store root> [count]');
const handlers = createHandlers({
  store: createEvidenceStore(storeRoot),
  capturer: createScreenCapturer(),
  appVersion: '0.0.0-bench',
  chooseFilesToImport: async () => [],
  chooseBundlePath: async () => null,
  chooseBundleToImport: async () => null,
  chooseKeyCardPath: async () => null,
  revealInFolder: () => {},
  hideWindowForCapture: async () => () => {},
  emit: () => {},
});
// The stamp the renderer would draw: any opaque PNG of the right width.
const stamps = new Map<number, Uint8Array<ArrayBuffer>>();
const stampFor = async (width: number): Promise<Uint8Array<ArrayBuffer>> => {
  const w = stampWidthFor(width);
  const cached = stamps.get(w);
  if (cached) return cached;
  const png = new Uint8Array(await encodePng(createRaster(w, 90, [31, 41, 55])));
  stamps.set(w, png);
  return png;
};
const toEditor: number[] = [];
const started = process.hrtime.bigint();
for (let i = 0; i < count; i += 1) {
  const asked = process.hrtime.bigint();
  const shot = await handlers['capture:screen']({ displayId: null, delayMs: 0 });
  toEditor.push(Number(process.hrtime.bigint() - asked) / 1e6);
  await handlers['capture:save']({ token: shot.token, crop: null, redactions: [], stamp: await stampFor(shot.width) });
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
toEditor.sort((a, b) => a - b);
reportSubject(seconds, { toEditorMs: toEditor[Math.floor(toEditor.length / 2)] });
