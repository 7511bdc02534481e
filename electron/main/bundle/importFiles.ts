import type { Stats } from 'node:fs';
import { BridgeFailure, isDiskFull } from '../bridge/failure';
import { openRegularFile } from '../safeFile';
import type { EvidenceStore, StoreTransaction } from '../store';
import { openBundleFile, type BundleFile } from './bundleFile';
import { EntryFailure } from '../zip/zipReader';
import { withArchive } from './verify';

/**
 * Copies the evidence files of a verified bundle into the store (DESIGN.md §5, import), as one
 * transaction: an import that stops midway — the bundle replaced after it was verified, a full
 * disk, an unreadable entry — removes the blobs it had stored that nothing else refers to, and
 * says so, or names exactly what it could not remove. On success the transaction stays open
 * until the renderer has written the metadata that refers to the blobs (see the handler).
 */

/** Which file was verified: the same path naming another file later is not the same bundle. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** Changes with every write, and cannot be set back as the modification time can. */
  readonly ctimeMs: number;
}

export const identityOf = (stats: Stats): FileIdentity => ({ dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs });

export const sameIdentity = (a: FileIdentity, b: FileIdentity): boolean =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/** The identity of the regular file at `path` now (opened safely: a pipe put in its place is refused). */
export async function currentIdentity(path: string, stallTimeoutMs?: number): Promise<FileIdentity> {
  const file = await openRegularFile(path, { stallTimeoutMs });
  try {
    return identityOf(file.stats);
  } finally {
    await file.close();
  }
}

export interface ImportFilesResult {
  readonly stored: number;
  readonly existed: number;
}

export interface ImportOptions {
  /** The bundle as it was verified; a different file at the path is refused before anything is read. */
  readonly verified?: FileIdentity;
  readonly onProgress?: (done: number, total: number) => void;
  /** How long the bundle may go without answering an open or a read (safeFile.ts). */
  readonly stallTimeoutMs?: number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What a rollback did, in the words the error message ends with. */
function afterRollback(outcome: { removed: readonly string[]; kept: readonly string[] }): string {
  const removed = outcome.removed.length === 0 ? 'Nothing was added.' : `Nothing was added: the ${plural(outcome.removed.length, 'file', 'files')} it had stored ${outcome.removed.length === 1 ? 'was' : 'were'} removed again.`;
  if (outcome.kept.length === 0) return removed;
  return `${removed} ${plural(outcome.kept.length, 'stored file', 'stored files')} could not be removed and stay in the evidence store, referenced by nothing: ${outcome.kept.join(', ')}.`;
}

/**
 * Streams the listed evidence files out of the bundle into `transaction`, one at a time. The
 * store hashes what it writes; a file whose bytes are not the expected ones stops the import.
 * On failure the transaction is rolled back before the error is thrown.
 */
export async function importBundleFiles(
  store: EvidenceStore,
  zipPath: string,
  bagName: string,
  files: readonly { readonly path: string; readonly sha256: string }[],
  options: ImportOptions = {},
): Promise<{ result: ImportFilesResult; transaction: StoreTransaction }> {
  const transaction = store.transaction();
  // Set inside the archive callback: typed wide so the catch below does not take it for always null.
  let current = null as string | null;
  let index = 0;
  try {
    const { verified, stallTimeoutMs } = options;
    // The identity is checked on the descriptor the files are then read from: a file put in
    // the bundle's place between the check and the reading cannot slip in.
    const openVerified = async (path: string): Promise<BundleFile> => {
      const file = await openBundleFile(path, { stallTimeoutMs });
      if (verified && !sameIdentity(verified, identityOf(file.stats))) {
        await file.close();
        throw new BridgeFailure('file-changed', 'The bundle file was changed or replaced after it was verified. Nothing was added; choose it again to verify it anew.');
      }
      return file;
    };
    return await withArchive(zipPath, { openFile: openVerified }, async (zip) => {
      // Verified before, so a problem now means the file is not the one that was verified.
      const broken = zip.readable ? zip.problems[0] : (zip.problems[0] ?? { message: 'the archive cannot be read' });
      if (broken) throw new BridgeFailure('file-changed', `The bundle can no longer be read (${broken.message}); was it replaced after it was verified? Nothing was added.`);
      const entries = new Map(zip.entries.map((e) => [e.name, e]));
      let stored = 0;
      let existed = 0;
      for (const [i, file] of files.entries()) {
        index = i;
        current = file.path;
        const entry = entries.get(`${bagName}/${file.path}`);
        if (!entry) throw new BridgeFailure('file-changed', 'it is not in the bundle (was the bundle replaced after it was verified?).');
        const blob = await transaction.put(zip.stream(entry), {
          // Checked before the bytes become visible: a wrong file is never stored, not even for a moment.
          beforeCommit: async ({ sha256 }) => {
            if (sha256 !== file.sha256) {
              throw new BridgeFailure('file-changed', `its bytes hash to ${sha256}, not the ${file.sha256} the verified bundle lists (was the bundle replaced after it was verified?).`);
            }
          },
        });
        if (blob.existed) existed += 1;
        else stored += 1;
        options.onProgress?.(i + 1, files.length);
      }
      return { result: { stored, existed }, transaction };
    });
  } catch (error) {
    const outcome = await transaction.rollback();
    const where = current === null ? 'The import stopped' : `The import stopped at ${current} (file ${index + 1} of ${files.length})`;
    if (isDiskFull(error)) {
      throw new BridgeFailure('io-error', `The disk is full: ${where.charAt(0).toLowerCase()}${where.slice(1)}. ${afterRollback(outcome)} Free some space and import again.`);
    }
    if (error instanceof BridgeFailure && current === null) {
      // Refused before anything was stored: the refusal says all there is.
      throw error;
    }
    if (error instanceof EntryFailure) {
      // The strict reader checks every entry as it flows (size, CRC-32): the bundle verified
      // before, so a problem now means it changed since.
      const { entry, message } = error.problem;
      const detail = entry !== null && message.startsWith(`${entry}: `) ? message.slice(entry.length + 2) : message;
      throw new BridgeFailure('file-changed', `${where}: ${detail}; the bundle changed after it was verified. ${afterRollback(outcome)}`);
    }
    const cause = error instanceof Error ? error.message : String(error);
    throw new BridgeFailure(error instanceof BridgeFailure ? error.code : 'io-error', `${where}: ${cause} ${afterRollback(outcome)}`);
  }
}
