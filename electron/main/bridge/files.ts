import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportedFile } from '../../../shared/bridge/contract';
import { mimeForName } from '../../../shared/files/mime';
import { openRegularFile, type SafeFileOptions } from '../safeFile';
import type { EvidenceStore } from '../store';
import { BridgeFailure, isDiskFull } from './failure';

/**
 * Streams one file into the store. The file is opened once, as a regular file only (a pipe or
 * device is refused by name rather than read forever), and read through that descriptor, so a
 * rename mid-read cannot swap content in; size and mtime are compared before and after, and a
 * file that changed is discarded before it becomes visible in the store (DESIGN.md §3).
 */
export async function importFile(
  store: EvidenceStore,
  path: string,
  onBytes: (done: number, total: number) => void,
  now: () => Date = () => new Date(),
  options: Pick<SafeFileOptions, 'stallTimeoutMs'> = {},
): Promise<ImportedFile> {
  const file = await openRegularFile(path, { ...options, consequence: ' Nothing was stored.' });
  // Messages show the name with hidden characters made visible (it is shown to the user).
  const shown = file.shown;
  try {
    const before = file.stats;
    let stored;
    try {
      stored = await store.put({ readAt: (buffer, position) => file.read(buffer, 0, buffer.length, position) }, {
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
    await file.close();
  }
}
