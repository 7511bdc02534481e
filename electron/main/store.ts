import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { chmod, link, mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_HEX, type StoredBlob } from '../../shared/bridge/contract';

/**
 * The content-addressed evidence store (DESIGN.md §2): bytes go to a temporary file and are
 * hashed as they are written, fsynced, then linked into `sha256/ab/cd/<hash>`. Linking
 * instead of renaming means a file already in place is never replaced: the same bytes are
 * stored once, and stored bytes are never modified (files are made read-only).
 */

/**
 * A file the store reads itself, at positions, into buffers it reuses: the fastest way in
 * (issue #15), as no chunk is allocated and the next read overlaps hashing and writing.
 * `readAt` returns the bytes read; 0 at the end.
 */
export interface PositionalSource {
  readonly readAt: (buffer: Buffer, position: number) => Promise<number>;
}

/** Bytes to store: a stream, chunks from any async source, one buffer, or a file read at positions. */
export type StoreSource = Readable | AsyncIterable<Uint8Array> | Uint8Array | PositionalSource;

/**
 * Read size and ring of buffers for a PositionalSource. Measured storing 1 GiB on an idle
 * machine, with the background syncs below: 4 MiB 875–1,222 ms, 1 MiB 1,127–2,217 ms,
 * 128 KiB 1,374–2,171 ms. Three buffers: one being read, one hashed and written, one whose
 * write may still be in flight.
 */
const POSITIONAL_CHUNK_BYTES = 4 * 1024 * 1024;
const POSITIONAL_RING = 3;

/**
 * Start an fdatasync of what is written so far every so often, in the background: without it
 * the kernel holds the whole file dirty and the closing fsync waits for all of it (1 GiB on
 * this machine: a closing fsync of 350–430 ms, against 0–20 ms with these).
 */
const SYNC_EVERY_BYTES = 256 * 1024 * 1024;

function isPositional(source: StoreSource): source is PositionalSource {
  return typeof (source as Partial<PositionalSource>).readAt === 'function';
}

async function* readPositional(source: PositionalSource, released: (index: number) => Promise<void>): AsyncGenerator<Buffer, void, undefined> {
  const ring = Array.from({ length: POSITIONAL_RING }, () => Buffer.allocUnsafe(POSITIONAL_CHUNK_BYTES));
  let index = 0;
  let position = 0;
  // Each read is awaited on the next turn; a failure meanwhile, or after a caller stopped
  // early, is not an unhandled rejection.
  let next = source.readAt(ring[0]!, 0);
  next.catch(() => {});
  for (;;) {
    const n = await next;
    if (n === 0) return;
    const chunk = ring[index]!.subarray(0, n);
    position += n;
    index = (index + 1) % POSITIONAL_RING;
    // The buffer read into next was written two chunks ago; that write must be done first.
    const at = position;
    const into = ring[index]!;
    next = released(index).then(() => source.readAt(into, at));
    next.catch(() => {});
    yield chunk;
  }
}

async function writeFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, position + offset);
    offset += bytesWritten;
  }
}

export interface PutOptions {
  /** Runs after the bytes are durable but before they become visible; throwing discards them. */
  readonly beforeCommit?: (blob: { sha256: string; size: number }) => Promise<void>;
  readonly onBytes?: (bytesSoFar: number) => void;
}

/**
 * Puts that may have to be undone together (a bundle import that stops midway). Blobs it
 * created stay provisional until commit(); rollback() removes those nothing else has stored
 * since. A put outside the transaction that meets a provisional blob claims it, so a rollback
 * never removes bytes someone else was told are stored.
 */
export interface StoreTransaction {
  put(source: StoreSource, options?: PutOptions): Promise<StoredBlob>;
  /** Keeps everything: the metadata that refers to the blobs was written. */
  commit(): void;
  /** Removes the blobs this transaction created and nobody claimed; names what could not be removed. */
  rollback(): Promise<{ readonly removed: readonly string[]; readonly kept: readonly string[] }>;
}

export interface EvidenceStore {
  readonly root: string;
  put(source: StoreSource, options?: PutOptions): Promise<StoredBlob>;
  transaction(): StoreTransaction;
  has(sha256: string): Promise<boolean>;
  /** Absolute path of stored bytes; throws on a malformed hash so no path is built from one. */
  pathOf(sha256: string): string;
  size(sha256: string): Promise<number | null>;
  openRead(sha256: string): Readable;
  /**
   * Unlinks stored bytes; their size, or null when they were not there. The only way bytes leave
   * the store, used by the purge of bytes nothing references (electron/main/bridge/purge.ts).
   */
  remove(sha256: string): Promise<number | null>;
  /**
   * Removes temporary files a killed process left behind. They were never linked into the
   * store, so nothing refers to them; call it at start-up, before any write begins.
   */
  sweepTemp(): Promise<number>;
}

