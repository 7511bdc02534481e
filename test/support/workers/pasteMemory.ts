import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../../electron/main/bridge/handlers';
import { createEvidenceStore } from '../../../electron/main/store';
import { craftSolidPng } from '../craftPng';

/**
 * Pastes the same PNG five times through main's own 'capture:open-image' handler, in a process
 * of its own (run with --expose-gc), and prints what main holds afterwards and its peak:
 * `{ outcomes, heldBefore, heldAfter, rssBefore, maxRss, png }`, held = array buffers after gc.
 */
const [widthText, heightText] = process.argv.slice(2);
const width = Number(widthText);
const height = Number(heightText);
if (!width || !height) throw new Error('usage: pasteMemory <width> <height>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const root = await mkdtemp(join(tmpdir(), 'paste-memory-'));
const handlers = createHandlers({
  store: createEvidenceStore(root),
  capturer: { listDisplays: async () => [], capturePng: async () => Promise.reject(new Error('no screen here')) },
  appVersion: '0.0.0-test',
  chooseFilesToImport: async () => [],
  chooseBundlePath: async () => null,
  chooseBundleToImport: async () => null,
  chooseKeyCardPath: async () => null,
  revealInFolder: () => {},
  hideWindowForCapture: async () => () => {},
  emit: () => {},
});
const png = await craftSolidPng(width, height, [40, 90, 160]);
// Warm up with a small paste, so the figures are the large ones' alone.
const small = await handlers['capture:open-image']({ png: new Uint8Array(await craftSolidPng(64, 64, [100, 100, 100])) });
await handlers['capture:discard']({ token: small.token });

/** Array buffers still referenced: collected twice, a turn apart, so freed backing stores are gone. */
const held = async (): Promise<number> => {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().arrayBuffers;
};
const heldBefore = await held();
/**
 * The process's peak resident set from here on. getrusage's maxRSS is the peak of its whole
 * life, so crafting the PNG above (or loading the handlers) could be what it measured: the
 * test failed on a peak reached before the first paste. Linux resets the high-water mark on
 * request (proc(5), clear_refs "5").
 */
writeFileSync('/proc/self/clear_refs', '5');
const peakRss = (): number => {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (!hwm) throw new Error('no VmHWM in /proc/self/status');
  return Number(hwm[1]) * 1024;
};
const rssBefore = process.memoryUsage().rss;
const outcomes: string[] = [];
for (let i = 0; i < 5; i += 1) {
  try {
    const opened = await handlers['capture:open-image']({ png: new Uint8Array(png) });
    outcomes.push(`opened ${opened.width} × ${opened.height}`);
  } catch (error) {
    outcomes.push(error instanceof Error ? error.message : String(error));
  }
}
const heldAfter = await held();
process.stdout.write(`${JSON.stringify({ outcomes, heldBefore, heldAfter, rssBefore, maxRss: peakRss(), png: png.length })}\n`);
await rm(root, { recursive: true, force: true });
