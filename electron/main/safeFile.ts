import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { visibleName } from '../../shared/files/visibleName';
import { BridgeFailure } from './bridge/failure';

/**
 * Opening a file the user chose (DESIGN.md §7: main never hangs on its input). A plain
 * `open()` of a named pipe blocks until a writer appears, a read from a device never ends, and
 * a file on a hung network drive or FUSE mount answers neither. So: open with O_NONBLOCK (a
 * FIFO opens at once), fstat the descriptor, refuse anything but a regular file by name, and
 * give every open and read a deadline. Every entry point that opens a user-chosen path goes
 * through here: "Attach files…", bundle inspect, import and verify, the CLI's `verify`.
 */

/** How long one open or read may go without an answer before the file is given up on. */
export const STALL_TIMEOUT_MS = 30_000;

export interface SafeFileOptions {
  /** Overrides STALL_TIMEOUT_MS (tests use a short one). */
  readonly stallTimeoutMs?: number;
  /** Appended to every refusal, e.g. " Nothing was stored." */
  readonly consequence?: string;
}

/** An open descriptor lent to a reader on another thread (SafeFile.withDescriptor). */
export interface DescriptorLoan {
  readonly fd: number;
  /** How long the reader may go without answering; then it gives `stalled()`. */
  readonly stallMs: number;
  stalled(): Error;
  /**
   * Keeps the descriptor open until `until` settles, past the work's own answer: a thread given
   * up on may still be in a read, and the descriptor's number must not name another file by then.
   */
  hold(until: Promise<unknown>): void;
}

/** A regular file, opened without following it into a pipe or device, whose reads time out. */
export interface SafeFile {
  readonly path: string;
  /** The file's name with hidden characters made visible: what messages show. */
  readonly shown: string;
  /** fstat of the opened descriptor: the file that was opened, not whatever the path names now. */
  readonly stats: Stats;
  /** Like FileHandle.read; rejects with a named failure when the read does not answer in time. */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  stat(): Promise<Stats>;
  /**
   * Lends the descriptor to `work` (a reader on another thread), tracked like a read: close()
   * does not close the descriptor under it, nor under anything the work holds.
   */
  withDescriptor<T>(work: (loan: DescriptorLoan) => Promise<T>): Promise<T>;
  /** Closes the descriptor; never waits for a read that stalled (it is closed once that returns). */
  close(): Promise<void>;
}

/** What a non-regular file is, in the words a message uses; null for a regular file. */
export function describeFileType(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refusal(shown: string, code: string | undefined, error: unknown): BridgeFailure {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new BridgeFailure('not-found', `"${shown}" no longer exists.`);
    case 'EACCES':
    case 'EPERM':
      return new BridgeFailure('io-error', `"${shown}" cannot be read (permission denied).`);
    case 'EISDIR':
      return new BridgeFailure('io-error', `"${shown}" is a folder, not a file.`);
    // open(2) of a socket file, or of a device with no driver behind it.
    case 'ENXIO':
    case 'ENODEV':
      return new BridgeFailure('io-error', `"${shown}" is a socket or a device, not a file.`);
    case 'ELOOP':
      return new BridgeFailure('io-error', `"${shown}" is a loop of symbolic links.`);
    case 'EMFILE':
    case 'ENFILE':
      return new BridgeFailure('io-error', `"${shown}" could not be opened: too many files are open at once. Try again in a moment.`);
    default:
      return new BridgeFailure('io-error', `"${shown}" could not be opened: ${code ?? (error instanceof Error ? error.message : String(error))}.`);
  }
}

/**
 * Settles with `work`, or rejects with `late()` once `ms` pass without an answer. A promise
 * cannot be cancelled: `onLateValue` receives what `work` produces after the deadline (an open
 * that finally answered must still be closed).
 */
function withDeadline<T>(work: Promise<T>, ms: number, late: () => BridgeFailure, onLateValue?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(late());
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (expired) onLateValue?.(value);
        else resolve(value);
      },
      (error: Error) => {
        clearTimeout(timer);
        if (!expired) reject(error);
      },
    );
  });
}

