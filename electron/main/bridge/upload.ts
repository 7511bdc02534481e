import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ImportedFile, StoredBlob } from '../../../shared/bridge/contract';
import { mimeForName } from '../../../shared/files/mime';
import { visibleName } from '../../../shared/files/visibleName';
import type { EvidenceStore } from '../store';
import { BridgeFailure, isDiskFull } from './failure';

/**
 * Files dropped or pasted in the window arrive as bytes, in chunks (DESIGN.md §3): the renderer
 * cannot name a path for main to open. Each chunk goes straight into the store's temporary file
 * with backpressure, so memory stays flat whatever the size; nothing is visible in the store
 * until the last byte has arrived and the size matches what the renderer announced.
 *
 * An upload belongs to the page that began it. It ends when that page goes away (reload, close,
 * crash: `expireAll`) or when no data arrives for `idleMs`; its temporary file is closed and
 * removed either way (DESIGN.md §7: pending uploads have limits), and a new drop never waits
 * for abandoned ones.
 */

/** A person drops a few files at a time, and the renderer sends them one after another. */
export const MAX_OPEN_UPLOADS = 16;
/** No data for this long: the renderer is gone or stuck, and the upload is given up. */
export const UPLOAD_IDLE_MS = 60_000;
/** At the limit, an upload idle this long is taken to be abandoned and makes room for a new one. */
const ABANDONED_AT_LIMIT_MS = 2_000;
/** How many ended uploads are remembered, so a late chunk learns why its upload is gone. */
const REMEMBERED_ENDINGS = 64;