export function createEvidenceStore(root: string): EvidenceStore {
  const tmpDir = join(root, 'tmp');
  const blobDir = join(root, 'sha256');

  const pathOf = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256.slice(0, 80))}`);
    return join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function writeAll(handle: FileHandle, source: StoreSource, options: PutOptions) {
    const hash = createHash('sha256');
    let size = 0;
    // One write in flight while the next chunk is read and hashed: disk and CPU overlap.
    let writing: Promise<void> = Promise.resolve();
    // The write of each ring buffer, so a positional read never lands in one still being written.
    const writes: Promise<void>[] = [];
    let syncing: Promise<void> = Promise.resolve();
    let syncedUpTo = 0;
    const chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> =
      source instanceof Uint8Array
        ? [source]
        : isPositional(source)
          ? readPositional(source, (index) => writes[index] ?? Promise.resolve())
          : source;
    let index = 0;
    for await (const chunk of chunks) {
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      await writing;
      writing = writeFully(handle, bytes, size);
      // Seen by a later await; without a handler now, a failure would count as unhandled meanwhile.
      writing.catch(() => {});
      writes[index] = writing.catch(() => {});
      index = (index + 1) % POSITIONAL_RING;
      size += bytes.length;
      if (size - syncedUpTo >= SYNC_EVERY_BYTES) {
        syncedUpTo = size;
        const written = writing;
        const previous = syncing;
        syncing = Promise.all([written, previous]).then(() => handle.datasync());
        syncing.catch(() => {});
      }
      options.onBytes?.(size);
    }
    await writing;
    await syncing;
    await handle.sync();
    return { sha256: hash.digest('hex'), size };
  }

  async function syncDir(dir: string) {
    // A rename or link is only durable once its directory entry is; Windows cannot open dirs.
    if (process.platform === 'win32') return;
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  // Blobs a transaction created and may still remove, by hash → the transaction; and removals under way.
  const provisional = new Map<string, Set<string>>();
  const removing = new Map<string, Promise<void>>();

  /** Links the finished temporary file under its hash; false when those bytes were already stored. */
  async function linkInto(tmp: string, target: string): Promise<boolean> {
    try {
      await link(tmp, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const removal = removing.get(basename(target));
    if (!removal) return false;
    // A rolled-back transaction is removing these very bytes: wait, then store them anew.
    await removal;
    return linkInto(tmp, target);
  }

  /** `owner`: the hashes a transaction created, which this put adds to the moment it links one. */
  async function put(source: StoreSource, options: PutOptions, owner: Set<string> | null): Promise<StoredBlob> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      let written: { sha256: string; size: number };
      try {
        written = await writeAll(handle, source, options);
      } finally {
        await handle.close();
      }
      await options.beforeCommit?.(written);
      const target = pathOf(written.sha256);
      await mkdir(dirname(target), { recursive: true });
      await chmod(tmp, 0o444);
      const created = await linkInto(tmp, target);
      if (created) {
        if (owner) {
          provisional.set(written.sha256, owner);
          owner.add(written.sha256);
        }
        await syncDir(dirname(target));
      } else if (provisional.has(written.sha256) && provisional.get(written.sha256) !== owner) {
        // Someone else now relies on these bytes: they are no longer the transaction's to remove.
        provisional.delete(written.sha256);
      }
      return { ...written, existed: !created };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  return {
    root,
    pathOf,
    put: (source, options = {}) => put(source, options, null),
    transaction() {
      const created = new Set<string>();
      return {
        put: (source, options = {}) => put(source, options, created),
        commit() {
          for (const sha256 of created) if (provisional.get(sha256) === created) provisional.delete(sha256);
          created.clear();
        },
        async rollback() {
          const removed: string[] = [];
          const kept: string[] = [];
          for (const sha256 of created) {
            if (provisional.get(sha256) !== created) continue;
            provisional.delete(sha256);
            const removal = rm(pathOf(sha256), { force: true });
            removing.set(sha256, removal.then(() => undefined, () => undefined));
            try {
              await removal;
              removed.push(sha256);
            } catch {
              kept.push(sha256);
            } finally {
              removing.delete(sha256);
            }
          }
          created.clear();
          return { removed, kept };
        },
      };
    },
    async has(sha256) {
      return (await this.size(sha256)) !== null;
    },
    async size(sha256) {
      try {
        return (await stat(pathOf(sha256))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    openRead(sha256) {
      return createReadStream(pathOf(sha256));
    },
    async remove(sha256) {
      const path = pathOf(sha256);
      const size = await this.size(sha256);
      if (size === null) return null;
      await rm(path);
      await syncDir(dirname(path));
      return size;
    },
    async sweepTemp() {
      const names = await readdir(tmpDir).catch(() => [] as string[]);
      const leftovers = names.filter((name) => name.endsWith('.part'));
      await Promise.all(leftovers.map((name) => rm(join(tmpDir, name), { force: true })));
      return leftovers.length;
    },
  };
}
