import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvidenceStore, type EvidenceStore } from '../../../electron/main/store';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the evidence store', () => {
  let root: string;
  let store: EvidenceStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'store-test-'));
    store = createEvidenceStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and returns the hash of exactly what it wrote', async () => {
    const bytes = new TextEncoder().encode('access review Q1, signed by J. Doe');
    const stored = await store.put(bytes);
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length, existed: false });
    const path = store.pathOf(stored.sha256);
    expect(path).toBe(join(root, 'sha256', stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256));
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
  });

  it('hashes a stream chunk by chunk and reports progress', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const seen: number[] = [];
    const stored = await store.put(Readable.from(chunks), { onBytes: (n) => seen.push(n) });
    const all = Buffer.concat(chunks);
    expect(stored.sha256).toBe(sha(all));
    expect(stored.size).toBe(all.length);
    expect(seen.at(-1)).toBe(all.length);
    expect(seen.length).toBe(50);
  });

  it('reads a positional source into its own reused buffers, short reads and all, and stores every byte in order', async () => {
    // 13 MiB and a bit: the ring of three 4 MiB buffers goes round more than once.
    const all = Buffer.alloc(13 * 1024 * 1024 + 17);
    for (let i = 0; i < all.length; i += 4096) all.writeUInt32LE((i * 2654435761) >>> 0, i);
    const buffersSeen = new Set<Buffer>();
    let reads = 0;
    const stored = await store.put({
      readAt: async (buffer, position) => {
        buffersSeen.add(buffer);
        reads += 1;
        // Every third read comes back short, as a read may.
        const want = reads % 3 === 0 ? Math.min(buffer.length, 1000 + reads) : buffer.length;
        return all.copy(buffer, 0, position, Math.min(all.length, position + want));
      },
    });
    expect(stored).toEqual({ sha256: sha(all), size: all.length, existed: false });
    expect((await readFile(store.pathOf(stored.sha256))).equals(all)).toBe(true);
    expect(buffersSeen.size).toBe(3);
  });

  it('discards a positional source whose read fails, leaving nothing behind', async () => {
    const failure = new Error('the disk went away');
    await expect(
      store.put({ readAt: async (buffer, position) => {
        if (position > 5 * 1024 * 1024) throw failure;
        buffer.fill(7);
        return buffer.length;
      } }),
    ).rejects.toBe(failure);
    expect(await listTree(root)).toEqual([]);
  });

  it('stores the same bytes once and says they already existed', async () => {
    const bytes = new TextEncoder().encode('same content');
    const first = await store.put(bytes);
    const second = await store.put(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]));
    expect(second).toEqual({ ...first, existed: true });
    const files = await listTree(root);
    expect(files).toEqual([store.pathOf(first.sha256)]);
  });

  it('makes stored files read-only and leaves no temporary file behind', async () => {
    const stored = await store.put(new Uint8Array([1, 2, 3]));
    const mode = (await stat(store.pathOf(stored.sha256))).mode & 0o777;
    expect(mode & 0o222).toBe(0);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('discards the bytes when the commit check throws, leaving nothing stored', async () => {
    const bytes = new TextEncoder().encode('half-read file');
    await expect(
      store.put(bytes, {
        beforeCommit: () => Promise.reject(new Error('source changed')),
      }),
    ).rejects.toThrow('source changed');
    expect(await store.has(sha(bytes))).toBe(false);
    expect(await listTree(root)).toEqual([]);
  });

  it('discards a partial write when the source stream fails', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('first part');
      throw new Error('disk read error');
    }
    await expect(store.put(Readable.from(failing()))).rejects.toThrow('disk read error');
    expect(await listTree(root)).toEqual([]);
  });

  it('never replaces stored bytes, even when two writers race with the same content', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const results = await Promise.all([store.put(bytes), store.put(bytes), store.put(bytes)]);
    expect(results.filter((r) => !r.existed)).toHaveLength(1);
    expect(await listTree(root)).toHaveLength(1);
    expect(sha(await readFile(store.pathOf(sha(bytes))))).toBe(sha(bytes));
  });

  it('refuses to build a path from anything but a SHA-256', () => {
    for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'g'.repeat(64), 'ab', `${'a'.repeat(64)}/..`, '']) {
      expect(() => store.pathOf(bad)).toThrow(/not a SHA-256/);
    }
  });

  it('reports the size of stored bytes and null for unknown ones', async () => {
    const stored = await store.put(new Uint8Array(1000));
    expect(await store.size(stored.sha256)).toBe(1000);
    expect(await store.size('0'.repeat(64))).toBeNull();
  });
});
