import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { ImportedFile, UploadStarted } from '../../../shared/bridge/contract';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';
import { createUploads, MAX_OPEN_UPLOADS } from '../../../electron/main/bridge/upload';
import { createEvidenceStore } from '../../../electron/main/store';

/** Dropped and pasted files: bytes in slices through the real handler table into a real store. */
const APP = APP_SENDER;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const value = valueOf;

describe('uploads of dropped and pasted files', () => {
  let bridge: BridgeHarness;
  beforeEach(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
  });
  afterEach(async () => {
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  const files = async (): Promise<string[]> => {
    const entries = await readdir(bridge.store.root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  };
  const begin = async (name: string, size: number, extra: { modifiedAt?: string | null; path?: string } = {}): Promise<string> =>
    value<UploadStarted>(await bridge.dispatch('files:upload-begin', APP, { name, size, modifiedAt: extra.modifiedAt ?? null, path: extra.path ?? '' })).uploadId;

  it('stores the exact bytes sent in slices, with the name, time and path the renderer recorded', async () => {
    const bytes = new TextEncoder().encode('user,role\nalice,admin\nbob,viewer\n');
    const id = await begin('okta users.csv', bytes.length, { modifiedAt: '2026-04-01T09:30:00.000Z', path: '/home/alice/okta users.csv' });
    expect(value<{ received: number }>(await bridge.dispatch('files:upload-chunk', APP, { uploadId: id, offset: 0, bytes: bytes.slice(0, 10) }))).toEqual({ received: 10 });
    await bridge.dispatch('files:upload-chunk', APP, { uploadId: id, offset: 10, bytes: bytes.slice(10) });
    const file = value<ImportedFile>(await bridge.dispatch('files:upload-finish', APP, { uploadId: id }));
    expect(file).toMatchObject({ sha256: sha(bytes), size: bytes.length, existed: false, name: 'okta users.csv', path: '/home/alice/okta users.csv', mime: 'text/csv', modifiedAt: '2026-04-01T09:30:00.000Z' });
    expect(new Uint8Array(await readFile(bridge.store.pathOf(file.sha256)))).toEqual(bytes);
    // The same bytes again: stored once, and the answer says so.
    const again = await begin('copy.csv', bytes.length);
    await bridge.dispatch('files:upload-chunk', APP, { uploadId: again, offset: 0, bytes });
    expect(value<ImportedFile>(await bridge.dispatch('files:upload-finish', APP, { uploadId: again }))).toMatchObject({ sha256: sha(bytes), existed: true });
    expect(await files()).toEqual([sha(bytes)]);
  });

  it('stores nothing when fewer bytes arrive than announced (the file changed while read)', async () => {
    const id = await begin('growing.log', 100);
    await bridge.dispatch('files:upload-chunk', APP, { uploadId: id, offset: 0, bytes: new Uint8Array(60) });
    const result = await bridge.dispatch('files:upload-finish', APP, { uploadId: id });
    expect(result).toMatchObject({ ok: false, error: { code: 'file-changed' } });
    expect(!result.ok && result.error.message).toContain('60 of 100 bytes');
    expect(await files()).toEqual([]);
  });

  it('stores nothing when more bytes arrive than announced, or out of order', async () => {
    const grew = await begin('grew.log', 4);
    const tooMany = await bridge.dispatch('files:upload-chunk', APP, { uploadId: grew, offset: 0, bytes: new Uint8Array(5) });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'file-changed' } });
    // A later call on the ended upload is told why it ended, not just that it is gone.
    expect(await bridge.dispatch('files:upload-finish', APP, { uploadId: grew })).toMatchObject({ ok: false, error: { code: 'file-changed', message: expect.stringContaining('grew while it was being read') as string } });

    const skipped = await begin('skip.bin', 8);
    const gap = await bridge.dispatch('files:upload-chunk', APP, { uploadId: skipped, offset: 4, bytes: new Uint8Array(4) });
    expect(!gap.ok && gap.error.message).toContain('out of order');
    // Temporary files go once the store has seen each stream end.
    await expect.poll(files).toEqual([]);
  });

  it('leaves nothing behind when the renderer aborts, and forgets the upload', async () => {
    const id = await begin('big.iso', 1000);
    await bridge.dispatch('files:upload-chunk', APP, { uploadId: id, offset: 0, bytes: new Uint8Array(500) });
    expect(value<{ aborted: boolean }>(await bridge.dispatch('files:upload-abort', APP, { uploadId: id }))).toEqual({ aborted: true });
    expect(value<{ aborted: boolean }>(await bridge.dispatch('files:upload-abort', APP, { uploadId: id }))).toEqual({ aborted: false });
    // The temporary file goes once the store has seen the stream end.
    await expect.poll(files).toEqual([]);
    const late = await bridge.dispatch('files:upload-chunk', APP, { uploadId: id, offset: 500, bytes: new Uint8Array(1) });
    expect(late).toEqual({ ok: false, error: { code: 'cancelled', message: 'The upload was cancelled. Nothing was stored.' } });
  });

  it('refuses an upload id it never handed out', async () => {
    const result = await bridge.dispatch('files:upload-finish', APP, { uploadId: '9d3c1a52-7f0e-4b8a-8c51-0a6b2f3e4d5c' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

/**
 * Issue #14: "sixteen drops abandoned mid-way (renderer reloaded) hold 16 temp files open, and
 * every new drop is refused until restart". An upload ends with its page or after an idle
 * timeout; its temporary file is closed and removed.
 */
describe('abandoned uploads', () => {
  const openFds = (): number => readdirSync('/proc/self/fd').length;
  const tempFiles = async (root: string): Promise<string[]> => readdir(join(root, 'tmp')).catch(() => []);

  it('end with the page that began them: a reload closes and removes all sixteen, and the next drop is taken', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const before = openFds();
      const ids: string[] = [];
      for (let i = 0; i < MAX_OPEN_UPLOADS; i += 1) {
        const { uploadId } = valueOf<UploadStarted>(await bridge.dispatch('files:upload-begin', APP, { name: `drop ${i}.bin`, size: 2000, modifiedAt: null, path: '' }));
        valueOf(await bridge.dispatch('files:upload-chunk', APP, { uploadId, offset: 0, bytes: new Uint8Array(1000) }));
        ids.push(uploadId);
      }
      // Each holds its temporary file open (the store opens it as the first bytes flow).
      await expect.poll(async () => (await tempFiles(bridge.store.root)).length).toBe(MAX_OPEN_UPLOADS);
      await expect.poll(openFds).toBeGreaterThanOrEqual(before + MAX_OPEN_UPLOADS);

      bridge.pageGone('the window was reloaded.');
      await expect.poll(() => tempFiles(bridge.store.root)).toEqual([]);
      await expect.poll(openFds).toBe(before);

      // The reloaded page's late calls are told what happened, and a new drop is accepted.
      expect(await bridge.dispatch('files:upload-chunk', APP, { uploadId: ids[3] ?? '', offset: 1000, bytes: new Uint8Array(1000) })).toEqual({
        ok: false,
        error: { code: 'cancelled', message: '"drop 3.bin" was not stored: the window was reloaded. Add it again.' },
      });
      const bytes = new TextEncoder().encode('after the reload');
      const { uploadId } = valueOf<UploadStarted>(await bridge.dispatch('files:upload-begin', APP, { name: 'new.txt', size: bytes.length, modifiedAt: null, path: '' }));
      valueOf(await bridge.dispatch('files:upload-chunk', APP, { uploadId, offset: 0, bytes }));
      expect(valueOf<ImportedFile>(await bridge.dispatch('files:upload-finish', APP, { uploadId })).sha256).toBe(sha(bytes));
      expect(await tempFiles(bridge.store.root)).toEqual([]);
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });

  it('end after an idle timeout without any page event, closing and removing their temporary files', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN, { uploadIdleMs: 1_000 });
    try {
      const before = openFds();
      const { uploadId } = valueOf<UploadStarted>(await bridge.dispatch('files:upload-begin', APP, { name: 'stuck.iso', size: 10_000, modifiedAt: null, path: '' }));
      // Data keeps it alive: four chunks 400 ms apart outlast the 1 s timeout.
      for (let offset = 0; offset < 4000; offset += 1000) {
        if (offset > 0) await new Promise((resolve) => setTimeout(resolve, 400));
        valueOf(await bridge.dispatch('files:upload-chunk', APP, { uploadId, offset, bytes: new Uint8Array(1000) }));
      }
      await expect.poll(async () => (await tempFiles(bridge.store.root)).length).toBe(1);
      // Then the renderer goes quiet.
      await expect.poll(() => tempFiles(bridge.store.root), { timeout: 5_000 }).toEqual([]);
      await expect.poll(openFds).toBe(before);
      expect(await bridge.dispatch('files:upload-finish', APP, { uploadId })).toEqual({
        ok: false,
        error: { code: 'cancelled', message: '"stuck.iso" was not stored: no data arrived for 1 s. Add the file again.' },
      });
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });

  it('at the limit, make room by ending the one idle longest, and refuse only when every upload is receiving data', async () => {
    const root = await mkdtemp(join(tmpdir(), 'uploads-limit-'));
    let now = 0;
    const uploads = createUploads(createEvidenceStore(root), () => new Date(), { clock: () => now });
    try {
      const ids = Array.from({ length: MAX_OPEN_UPLOADS }, (_, i) => uploads.begin({ name: `f${i}.bin`, size: 10, modifiedAt: null, path: '' }).uploadId);
      // All sixteen active a moment ago: a seventeenth is refused, with the reason.
      now = 500;
      expect(() => uploads.begin({ name: 'one more.bin', size: 10, modifiedAt: null, path: '' })).toThrow(
        `${MAX_OPEN_UPLOADS} files are being stored right now; add more once they have finished.`,
      );
      // Seconds later, all but the first have moved on; the first is abandoned and makes room.
      now = 10_000;
      for (const id of ids.slice(1)) await uploads.chunk(id, 0, new Uint8Array(1));
      const next = uploads.begin({ name: 'one more.bin', size: 10, modifiedAt: null, path: '' });
      expect(next.uploadId).toMatch(/^[0-9a-f-]{36}$/);
      expect(uploads.openCount).toBe(MAX_OPEN_UPLOADS);
      await expect(uploads.chunk(ids[0] ?? '', 0, new Uint8Array(1))).rejects.toThrow('"f0.bin" was not stored: it stopped receiving data and made room for newer files. Add it again.');
      await uploads.settled();
      expect(await tempFiles(root)).toHaveLength(MAX_OPEN_UPLOADS);
    } finally {
      uploads.expireAll('the test ended.');
      await uploads.settled();
      await rm(root, { recursive: true, force: true });
    }
  });
});
