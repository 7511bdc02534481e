import type { Stats } from 'node:fs';
import { openRegularFile, type SafeFileOptions } from '../safeFile';
import type { ZipFileSource } from '../zip/zipReader';

/** A bundle opened for the strict ZIP reader; `stats` are the opened descriptor's own. */
export interface BundleFile extends ZipFileSource {
  readonly stats: Stats;
  close(): Promise<void>;
}

/**
 * Opens a bundle as the reader's source through openRegularFile: a bundle that is a pipe or a
 * device is refused by name before any byte is read, and every read of the archive has the
 * same deadline as any other user-chosen file (a bundle on a network drive that goes away
 * fails, it does not hang). Verify, inspect, import and the CLI all open bundles here.
 */
export async function openBundleFile(path: string, options: SafeFileOptions = {}): Promise<BundleFile> {
  const file = await openRegularFile(path, options);
  return {
    stats: file.stats,
    read: async (buffer, offset, length, position) => ({ bytesRead: await file.read(buffer, offset, length, position) }),
    stat: () => file.stat(),
    withDescriptor: (work) => file.withDescriptor(work),
    close: () => file.close(),
  };
}
