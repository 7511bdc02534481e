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

export interface PutOptions {
  /** Runs after the bytes are durable but before they become visible; throwing discards them. */
  readonly beforeCommit?: (blob: { sha256: string; size: number }) => Promise<void>;
  readonly onBytes?: (bytesSoFar: number) => void;
}

export interface EvidenceStore {
  readonly root: string;
  put(source: Readable | Uint8Array, options?: PutOptions): Promise<StoredBlob>;
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

  async function writeAll(handle: FileHandle, source: Readable | Uint8Array, options: PutOptions) {
    const hash = createHash('sha256');
    let size = 0;
    const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = source instanceof Uint8Array ? [source] : source;
    for await (const chunk of chunks) {
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      size += bytes.length;
      options.onBytes?.(size);
    }
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