interface OpenUpload {
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string | null;
  readonly path: string;
  readonly stream: PassThrough;
  readonly stored: Promise<StoredBlob>;
  received: number;
  /** Calls under way (a chunk waiting for the disk is not idle). */
  busy: number;
  lastActive: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface UploadBegin {
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string | null;
  readonly path: string;
}

export interface UploadOptions {
  readonly idleMs?: number;
  /** Milliseconds on a monotonic clock; tests leave it as is. */
  readonly clock?: () => number;
}

const GONE = 'This upload is no longer open. Nothing was stored; add the file again.';

export function describeUploadFailure(name: string, error: unknown): BridgeFailure {
  if (error instanceof BridgeFailure) return error;
  const shown = visibleName(name);
  if (isDiskFull(error)) {
    return new BridgeFailure('io-error', `The disk is full: "${shown}" could not be stored. Nothing was stored; free some space and add it again.`);
  }
  return new BridgeFailure('io-error', `"${shown}" could not be stored: ${error instanceof Error ? error.message : String(error)}. Nothing was stored.`);
}

export function createUploads(store: EvidenceStore, now: () => Date, options: UploadOptions = {}) {
  const idleMs = options.idleMs ?? UPLOAD_IDLE_MS;
  const clock = options.clock ?? (() => performance.now());
  const open = new Map<string, OpenUpload>();
  // Why recent uploads ended, for the calls that arrive after (a late chunk, a finish).
  const endings = new Map<string, BridgeFailure>();
  // Stores of ended uploads still closing and removing their temporary files.
  const closing = new Set<Promise<unknown>>();

  const remember = (id: string, why: BridgeFailure): void => {
    endings.set(id, why);
    for (const old of [...endings.keys()].slice(0, -REMEMBERED_ENDINGS)) endings.delete(old);
  };

  /** Ends an upload: its stream is destroyed, so the store closes and removes the temporary file. */
  const end = (id: string, upload: OpenUpload, why: BridgeFailure): void => {
    if (open.get(id) !== upload) return;
    open.delete(id);
    if (upload.timer) clearTimeout(upload.timer);
    remember(id, why);
    upload.stream.destroy(why);
    const done = upload.stored.then(
      () => undefined,
      () => undefined,
    );
    closing.add(done);
    void done.then(() => closing.delete(done));
  };

  const arm = (id: string, upload: OpenUpload): void => {
    upload.lastActive = clock();
    if (upload.timer) clearTimeout(upload.timer);
    upload.timer = null;
    if (upload.busy > 0) return;
    upload.timer = setTimeout(() => {
      end(id, upload, new BridgeFailure('cancelled', `"${visibleName(upload.name)}" was not stored: no data arrived for ${Number((idleMs / 1000).toFixed(1))} s. Add the file again.`));
    }, idleMs);
    // A pending expiry must not keep a quitting process alive.
    upload.timer.unref?.();
  };

  const lookUp = (id: string): OpenUpload => {
    const upload = open.get(id);
    if (upload) return upload;
    throw endings.get(id) ?? new BridgeFailure('not-found', GONE);
  };

  /** At the limit, the upload idle longest goes, if it has been idle long enough to be abandoned. */
  const makeRoom = (): void => {
    const idle = [...open.entries()].filter(([, u]) => u.busy === 0).sort(([, a], [, b]) => a.lastActive - b.lastActive)[0];
    if (idle && clock() - idle[1].lastActive >= ABANDONED_AT_LIMIT_MS) {
      end(idle[0], idle[1], new BridgeFailure('cancelled', `"${visibleName(idle[1].name)}" was not stored: it stopped receiving data and made room for newer files. Add it again.`));
    }
  };

  return {
    begin(request: UploadBegin): { uploadId: string } {
      if (open.size >= MAX_OPEN_UPLOADS) makeRoom();
      if (open.size >= MAX_OPEN_UPLOADS) {
        throw new BridgeFailure('too-large', `${MAX_OPEN_UPLOADS} files are being stored right now; add more once they have finished.`);
      }
      const uploadId = randomUUID();
      const stream = new PassThrough();
      // A destroyed upload's error reaches the caller through `stored`; the stream's own 'error'
      // event needs a listener too, or Node reports it as unhandled.
      stream.on('error', () => undefined);
      const shown = visibleName(request.name);
      const stored = store.put(stream, {
        beforeCommit: async ({ size }) => {
          if (size !== request.size) {
            throw new BridgeFailure('file-changed', `"${shown}" changed while it was being read (${size} of ${request.size} bytes arrived). Nothing was stored.`);
          }
        },
      });
      // Failures surface through chunk() and finish(); this keeps an abandoned upload from being unhandled.
      stored.catch(() => undefined);
      const upload: OpenUpload = { ...request, stream, stored, received: 0, busy: 0, lastActive: clock(), timer: null };
      open.set(uploadId, upload);
      arm(uploadId, upload);
      return { uploadId };
    },

    async chunk(uploadId: string, offset: number, bytes: Uint8Array): Promise<{ received: number }> {
      const upload = lookUp(uploadId);
      if (offset !== upload.received) {
        const why = new BridgeFailure('invalid-payload', `Bytes arrived out of order (at ${offset}, expected ${upload.received}). Nothing was stored.`);
        end(uploadId, upload, why);
        throw why;
      }
      if (upload.received + bytes.byteLength > upload.size) {
        const why = new BridgeFailure('file-changed', `"${visibleName(upload.name)}" grew while it was being read. Nothing was stored; add it again once it is complete.`);
        end(uploadId, upload, why);
        throw why;
      }
      upload.busy += 1;
      arm(uploadId, upload);
      try {
        upload.received += bytes.byteLength;
        if (!upload.stream.write(bytes)) await Promise.race([once(upload.stream, 'drain'), upload.stored]);
        return { received: upload.received };
      } catch (error) {
        // Whatever interrupted the wait, the store's own failure is the cause to report (a
        // destroyed stream only says "aborted").
        const cause = await upload.stored.then(
          () => error,
          (stored: unknown) => stored,
        );
        const why = describeUploadFailure(upload.name, cause);
        end(uploadId, upload, why);
        throw endings.get(uploadId) ?? why;
      } finally {
        upload.busy -= 1;
        if (open.get(uploadId) === upload) arm(uploadId, upload);
      }
    },

    async finish(uploadId: string): Promise<ImportedFile> {
      const upload = lookUp(uploadId);
      open.delete(uploadId);
      if (upload.timer) clearTimeout(upload.timer);
      upload.stream.end();
      let stored: StoredBlob;
      try {
        stored = await upload.stored;
      } catch (error) {
        throw describeUploadFailure(upload.name, error);
      }
      const importedAt = now().toISOString();
      return {
        ...stored,
        name: upload.name,
        path: upload.path,
        mime: mimeForName(upload.name),
        modifiedAt: upload.modifiedAt ?? importedAt,
        importedAt,
      };
    },

    abort(uploadId: string): { aborted: boolean } {
      const upload = open.get(uploadId);
      if (!upload) return { aborted: false };
      end(uploadId, upload, new BridgeFailure('cancelled', 'The upload was cancelled. Nothing was stored.'));
      return { aborted: true };
    },

    /** The page that began these uploads is gone (reloaded, closed, crashed): none can finish. */
    expireAll(reason: string): number {
      const all = [...open.entries()];
      for (const [id, upload] of all) end(id, upload, new BridgeFailure('cancelled', `"${visibleName(upload.name)}" was not stored: ${reason} Add it again.`));
      return all.length;
    },

    /** Uploads open now (for tests and diagnostics). */
    get openCount(): number {
      return open.size;
    },

    /** Resolves once every ended upload has closed and removed its temporary file. */
    async settled(): Promise<void> {
      await Promise.allSettled([...closing]);
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
