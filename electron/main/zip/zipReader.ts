import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { METHOD_DEFLATE, METHOD_STORE } from './format';
import { digestRange, NoHashThreads } from './hashThreads';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './limits';
import { limitProblem, readDirectory, readInto, type ZipEntry, type ZipFileSource, type ZipProblem } from './zipDirectory';

export type { ZipEntry, ZipFileSource, ZipProblem } from './zipDirectory';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './limits';

/**
 * The strict ZIP reader that verify and import use (issues #11, #14, #15). Its whole API:
 *
 *   const zip = await ZipArchive.open(handle, { limits })   // a handle the caller opened safely
 *   zip.entries            every central-directory entry, in directory order
 *   zip.problems           what is wrong with the archive as a whole or with an entry, named
 *   zip.readable           false when no entry can be read at all
 *   await zip.hash(entry)  { ok: true, sha256, size } | { ok: false, problem }
 *   await zip.read(entry, maxBytes)    the entry's bytes, for small tag and JSON files
 *   zip.stream(entry)      a Readable of the entry's bytes, checked as it flows (import)
 *
 * Nothing here throws on hostile input: a lying size, a bad CRC, an encrypted entry, a limit
 * hit or the time budget spent becomes a ZipProblem naming the entry and the limit. Entries are
 * read in 4 MiB blocks with read-ahead; sizes and CRC-32 are checked on every read. The reader
 * never closes the handle: whoever opened it closes it (see `withZipFile`).
 */

const BLOCK_BYTES = 4 * 1024 * 1024;
const INFLATE_SLICE_BYTES = 64 * 1024;
/** Blocks kept for reuse between entries: two per entry, for the few read at once. */
const POOLED_BLOCKS = 6;

export type HashResult = { readonly ok: true; readonly sha256: string; readonly size: number } | { readonly ok: false; readonly problem: ZipProblem };
export type ReadResult = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problem: ZipProblem };

/** How a read of one entry fails: `problem` names the entry and what is wrong with it. */
export class EntryFailure extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.message);
  }
}

function entryFailure(entry: ZipEntry, code: string, message: string): EntryFailure {
  return new EntryFailure({ code, entry: entry.name, message: `${entry.name}: ${message}` });
}

export class ZipArchive {
  /** Bytes inflated so far in this inspection, against limits.totalBytes. */
  private inflated = 0;
  /**
   * Read blocks returned by entries that are done with them. A fresh 4 MiB pair per entry was
   * 690 ms of garbage collection in verifying a 1 GiB, 2,000-entry bundle (issue #15).
   */
  private readonly blocks: Buffer[] = [];

  private takeBlock(): Buffer {
    return this.blocks.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
  }

  private giveBlock(block: Buffer): void {
    if (this.blocks.length < POOLED_BLOCKS) this.blocks.push(block);
  }

  private constructor(
    private readonly handle: ZipFileSource,
    readonly entries: readonly ZipEntry[],
    readonly problems: readonly ZipProblem[],
    readonly readable: boolean,
    private readonly limits: ZipLimits,
    private readonly deadline: number,
  ) {}

  static async open(handle: ZipFileSource, options: { readonly limits?: Partial<ZipLimits> } = {}): Promise<ZipArchive> {
    const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
    const deadline = Date.now() + limits.budgetMs;
    const { size } = await handle.stat();
    const directory = await readDirectory(handle, size, limits);
    return new ZipArchive(handle, directory.entries, directory.problems, directory.readable, limits, deadline);
  }

