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
 */

/** A person drops a few files at a time; more open uploads than this means something is stuck. */
const MAX_OPEN_UPLOADS = 16;

interface OpenUpload {
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string | null;
  readonly path: string;
  readonly stream: PassThrough;
  readonly stored: Promise<StoredBlob>;
  received: number;
}

export interface UploadBegin {
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string | null;
  readonly path: string;
}

export function createUploads(store: EvidenceStore, now: () => Date) {
  const open = new Map<string, OpenUpload>();

  const fail = (id: string, upload: OpenUpload, error: BridgeFailure): never => {
    open.delete(id);
    upload.stream.destroy(error);
    throw error;
  };

  return {
    begin(request: UploadBegin): { uploadId: string } {
      if (open.size >= MAX_OPEN_UPLOADS) {
        throw new BridgeFailure('too-large', `${MAX_OPEN_UPLOADS} files are already being stored; wait for them to finish.`);
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
      // Failures surface through finish(); this keeps an abandoned upload from being unhandled.
      stored.catch(() => undefined);
      open.set(uploadId, { ...request, stream, stored, received: 0 });
      return { uploadId };
    },

    async chunk(uploadId: string, offset: number, bytes: Uint8Array): Promise<{ received: number }> {
      const upload = open.get(uploadId);
      if (!upload) throw new BridgeFailure('not-found', 'This upload is no longer open. Nothing was stored; add the file again.');
      if (offset !== upload.received) {
        fail(uploadId, upload, new BridgeFailure('invalid-payload', `Bytes arrived out of order (at ${offset}, expected ${upload.received}). Nothing was stored.`));
      }
      if (upload.received + bytes.byteLength > upload.size) {
        fail(
          uploadId,
          upload,
          new BridgeFailure('file-changed', `"${visibleName(upload.name)}" grew while it was being read. Nothing was stored; add it again once it is complete.`),
        );
      }
      upload.received += bytes.byteLength;
      if (!upload.stream.write(bytes)) await Promise.race([once(upload.stream, 'drain'), upload.stored]);
      return { received: upload.received };
    },

    async finish(uploadId: string): Promise<ImportedFile> {
      const upload = open.get(uploadId);
      if (!upload) throw new BridgeFailure('not-found', 'This upload is no longer open. Nothing was stored; add the file again.');
      open.delete(uploadId);
      upload.stream.end();
      let stored: StoredBlob;
      try {
        stored = await upload.stored;
      } catch (error) {
        if (error instanceof BridgeFailure) throw error;
        if (isDiskFull(error)) {
          throw new BridgeFailure('io-error', `The disk is full: "${visibleName(upload.name)}" could not be stored. Nothing was stored; free some space and add it again.`);
        }
        throw new BridgeFailure('io-error', `"${visibleName(upload.name)}" could not be stored: ${error instanceof Error ? error.message : String(error)}`);
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
      open.delete(uploadId);
      upload.stream.destroy(new BridgeFailure('cancelled', 'The upload was cancelled.'));
      return { aborted: true };
    },
  };
}
