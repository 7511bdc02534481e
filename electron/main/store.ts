import { createHash, randomUUID } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { chmod, link, mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_HEX, type StoredBlob } from '../../shared/bridge/contract';

/**
 * The content-addressed evidence store (DESIGN.md §2): bytes go to a temporary file and are
 * hashed as they are written, fsynced, then linked into `sha256/ab/cd/<hash>`. Linking
 * instead of renaming means a file already in place is never replaced: the same bytes are
 * stored once, and stored bytes are never modified (files are made read-only).
 */

/** Bytes to store: a stream, chunks from any async source, or one buffer. */
export type StoreSource = Readable | AsyncIterable<Uint8Array> | Uint8Array;

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

export interface EvidenceStore {
  readonly root: string;
  put(source: StoreSource, options?: PutOptions): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** Absolute path of stored bytes; throws on a malformed hash so no path is built from one. */
  pathOf(sha256: string): string;
  size(sha256: string): Promise<number | null>;
  openRead(sha256: string): Readable;
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
    const chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> = source instanceof Uint8Array ? [source] : source;
    for await (const chunk of chunks) {
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      await writing;
      writing = writeFully(handle, bytes, size);
      // Seen by the next iteration's await; without a handler now, a failure would count as unhandled meanwhile.
      writing.catch(() => {});
      size += bytes.length;
      options.onBytes?.(size);
    }
    await writing;
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

  return {
    root,
    pathOf,
    async put(source, options = {}) {
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
        let existed = false;
        try {
          await link(tmp, target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          existed = true;
        }
        if (!existed) await syncDir(dirname(target));
        return { ...written, existed };
      } finally {
        await rm(tmp, { force: true });
      }
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
    async sweepTemp() {
      const names = await readdir(tmpDir).catch(() => [] as string[]);
      const leftovers = names.filter((name) => name.endsWith('.part'));
      await Promise.all(leftovers.map((name) => rm(join(tmpDir, name), { force: true })));
      return leftovers.length;
    },
  };
}
