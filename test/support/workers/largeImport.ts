import { open } from 'node:fs/promises';
import { importFile } from '../../../electron/main/bridge/files';
import { createUploads } from '../../../electron/main/bridge/upload';
import { createEvidenceStore } from '../../../electron/main/store';

/**
 * Stores one large file the way main does — read from disk after the file dialog, or received
 * in slices after a drop — in a process of its own, and prints its memory: the resident set
 * before, and its peak while storing (sampled, and the kernel's own maxRSS).
 */
const [mode, root, path, sizeText] = process.argv.slice(2);
if ((mode !== 'dialog' && mode !== 'upload') || !root || !path || !sizeText) throw new Error('usage: largeImport dialog|upload <store> <file> <bytes>');
const size = Number(sizeText);
const store = createEvidenceStore(root);

if (mode === 'dialog') {
  // The file to import: written here in slices so that creating it does not count either.
  const handle = await open(path, 'w');
  const slice = Buffer.alloc(4 * 1024 * 1024);
  for (let offset = 0; offset < size; offset += slice.length) {
    slice.fill(offset / slice.length);
    await handle.write(slice, 0, Math.min(slice.length, size - offset));
  }
  await handle.close();
}

globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

let stored: { sha256: string; size: number };
if (mode === 'dialog') {
  stored = await importFile(store, path, () => undefined);
} else {
  const uploads = createUploads(store, () => new Date());
  const { uploadId } = uploads.begin({ name: 'siem-export.bin', size, modifiedAt: null, path: '' });
  const CHUNK = 4 * 1024 * 1024;
  for (let offset = 0; offset < size; offset += CHUNK) {
    // A fresh buffer per slice, as each IPC message delivers one.
    await uploads.chunk(uploadId, offset, Buffer.alloc(Math.min(CHUNK, size - offset), offset / CHUNK));
  }
  stored = await uploads.finish(uploadId);
}
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ before, peak, maxRss: process.resourceUsage().maxRSS * 1024, sha256: stored.sha256, size: stored.size })}\n`);