/** Opens `path` for reading if, and only if, it is a regular file. */
export async function openRegularFile(path: string, options: SafeFileOptions = {}): Promise<SafeFile> {
  const shown = visibleName(basename(path));
  const consequence = options.consequence ?? '';
  const stallMs = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  const stalled = (doing: string): BridgeFailure =>
    new BridgeFailure(
      'io-error',
      `"${shown}" did not answer for ${Number((stallMs / 1000).toFixed(1))} s while ${doing} (a disconnected network drive or device?).${consequence}`,
    );
  const withConsequence = (failure: BridgeFailure): BridgeFailure => new BridgeFailure(failure.code, `${failure.message}${consequence}`);

  // O_NONBLOCK makes open() of a FIFO return at once instead of waiting for a writer; O_NOCTTY
  // keeps a terminal device from becoming ours. Neither changes how a regular file reads.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
  let handle: FileHandle;
  try {
    handle = await withDeadline(open(path, flags), stallMs, () => stalled('it was being opened'), (late) => void late.close().catch(() => {}));
  } catch (error) {
    if (error instanceof BridgeFailure) throw error;
    throw withConsequence(refusal(shown, (error as NodeJS.ErrnoException).code, error));
  }

  const inflight = new Set<Promise<unknown>>();
  let closed = false;
  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    const settle = (): void => void inflight.delete(work);
    work.then(settle, settle);
    return work;
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (inflight.size === 0) {
      await handle.close();
      return;
    }
    // FileHandle.close() waits for pending operations; a stalled read must not hold us too.
    void Promise.allSettled([...inflight]).then(() => handle.close().catch(() => {}));
  };

  let stats: Stats;
  try {
    stats = await withDeadline(track(handle.stat()), stallMs, () => stalled('its type was checked'));
  } catch (error) {
    await close();
    if (error instanceof BridgeFailure) throw error;
    throw withConsequence(refusal(shown, (error as NodeJS.ErrnoException).code, error));
  }
  const type = describeFileType(stats);
  if (type !== null) {
    await close();
    throw new BridgeFailure('io-error', `"${shown}" is ${type}, not a regular file, so it was not read.${consequence}`);
  }

  return {
    path,
    shown,
    stats,
    async read(buffer, offset, length, position) {
      if (closed) throw new Error(`"${shown}" was read after it was closed`);
      const { bytesRead } = await withDeadline(track(handle.read(buffer, offset, length, position)), stallMs, () => stalled('it was being read'));
      return bytesRead;
    },
    stat: () => withDeadline(track(handle.stat()), stallMs, () => stalled('its size was checked')),
    withDescriptor(work) {
      if (closed) return Promise.reject(new Error(`"${shown}" was read after it was closed`));
      return track(work({ fd: handle.fd, stallMs, stalled: () => stalled('it was being read'), hold: (until) => void track(until) }));
    },
    close,
  };
}

/** Read size of readChunks: small files read whole (a key card); the store reads files itself. */
export const READ_CHUNK_BYTES = 128 * 1024;

/**
 * The file's bytes from `start` to its end, in fresh chunks. The next read is already under way
 * while the caller hashes and writes the chunk it was given, so reading overlaps the rest.
 */
export async function* readChunks(file: SafeFile, start = 0, chunkBytes = READ_CHUNK_BYTES): AsyncGenerator<Buffer, void, undefined> {
  const readAt = async (position: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const n = await file.read(buffer, 0, chunkBytes, position);
    return n === chunkBytes ? buffer : buffer.subarray(0, n);
  };
  let position = start;
  let next = readAt(position);
  try {
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) return;
      position += chunk.length;
      next = readAt(position);
      yield chunk;
    }
  } finally {
    // A caller that stops early leaves one read under way; its outcome is nobody's concern.
    next.catch(() => {});
  }
}

/**
 * A small user-chosen file read whole (a key card given to the CLI), through openRegularFile:
 * a pipe or device is refused by name, a stalled read times out, and a file over `maxBytes` is
 * refused rather than read into memory.
 */
export async function readSmallFile(path: string, maxBytes: number, options: SafeFileOptions = {}): Promise<Buffer> {
  const file = await openRegularFile(path, options);
  try {
    if (file.stats.size > maxBytes) {
      throw new BridgeFailure('too-large', `"${file.shown}" is ${file.stats.size.toLocaleString('en-US')} bytes, more than the ${maxBytes.toLocaleString('en-US')} such a file may be.`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of readChunks(file)) {
      total += chunk.length;
      // It grew while being read: still bounded.
      if (total > maxBytes) throw new BridgeFailure('too-large', `"${file.shown}" grew past ${maxBytes.toLocaleString('en-US')} bytes while it was read.`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } finally {
    await file.close();
  }
}
