import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { ImportedFile, UploadStarted } from '../../../shared/bridge/contract';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';

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
    expect(await bridge.dispatch('files:upload-finish', APP, { uploadId: grew })).toMatchObject({ ok: false, error: { code: 'not-found' } });

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
    expect(late).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses an upload id it never handed out', async () => {
    const result = await bridge.dispatch('files:upload-finish', APP, { uploadId: '9d3c1a52-7f0e-4b8a-8c51-0a6b2f3e4d5c' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
