import { MAX_UPLOAD_CHUNK_BYTES, type ImportedFile } from '../../../shared/bridge/contract';
import { visibleName } from '../../../shared/files/visibleName';
import { bridge, unwrap } from '../../bridge';

/**
 * Sends a dropped or pasted file to main in slices (DESIGN.md §3): only one slice is in memory
 * at a time, on either side, whatever the file's size. A file that changes on disk while it is
 * read makes Chromium fail the read; main then discards what arrived and nothing is stored.
 */
const CHUNK = 4 * 1024 * 1024;

export async function uploadFile(file: File, onProgress: (bytesDone: number) => void): Promise<ImportedFile> {
  const api = bridge();
  const { uploadId } = await unwrap(
    api.beginUpload({
      name: file.name,
      size: file.size,
      modifiedAt: file.lastModified > 0 ? new Date(file.lastModified).toISOString() : null,
      path: api.pathForFile?.(file) ?? '',
    }),
  );
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await file.slice(offset, Math.min(file.size, offset + Math.min(CHUNK, MAX_UPLOAD_CHUNK_BYTES))).arrayBuffer());
      } catch {
        throw new Error(`"${visibleName(file.name)}" changed or disappeared while it was being read. Nothing was stored; add it again once it is complete.`);
      }
      await unwrap(api.uploadChunk({ uploadId, offset, bytes }));
      onProgress(offset + bytes.byteLength);
    }
    return await unwrap(api.finishUpload({ uploadId }));
  } catch (error) {
    await api.abortUpload({ uploadId });
    throw error;
  }
}
