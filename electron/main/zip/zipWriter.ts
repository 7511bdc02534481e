import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { crc32, createDeflateRaw, deflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import {
  centralHeader,
  deflateBound,
  dosDateTime,
  endRecords,
  localHeader,
  METHOD_DEFLATE,
  METHOD_STORE,
  U32_MAX,
  type DosDateTime,
  type WrittenEntry,
} from './format';

/**
 * A streaming ZIP writer on Node's native zlib (`zlib.crc32`, deflate in the thread pool),
 * writing to a file with positional writes (issue #15, DESIGN.md §5):
 *
 * - one source file open at a time, read in large blocks, the next block read while the last
 *   is hashed and written;
 * - sizes and CRC-32 in every local header, never a data descriptor: an entry that fits one
 *   block is read before its header is written; a larger one gets a placeholder header that is
 *   patched in place once its data is written;
 * - ZIP64 wherever a size, an offset or the entry count needs it;
 * - the SHA-256 of every entry's uncompressed bytes (the caller checks it against the
 *   recorded hash) and of the whole archive as written.
 *
 * Why not JSZip: its CRC-32 and deflate are JavaScript and it writes no ZIP64 (measured
 * figures in the README's performance section).
 */

/** Read size and the unit of buffering. Measured: 1 MiB reads were slower, 8 MiB no faster. */
export const BLOCK_BYTES = 4 * 1024 * 1024;
/** Blocks in flight at once: one being read, one hashed, the rest being written. */
const POOL_BLOCKS = 5;
/** Start an fdatasync of what is written so far every so often, so the final fsync is short. */
const SYNC_EVERY_BYTES = 256 * 1024 * 1024;
const MAX_WRITES_IN_FLIGHT = 32;
/** Small appends are gathered up to this size before they are written. */
const FLUSH_BYTES = 1024 * 1024;
const COPY_BELOW_BYTES = 64 * 1024;

const deflateRawAsync = promisify(deflateRaw);
const DEFLATE_LEVEL = 6;

export interface EntryInput {
  /** The entry's path inside the ZIP, '/'-separated. */
  readonly name: string;
  readonly method: 'store' | 'deflate';
  /** An open file whose bytes, from offset 0 to its end, are the entry's content. */
  readonly source: FileHandle;
  /** The exact number of bytes the source must yield; anything else is a SizeMismatch. */
  readonly size: number;
}

export interface EntryResult {
  readonly sha256: string;
  readonly crc32: number;
  readonly size: number;
  readonly compressedSize: number;
}

/** The source did not hold the bytes it was announced with: the caller names the item. */
export class SizeMismatch extends Error {
  constructor(
    readonly expected: number,
    readonly found: number,
  ) {
    super(`expected ${expected} bytes, found ${found === expected + 1 ? 'more' : found}`);
    this.name = 'SizeMismatch';
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

class BlockPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((b: Buffer) => void)[] = [];
  constructor(count: number, size: number) {
    for (let i = 0; i < count; i += 1) this.free.push(Buffer.allocUnsafe(size));
  }
  acquire(): Promise<Buffer> {
    const block = this.free.pop();
    return block ? Promise.resolve(block) : new Promise((resolve) => this.waiting.push(resolve));
  }
  release(block: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(block);
    else this.free.push(block);
  }
}

/**
 * Fills `into` from a regular file. A short read of a regular file means its end: stopping
 * there saves a second system call per small file (a read that ends early for another reason
 * shows up as a size mismatch, which stops the export rather than corrupting it).
 */
async function readFully(source: FileHandle, into: Buffer, position: number): Promise<number> {
  const { bytesRead } = await source.read(into, 0, into.length, position);
  return bytesRead;
}

export class ZipFileWriter {
  private position = 0;
  private readonly entries: WrittenEntry[] = [];
  private readonly pool = new BlockPool(POOL_BLOCKS, BLOCK_BYTES);
  private readonly inFlight = new Set<Promise<void>>();
  private pending: Buffer[] = [];
  private pendingAfter: (() => void)[] = [];
  private pendingBytes = 0;
  private failure: Error | null = null;
  private readonly archiveHash: Hash = createHash('sha256');
  /** Bytes of the archive already fed to archiveHash, which reads it strictly in order. */
  private hashed = 0;
  private readonly when: DosDateTime;
  private syncedUpTo = 0;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly out: FileHandle,
    modifiedAt: Date,
    private readonly onBytes: (n: number) => void = () => undefined,
  ) {
    this.when = dosDateTime(modifiedAt);
  }

  /** Bytes of the archive so far. */
  get size(): number {
    return this.position;
  }

  /** Queues a positional write of `buffers`; each `after` runs once it has completed. */
  private write(buffers: Buffer[], at: number, after: (() => void)[] = []): Promise<void> {
    const done = (async () => {
      const total = buffers.reduce((sum, b) => sum + b.length, 0);
      const written = (await this.out.writev(buffers, at)).bytesWritten;
      // A short writev (rare: a signal, a full pipe) finishes with plain writes of the rest.
      if (written < total) {
        const rest = Buffer.concat(buffers).subarray(written);
        for (let offset = 0; offset < rest.length; ) offset += (await this.out.write(rest, offset, rest.length - offset, at + written + offset)).bytesWritten;
      }
    })().then(
      () => {
        this.inFlight.delete(done);
        for (const run of after) run();
      },
      (error: unknown) => {
        this.inFlight.delete(done);
        this.failure ??= asError(error);
        for (const run of after) run();
      },
    );
    this.inFlight.add(done);
    return done;
  }

  /**
   * Appends in order and feeds the archive hash while it is caught up. A placeholder header is
   * not hashed (`final` false): the hash then waits, and catchUpHash reads the patched bytes back.
   * Small appends (headers, small entries) are gathered into one writev of about a block.
   */
  private append(bytes: Buffer, after?: () => void, final = true): void {
    this.throwIfFailed();
    if (final && this.hashed === this.position) {
      this.archiveHash.update(bytes);
      this.hashed += bytes.length;
    }
    this.pending.push(bytes);
    if (after) this.pendingAfter.push(after);
    this.pendingBytes += bytes.length;
    this.position += bytes.length;
    // A pooled block (one with `after`) is written at once: waiting to gather more could hold
    // every block of the pool while the next entry waits for one.
    if (after || this.pendingBytes >= FLUSH_BYTES) this.flush();
    this.maybeSync();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    void this.write(this.pending, this.position - this.pendingBytes, this.pendingAfter);
    this.pending = [];
    this.pendingAfter = [];
    this.pendingBytes = 0;
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    this.throwIfFailed();
  }

  /**
   * Starts writing back what is written so far in the background. Without it the kernel holds
   * the whole bundle dirty and the final fsync waits for all of it.
   */
  private maybeSync(): void {
    if (this.syncing || this.position - this.syncedUpTo < SYNC_EVERY_BYTES) return;
    const upTo = this.position;
    this.syncing = this.out.datasync().then(
      () => {
        this.syncedUpTo = upTo;
        this.syncing = null;
      },
      (error: unknown) => {
        this.failure ??= asError(error);
        this.syncing = null;
      },
    );
  }

  /** Hashes archive bytes [hashed, position) by reading them back: after a patched header. */
  private async catchUpHash(): Promise<void> {
    await this.drain();
    const block = await this.pool.acquire();
    try {
      while (this.hashed < this.position) {
        const n = await readFully(this.out, block.subarray(0, Math.min(block.length, this.position - this.hashed)), this.hashed);
        if (n === 0) throw new Error('the bundle being written came back shorter than written');
        this.archiveHash.update(block.subarray(0, n));
        this.hashed += n;
      }
    } finally {
      this.pool.release(block);
    }
  }

  async addEntry(input: EntryInput, signal?: AbortSignal): Promise<EntryResult> {
    // Many small entries in a row must not queue writes without bound when the disk is slow.
    while (this.inFlight.size > MAX_WRITES_IN_FLIGHT) await Promise.race([...this.inFlight]);
    this.throwIfFailed();
    const name = Buffer.from(input.name, 'utf8');
    return input.size < BLOCK_BYTES ? this.addSmall(input, name) : this.addStreamed(input, name, signal);
  }

  /** An entry that fits one block: read, hashed and compressed first, so its header is final. */
  private async addSmall(input: EntryInput, name: Buffer): Promise<EntryResult> {
    const block = await this.pool.acquire();
    let released = false;
    const release = (): void => {
      if (!released) this.pool.release(block);
      released = true;
    };
    try {
      // One byte more than announced tells a grown file from an exact one.
      const n = await readFully(input.source, block.subarray(0, Math.min(block.length, input.size + 1)), 0);
      if (n !== input.size) throw new SizeMismatch(input.size, n);
      const data = block.subarray(0, n);
      const crc = crc32(data);
      const sha256 = createHash('sha256').update(data).digest('hex');
      let method: WrittenEntry['method'] = METHOD_STORE;
      let stored = data;
      if (input.method === 'deflate' && n > 0) {
        const deflated = await deflateRawAsync(data, { level: DEFLATE_LEVEL });
        // Text that does not shrink (already compressed, or tiny) is stored: smaller and faster.
        if (deflated.length < n) {
          method = METHOD_DEFLATE;
          stored = deflated;
        }
      }
      const entry: WrittenEntry = { name, method, crc32: crc, compressedSize: stored.length, uncompressedSize: n, localHeaderOffset: this.position, zip64Local: false, when: this.when };
      this.append(localHeader(entry));
      if (stored === data && n >= COPY_BELOW_BYTES) {
        this.append(data, release);
      } else if (stored === data) {
        // A small entry is copied out so its block returns to the pool and the bytes join the
        // next writev with their neighbours: thousands of small files, few system calls.
        const copy = Buffer.from(data);
        release();
        this.append(copy);
      } else {
        release();
        this.append(stored);
      }
      this.entries.push(entry);
      this.onBytes(n);
      return { sha256, crc32: crc, size: n, compressedSize: stored.length };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A larger entry: placeholder header, data streamed block by block, header patched in place. */
  private async addStreamed(input: EntryInput, name: Buffer, signal?: AbortSignal): Promise<EntryResult> {
    const method = input.method === 'deflate' ? METHOD_DEFLATE : METHOD_STORE;
    const zip64Local = (method === METHOD_DEFLATE ? deflateBound(input.size) : input.size) >= U32_MAX;
    const headerAt = this.position;
    const placeholder = { name, method, crc32: 0, compressedSize: 0, uncompressedSize: 0, zip64Local, when: this.when } as const;
    this.append(localHeader(placeholder), undefined, false);
    const dataAt = this.position;
    const hash = createHash('sha256');
    let crc = 0;
    let size = 0;

    const deflater = method === METHOD_DEFLATE ? createDeflateRaw({ level: DEFLATE_LEVEL }) : null;
    const deflated = deflater ? once(deflater, 'end') : null;
    deflater?.on('data', (chunk: Buffer) => {
      try {
        this.append(chunk);
      } catch (error) {
        deflater.destroy(error as Error);
      }
    });

    let block = await this.pool.acquire();
    let reading: Promise<number> = readFully(input.source, block, 0);
    try {
      for (;;) {
        const n = await reading;
        if (n === 0) break;
        if (signal?.aborted) throw signal.reason;
        size += n;
        if (size > input.size) throw new SizeMismatch(input.size, size);
        const data = block.subarray(0, n);
        const current = block;
        // Read ahead into the next block while this one is hashed and written.
        block = await this.pool.acquire();
        reading = n < current.length ? Promise.resolve(0) : readFully(input.source, block, size);
        crc = crc32(data, crc);
        hash.update(data);
        if (deflater) {
          // zlib reads the block where it is; it returns to the pool once zlib has consumed it.
          // A copy per block was the export's memory growth with item count: the large
          // generated files (manifest.json, the index) left 4 MiB copies for the collector,
          // 30 MiB more at the peak with 6,000 items than with 2,000 (issue #15).
          if (!deflater.write(data, () => this.pool.release(current))) await once(deflater, 'drain');
        } else {
          this.append(data, () => this.pool.release(current));
        }
        this.onBytes(n);
      }
      if (deflater && deflated) {
        deflater.end();
        await deflated;
      }
    } finally {
      this.pool.release(block);
      deflater?.destroy();
    }
    if (size !== input.size) throw new SizeMismatch(input.size, size);
    const compressedSize = this.position - dataAt;
    if (!zip64Local && compressedSize >= U32_MAX) throw new Error(`${input.name}: compressed past the 4 GiB its header allows`);
    const entry: WrittenEntry = { ...placeholder, crc32: crc, compressedSize, uncompressedSize: size, localHeaderOffset: headerAt };
    // Positional writes to one range may complete in any order: the placeholder must be on
    // disk before the patch is written over it.
    await this.drain();
    await this.write([localHeader(entry)], headerAt);
    this.entries.push(entry);
    await this.catchUpHash();
    return { sha256: hash.digest('hex'), crc32: crc, size, compressedSize };
  }

  /** Writes the central directory and end records, waits for every write and fsyncs. */
  async finish(): Promise<{ size: number; sha256: string; entries: number }> {
    await this.catchUpHash();
    const directoryAt = this.position;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const entry of this.entries) {
      const header = centralHeader(entry);
      pending.push(header);
      pendingBytes += header.length;
      if (pendingBytes >= BLOCK_BYTES) {
        this.append(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pending.length > 0) this.append(Buffer.concat(pending));
    this.append(endRecords(this.entries.length, directoryAt, this.position - directoryAt));
    await this.drain();
    await this.syncing;
    await this.out.sync();
    this.throwIfFailed();
    return { size: this.position, sha256: this.archiveHash.digest('hex'), entries: this.entries.length };
  }

  /** Waits for writes still in flight, so the caller can close and remove the file. */
  async settle(): Promise<void> {
    this.pending = [];
    this.pendingAfter = [];
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.syncing?.catch(() => undefined);
  }
}
