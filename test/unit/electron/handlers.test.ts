import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, unlinkSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { FileImportResult, SystemInfo } from '../../../shared/bridge/contract';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';

const APP = APP_SENDER;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const value = valueOf;

async function storedFiles(bridge: BridgeHarness): Promise<string[]> {
  const entries = await readdir(bridge.store.root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('bridge handlers', () => {
  let bridge: BridgeHarness;
  let dir: string;

  beforeEach(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
    dir = await mkdtemp(join(tmpdir(), 'handler-files-'));
  });
  afterEach(async () => {
    await rm(bridge.store.root, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('reports who and where the user is', async () => {
    const info = value<SystemInfo>(await bridge.dispatch('system:info', APP, {}));
    expect(info.user).not.toBe('');
    expect(info.host).toBe((await import('node:os')).hostname());
    expect(info.platform).toBe(process.platform);
    expect(info.appVersion).toBe('0.0.0-test');
    expect(() => new Intl.DateTimeFormat('en', { timeZone: info.timeZone })).not.toThrow();
  });

  it('imports a file of a few MB chosen in the dialog and stores the exact bytes', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 123);
    const path = join(dir, 'user-list 2026-Q1 (export).xlsx');
    await writeFile(path, bytes);
    bridge.answerFileDialog([path]);
    const result = value<FileImportResult>(await bridge.dispatch('files:import', APP, {}));
    expect(result.failures).toEqual([]);
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file).toMatchObject({
      sha256: sha(bytes),
      size: bytes.length,
      name: 'user-list 2026-Q1 (export).xlsx',
      path,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      existed: false,
    });
    expect(Buffer.compare(await readFile(bridge.store.pathOf(sha(bytes))), bytes)).toBe(0);
    const progress = bridge.events.filter((e) => e.name === 'files:progress');
    expect(progress.at(-1)?.payload).toMatchObject({ bytesDone: bytes.length, bytesTotal: bytes.length, index: 0, count: 1 });
    // 80 chunks of 64 KiB, but the window hears of them at most every 100 ms (and of the last).
    expect(progress.length).toBeLessThan(1 + Math.ceil(bytes.length / (64 * 1024)) / 4);
  });

  it('returns nothing when the user cancels the dialog', async () => {
    const result = value<FileImportResult>(await bridge.dispatch('files:import', APP, {}));
    expect(result).toEqual({ files: [], failures: [] });
  });

  it('stores a file that grows while it is read nowhere, and says so', async () => {
    const path = join(dir, 'audit.log');
    await writeFile(path, randomBytes(2 * 1024 * 1024));
    let appended = false;
    bridge.onEvent((name) => {
      if (name === 'files:progress' && !appended) {
        appended = true;
        appendFileSync(path, 'one more line\n');
      }
    });
    bridge.answerFileDialog([path]);
    const result = value<FileImportResult>(await bridge.dispatch('files:import', APP, {}));
    expect(result.files).toEqual([]);
    expect(result.failures).toEqual([{ name: 'audit.log', path, message: expect.stringContaining('changed while it was being read') as string }]);
    expect(await storedFiles(bridge)).toEqual([]);
  });

  it('stores a file that disappears while it is read nowhere, and says so', async () => {
    const path = join(dir, 'tickets.csv');
    await writeFile(path, randomBytes(2 * 1024 * 1024));
    let removed = false;
    bridge.onEvent((name) => {
      if (name === 'files:progress' && !removed) {
        removed = true;
        unlinkSync(path);
      }
    });
    bridge.answerFileDialog([path]);
    const result = value<FileImportResult>(await bridge.dispatch('files:import', APP, {}));
    expect(result.files).toEqual([]);
    expect(result.failures[0]?.message).toContain('disappeared while it was being read');
    expect(await storedFiles(bridge)).toEqual([]);
  });

  it('imports the good files of a batch and names the ones it could not read', async () => {
    const good = join(dir, 'good.txt');
    await writeFile(good, 'fine');
    bridge.answerFileDialog([good, join(dir, 'missing.pdf'), dir]);
    const result = value<FileImportResult>(await bridge.dispatch('files:import', APP, {}));
    expect(result.files.map((f) => f.name)).toEqual(['good.txt']);
    expect(result.failures.map((f) => f.message)).toEqual([
      '"missing.pdf" no longer exists. Nothing was stored.',
      expect.stringMatching(/is not a regular file|is a folder/),
    ]);
  });

  it('reads stored bytes back by hash, and only by hash', async () => {
    const bytes = new TextEncoder().encode('preview me');
    const { sha256 } = await bridge.store.put(bytes);
    const read = value<Uint8Array>(await bridge.dispatch('evidence:read', APP, { sha256 }));
    expect(read).toEqual(bytes);

    expect(await bridge.dispatch('evidence:read', APP, { sha256: 'f'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await bridge.dispatch('evidence:read', APP, { sha256: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await bridge.dispatch('evidence:read', APP, { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('refuses to ship bytes larger than a preview over IPC', async () => {
    const big = Buffer.alloc(64 * 1024 * 1024 + 1, 1);
    const { sha256 } = await bridge.store.put(big);
    expect(await bridge.dispatch('evidence:read', APP, { sha256 })).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});

describe('the integrity check of stored bytes', () => {
  it('re-hashes every stored file and names the ones altered on disk or missing', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const good = await bridge.store.put(new TextEncoder().encode('untouched evidence'));
      const altered = await bridge.store.put(new TextEncoder().encode('evidence someone edits'));
      const removed = await bridge.store.put(new TextEncoder().encode('evidence someone deletes'));
      const { chmod, unlink } = await import('node:fs/promises');
      // Behind the app's back: the store made these read-only, an attacker with the account can undo that.
      await chmod(bridge.store.pathOf(altered.sha256), 0o644);
      await writeFile(bridge.store.pathOf(altered.sha256), 'evidence someone EDITS');
      await unlink(bridge.store.pathOf(removed.sha256));

      const checks = value<{ sha256: string; status: string }[]>(
        await bridge.dispatch('evidence:verify', APP, { sha256s: [good.sha256, altered.sha256, removed.sha256, good.sha256] }),
      );
      expect(checks).toEqual([
        { sha256: good.sha256, status: 'ok', size: good.size },
        { sha256: altered.sha256, status: 'altered', size: 22 },
        { sha256: removed.sha256, status: 'missing', size: null },
      ]);
      expect(bridge.events.filter((e) => e.name === 'evidence:verify-progress').at(-1)?.payload).toMatchObject({ done: 3, total: 3 });
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });
});
