import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundleFile } from '../../../electron/main/bundle/bundleFile';
import type { DescriptorLoan } from '../../../electron/main/safeFile';
import { digestRange, NoHashThreads } from '../../../electron/main/zip/hashThreads';
import { ZipArchive, type HashResult } from '../../../electron/main/zip/zipReader';
import { craftZip, type RawEntry } from '../../support/craftZip';

/**
 * Issue #15: stored entries of a bundle are read and hashed on worker threads. The threads must
 * give the very answers the reader gives on its own thread, damaged entries included, and a
 * read that stops answering must fail by name instead of hanging verify.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-threads-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function seeded(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A loan of `fd` as SafeFile makes one; `held` collects what the caller is asked to wait for. */
function loanOf(fd: number, stallMs: number, message: string, held: Promise<unknown>[] = []): DescriptorLoan {
  return { fd, stallMs, stalled: () => new Error(message), hold: (until) => void held.push(until) };
}

describe('hashing a byte range on a worker thread', () => {
  it('returns the SHA-256 and CRC-32 of exactly the range, across several 4 MiB blocks', async () => {
    const bytes = seeded(9 * 1024 * 1024 + 333, 7);
    const path = join(dir, 'range.bin');
    await writeFile(path, bytes);
    const handle = await open(path, 'r');
    try {
      const loan = loanOf(handle.fd, 5_000, 'stalled');
      const [whole, middle, pastTheEnd] = await Promise.all([
        digestRange(loan, 0, bytes.length),
        digestRange(loan, 1234, 5 * 1024 * 1024),
        digestRange(loan, bytes.length - 10, 100),
      ]);
      expect(whole).toEqual({ bytes: bytes.length, crc32: crc32(bytes) >>> 0, sha256: sha(bytes) });
      const slice = bytes.subarray(1234, 1234 + 5 * 1024 * 1024);
      expect(middle).toEqual({ bytes: slice.length, crc32: crc32(slice) >>> 0, sha256: sha(slice) });
      // The file ends first: fewer bytes, and the caller decides what that means.
      expect(pastTheEnd.bytes).toBe(10);
      expect(pastTheEnd.sha256).toBe(sha(bytes.subarray(bytes.length - 10)));
    } finally {
      await handle.close();
    }
  });

  it('fails by name when a thread sends nothing for the stall time, and the next range gets a fresh thread', async () => {
    // A hung drive cannot be made here (a FIFO or socket refuses positional reads), so the stall
    // time is made shorter than reading one 4 MiB block takes: the thread is silent that long.
    const bytes = seeded(64 * 1024 * 1024, 9);
    const path = join(dir, 'slow.bin');
    await writeFile(path, bytes);
    const handle = await open(path, 'r');
    try {
      const held: Promise<unknown>[] = [];
      let released = false;
      const given = digestRange(loanOf(handle.fd, 1, '"slow.bin" did not answer', held), 0, bytes.length);
      expect(held).toHaveLength(1);
      void held[0]?.then(() => (released = true));
      await expect(given).rejects.toThrow('"slow.bin" did not answer');
      // The answer is given up on at once; the descriptor is let go only once the thread stopped.
      expect(released).toBe(false);
      await held[0];
      const after = await digestRange(loanOf(handle.fd, 5_000, 'stalled'), 0, 1000);
      expect(after.sha256).toBe(sha(bytes.subarray(0, 1000)));
    } finally {
      await handle.close();
    }
  });
});

describe('the ZIP reader on worker threads', () => {
  const entries: RawEntry[] = [
    { name: 'bag/data/a.bin', content: seeded(300_000, 1) },
    { name: 'bag/data/empty.bin', content: Buffer.alloc(0) },
    { name: 'bag/data/big.bin', content: seeded(5 * 1024 * 1024, 2) },
    { name: 'bag/data/damaged.bin', content: seeded(70_000, 3), crc: 0x1234_5678 },
    { name: 'bag/data/short.bin', content: seeded(1000, 4), declaredSize: 900 },
    { name: 'bag/manifest.txt', content: Buffer.from('deflated, hashed on this thread\n'.repeat(50)), method: 'deflate' },
  ];

  async function hashAll(path: string, lendDescriptor: boolean | 'no threads here'): Promise<HashResult[]> {
    const file = await openBundleFile(path);
    try {
      const own = { read: file.read.bind(file), stat: file.stat.bind(file) };
      const source =
        lendDescriptor === 'no threads here'
          ? { ...own, withDescriptor: () => Promise.reject(new NoHashThreads('no hashing thread could be started: none here')) }
          : lendDescriptor
            ? file
            : own;
      const zip = await ZipArchive.open(source);
      return await Promise.all(zip.entries.map((entry) => zip.hash(entry)));
    } finally {
      await file.close();
    }
  }

  it('gives the answers of the reader’s own thread: hashes, a CRC that does not match, a size that lies', async () => {
    const path = join(dir, 'mixed.zip');
    await writeFile(path, craftZip(entries));
    const here = await hashAll(path, false);
    const threaded = await hashAll(path, true);
    expect(threaded).toEqual(here);
    expect(threaded[0]).toEqual({ ok: true, sha256: sha(entries[0]!.content), size: 300_000 });
    expect(threaded[2]).toEqual({ ok: true, sha256: sha(entries[2]!.content), size: 5 * 1024 * 1024 });
    expect(threaded[3]).toMatchObject({ ok: false, problem: { code: 'crc', entry: 'bag/data/damaged.bin' } });
    expect(threaded[4]).toMatchObject({ ok: false, problem: { code: 'size', entry: 'bag/data/short.bin' } });
  });

  it('reads on its own thread, with the same answers, where no hashing thread can start', async () => {
    const path = join(dir, 'no-threads.zip');
    await writeFile(path, craftZip(entries));
    expect(await hashAll(path, 'no threads here')).toEqual(await hashAll(path, false));
  });
});