  /** Streams the entry's bytes to `sink` in blocks, checking size, CRC-32 and every limit. */
  private async each(entry: ZipEntry, sink: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    const fail = (code: string, message: string): never => {
      throw entryFailure(entry, code, message);
    };
    if (!this.readable || entry.dataOffset < 0) fail('structure', 'cannot be read: the archive structure is broken');
    if (entry.encrypted) fail('encrypted', 'the entry is encrypted; a bundle never is');
    let crc = 0;
    let size = 0;
    const take = async (chunk: Buffer): Promise<void> => {
      size += chunk.length;
      this.account(entry, size, chunk.length);
      crc = crc32(chunk, crc);
      await sink(chunk);
    };
    const inflater = entry.method === METHOD_DEFLATE ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
    const inflated: Buffer[] = [];
    let queued = 0;
    let overflow = false;
    inflater?.on('data', (chunk: Buffer) => {
      // Checked as zlib produces it, before it is queued: a bomb is stopped within one slice.
      queued += chunk.length;
      if (size + queued > entry.uncompressedSize) {
        overflow = true;
        inflater.destroy();
        return;
      }
      inflated.push(chunk);
    });
    inflater?.on('error', () => undefined);
    const feed = (slice: Buffer | null): Promise<void> =>
      new Promise((resolve, reject) => {
        if (!inflater || inflater.destroyed) return resolve();
        const done = (error?: Error | null): void => (error && !overflow ? reject(error) : resolve());
        if (slice) inflater.write(slice, done);
        else inflater.end(done);
      });
    const drainInflated = async (): Promise<void> => {
      while (inflated.length > 0) {
        const chunk = inflated.shift() as Buffer;
        queued -= chunk.length;
        await take(chunk);
      }
      if (overflow) fail('size', `inflates to more than the ${entry.uncompressedSize} bytes its header declares`);
    };
    const blockBytes = Math.min(BLOCK_BYTES, Math.max(1, entry.compressedSize));
    const owned: Buffer[] = [];
    let reading: Promise<number> | null = null;
    // The block a read is filling, while one is under way.
    let filling: Buffer | null = null;
    try {
      let block = this.takeBlock();
      owned.push(block);
      let spare: Buffer | null = null;
      let at = entry.dataOffset;
      const endAt = entry.dataOffset + entry.compressedSize;
      if (at < endAt) {
        filling = block;
        reading = readInto(this.handle, block.subarray(0, Math.min(blockBytes, endAt - at)), at);
        // Awaited in the loop; a failure while a block is taken is not an unhandled rejection.
        reading.catch(() => {});
      }
      while (reading) {
        const bytesRead = await reading;
        reading = null;
        filling = null;
        if (bytesRead === 0) fail('size', 'its data runs past the end of the file');
        const data = block.subarray(0, bytesRead);
        at += bytesRead;
        if (at < endAt) {
          if (!spare) {
            spare = this.takeBlock();
            owned.push(spare);
          }
          [block, spare] = [spare, block];
          // Read the next block while this one is hashed (the kernel fills `block` meanwhile).
          filling = block;
          reading = readInto(this.handle, block.subarray(0, Math.min(blockBytes, endAt - at)), at);
          reading.catch(() => {});
        }
        if (inflater) {
          // Deflate expands at most ~1,032×: a 64 KiB slice inflates to at most ~64 MiB.
          for (let from = 0; from < data.length; from += INFLATE_SLICE_BYTES) {
            await feed(Buffer.from(data.subarray(from, from + INFLATE_SLICE_BYTES)));
            await drainInflated();
          }
        } else {
          await take(data);
        }
      }
      if (inflater) {
        await feed(null);
        await drainInflated();
      }
    } catch (error) {
      if (error instanceof EntryFailure) throw error;
      fail('size', `its compressed data is damaged (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      inflater?.destroy();
      // A block a read may still be filling is left to the collector, never handed to another entry.
      for (const block of owned) if (block !== filling) this.giveBlock(block);
    }
    this.settle(entry, size, crc);
  }

  /** Counts `more` bytes of `entry` (`size` so far) against its declared size and every limit. */
  private account(entry: ZipEntry, size: number, more: number): void {
    this.inflated += more;
    if (size > entry.uncompressedSize) throw entryFailure(entry, 'size', `inflates to more than the ${entry.uncompressedSize} bytes its header declares`);
    if (this.inflated > this.limits.totalBytes) throw new EntryFailure({ ...limitProblem(this.limits, 'totalBytes', `${entry.name}: reading stopped after ${this.inflated} inflated bytes`), entry: entry.name });
    if (Date.now() > this.deadline) throw new EntryFailure({ ...limitProblem(this.limits, 'budgetMs', `${entry.name}: the inspection ran out of time`), entry: entry.name });
  }

  /** The entry read to its end: its size and CRC-32 must be the ones declared. */
  private settle(entry: ZipEntry, size: number, crc: number): void {
    if (size !== entry.uncompressedSize) throw entryFailure(entry, 'size', `inflates to ${size} bytes, not the ${entry.uncompressedSize} its header declares`);
    if (crc >>> 0 !== entry.crc32 >>> 0) throw entryFailure(entry, 'crc', 'its CRC-32 does not match its bytes (the entry is damaged or altered)');
  }

  /**
   * A stored entry read and hashed on a worker thread (./hashThreads), with the same checks as
   * each(); null when this entry or this source is not one for that.
   */
  private async hashOffThread(entry: ZipEntry): Promise<HashResult | null> {
    const withDescriptor = this.handle.withDescriptor?.bind(this.handle);
    if (!withDescriptor || !this.readable || entry.dataOffset < 0 || entry.encrypted) return null;
    if (entry.method !== METHOD_STORE || entry.compressedSize !== entry.uncompressedSize) return null;
    let digest;
    try {
      digest = await withDescriptor((loan) => digestRange(loan, entry.dataOffset, entry.compressedSize));
    } catch (error) {
      // Where no thread can start (a host without worker threads), the entry is read here.
      if (error instanceof NoHashThreads) return null;
      throw entryFailure(entry, 'size', `its compressed data is damaged (${error instanceof Error ? error.message : String(error)})`);
    }
    if (digest.bytes < entry.compressedSize) throw entryFailure(entry, 'size', 'its data runs past the end of the file');
    this.account(entry, digest.bytes, digest.bytes);
    this.settle(entry, digest.bytes, digest.crc32);
    return { ok: true, sha256: digest.sha256, size: entry.uncompressedSize };
  }

  /**
   * Stored entries are read and hashed on worker threads when the source lends its descriptor
   * (a bundle file): with a few entries in flight (verify hashes several), every core hashes.
   * Deflated entries, and every entry of a source without a descriptor, are hashed here.
   */
  async hash(entry: ZipEntry): Promise<HashResult> {
    try {
      const offThread = await this.hashOffThread(entry);
      if (offThread) return offThread;
      const hash = createHash('sha256');
      await this.each(entry, (chunk) => void hash.update(chunk));
      return { ok: true, sha256: hash.digest('hex'), size: entry.uncompressedSize };
    } catch (error) {
      if (error instanceof EntryFailure) return { ok: false, problem: error.problem };
      throw error;
    }
  }

  /** The whole entry in memory: only for tag and JSON files, hence the bound. */
  async read(entry: ZipEntry, maxBytes: number): Promise<ReadResult> {
    if (entry.uncompressedSize > maxBytes) {
      return { ok: false, problem: { code: 'limit', entry: entry.name, message: `${entry.name}: ${entry.uncompressedSize} bytes is too large to read into memory (limit: ${maxBytes} bytes)` } };
    }
    const chunks: Buffer[] = [];
    try {
      await this.each(entry, (chunk) => void chunks.push(Buffer.from(chunk)));
      return { ok: true, bytes: Buffer.concat(chunks) };
    } catch (error) {
      if (error instanceof EntryFailure) return { ok: false, problem: error.problem };
      throw error;
    }
  }

  /** The entry's bytes as a stream with backpressure; a problem ends it with an error naming it. */
  stream(entry: ZipEntry): Readable {
    const queue: Buffer[] = [];
    let wake: (() => void) | null = null;
    let started = false;
    const start = (): void => {
      void this.each(entry, async (chunk) => {
        queue.push(Buffer.from(chunk));
        while (queue.length > 0) {
          if (out.destroyed) throw new EntryFailure({ code: 'cancelled', entry: entry.name, message: `${entry.name}: reading was stopped` });
          if (!out.push(queue.shift())) await new Promise<void>((resolve) => (wake = resolve));
        }
      }).then(
        () => out.push(null),
        (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    };
    const out = new Readable({
      highWaterMark: BLOCK_BYTES,
      read() {
        // Reading starts when the consumer first asks: an entry that fails before anyone
        // listens would otherwise emit its error to nobody (an uncaught exception in main).
        if (!started) {
          started = true;
          start();
        }
        wake?.();
        wake = null;
      },
    });
    return out;
  }
}

/**
 * Opens `path` read-only, hands the archive to `use`, and closes the file whatever happens —
 * on every failure path too (issue #14: a descriptor leaked per failed listing). Callers with
 * their own safe open (FIFO-proof) pass the handle to ZipArchive.open instead.
 */
export async function withZipFile<T>(path: string, use: (zip: ZipArchive) => Promise<T>, options: { readonly limits?: Partial<ZipLimits> } = {}): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return await use(await ZipArchive.open(handle, options));
  } finally {
    await handle.close();
  }
}
