import { createHash } from 'node:crypto';
import { renderVerifyHtml } from '../../../shared/bundle/render/verifyHtml';
import { visibleName } from '../../../shared/files/visibleName';
import { verifyBag, type Verification, type VerifyOptions as CoreOptions } from '../../../shared/verify/core';
import type { BagSource, SourceEntry } from '../../../shared/verify/source';
import { HASH_THREADS } from '../zip/hashThreads';
import { ZipArchive, type ZipFileSource, type ZipLimits } from '../zip/zipReader';
import { openBundleFile } from './bundleFile';

export interface VerifyOptions extends CoreOptions {
  readonly limits?: Partial<ZipLimits>;
  /**
   * Opens the bundle; by default as a regular file only, every read under a deadline
   * (./bundleFile): a pipe, a device or a stalled drive is named, not waited on (issue #14).
   */
  readonly openFile?: (path: string) => Promise<ZipFileSource & { close(): Promise<void> }>;
}

/** Opens the bundle, hands the archive to `use`, and closes the file whatever happens. */
export async function withArchive<T>(zipPath: string, options: Pick<VerifyOptions, 'openFile' | 'limits'>, use: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const file = await (options.openFile ?? ((p: string) => openBundleFile(p)))(zipPath);
  try {
    return await use(await ZipArchive.open(file, { limits: options.limits }));
  } finally {
    await file.close();
  }
}

/**
 * A bundle ZIP as the core's source. The strict reader (electron/main/zip/) has already checked
 * the archive itself — local headers against the central directory, gaps, hidden entries,
 * bombs, lying sizes, encryption — and those findings reach the core as container problems, in
 * the same verdict. Names in them came from the bag, so they are made visible before printing.
 */
export function zipSource(zip: ZipArchive): BagSource {
  const containerProblems = zip.problems
    // Colliding names are the core's to decide, for a ZIP and an unpacked folder alike.
    .filter((p) => p.code !== 'collision')
    // A file that is no ZIP at all is said plainly; "not a readable ZIP: this is not a ZIP" is noise.
    .map((p) => visibleName(zip.readable || p.code === 'not-zip' ? p.message : `not a readable ZIP: ${p.message}`));
  for (const entry of zip.entries) if (entry.isSymlink) containerProblems.push(visibleName(`${entry.name}: is a symbolic link`));
  // A bomb is named, never inflated: reading it is the attack. Nothing of the bag is read then.
  if (!zip.readable || zip.problems.some((p) => p.code === 'limit')) return { kind: 'zip', entries: [], containerProblems };
  const entries: SourceEntry[] = zip.entries.map((entry) => ({
    path: entry.name,
    size: entry.uncompressedSize,
    isDirectory: entry.isDirectory,
    read: async (maxBytes) => {
      const result = await zip.read(entry, maxBytes);
      if (!result.ok) throw new Error(result.problem.message);
      return new Uint8Array(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
    },
    digest: async () => {
      const result = await zip.hash(entry);
      if (!result.ok) throw new Error(result.problem.message);
      return { sha256: result.sha256, size: result.size };
    },
  }));
  // Every hashing thread busy and one entry more, so none waits on this thread (issue #15).
  return { kind: 'zip', entries, containerProblems, digestConcurrency: HASH_THREADS + 1 };
}

/** The SHA-256 of the VERIFY.html this version writes: the CLI and import say whether a bag's is the same. */
export function verifierPageOf(version: string): { sha256: string; version: string } {
  return { sha256: createHash('sha256').update(renderVerifyHtml(), 'utf8').digest('hex'), version };
}

/**
 * Verifies a bundle ZIP from the outside, as an auditor's tool would, with the one verification
 * core (shared/verify/core.ts). Entries stream one at a time, so memory stays flat however
 * large the bundle.
 */
export async function verifyBundle(zipPath: string, options: VerifyOptions = {}): Promise<Verification> {
  try {
    return await withArchive(zipPath, options, (zip) => verifyBag(zipSource(zip), options));
  } catch (error) {
    // Only the file itself can fail here (missing, unreadable, not a regular file): the reader reports the rest.
    const message = visibleName(`not a readable ZIP: ${error instanceof Error ? error.message : String(error)}`);
    return verifyBag({ kind: 'zip', entries: [], containerProblems: [message] }, options);
  }
}
