import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportedFile } from '../../../shared/bridge/contract';
import { mimeForName } from '../../../shared/files/mime';
import { visibleName } from '../../../shared/files/visibleName';
import type { EvidenceStore } from '../store';
import { BridgeFailure, isDiskFull } from './failure';

/**
 * Streams one file into the store. The file is opened once and read through that handle, so a
 * rename mid-read cannot swap content in; size and mtime are compared before and after, and a
 * file that changed is discarded before it becomes visible in the store (DESIGN.md §3).
 */
export async function importFile(
  store: EvidenceStore,
  path: string,
  onBytes: (done: number, total: number) => void,
  now: () => Date = () => new Date(),
): Promise<ImportedFile> {
  // Messages show the name with hidden characters made visible (it is shown to the user).
  const shown = visibleName(basename(path));
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BridgeFailure('not-found', `"${shown}" no longer exists. Nothing was stored.`);
    if (code === 'EACCES' || code === 'EPERM') throw new BridgeFailure('io-error', `"${shown}" cannot be read (permission denied).`);
    if (code === 'EISDIR') throw new BridgeFailure('io-error', `"${shown}" is a folder, not a file.`);
    throw new BridgeFailure('io-error', `"${shown}" could not be opened: ${code ?? String(error)}`);
  }
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw new BridgeFailure('io-error', `"${shown}" is not a regular file.`);
    const stream = createReadStream('', { fd: handle, autoClose: false });
    let stored;
    try {
      stored = await store.put(stream, {
        onBytes: (done) => onBytes(done, before.size),
        beforeCommit: async ({ size }) => {
          const after = await stat(path).catch(() => null);
          const changed =
            after === null ||
            size !== before.size ||
            after.size !== before.size ||
            after.mtimeMs !== before.mtimeMs ||
            after.ino !== before.ino;
          if (changed) {
            throw new BridgeFailure(
              'file-changed',
              after === null
                ? `"${shown}" disappeared while it was being read. Nothing was stored.`
                : `"${shown}" changed while it was being read. Nothing was stored; attach it again once it is complete.`,
            );
          }
        },
      });
    } catch (error) {
      if (isDiskFull(error)) {
        throw new BridgeFailure('io-error', `The disk is full: "${shown}" could not be stored. Nothing was stored; free some space and attach it again.`);
      }
      throw error;
    }
    return {
      ...stored,
      name: basename(path),
      path,
      mime: mimeForName(basename(path)),
      modifiedAt: before.mtime.toISOString(),
      importedAt: now().toISOString(),
    };
  } finally {
    await handle.close();
  }
}
