import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { renderVerifyHtml } from '../../../shared/bundle/render/verifyHtml';
import { visibleName } from '../../../shared/files/visibleName';
import { verifyBag, type Verification, type VerifyOptions } from '../../../shared/verify/core';
import type { BagSource, SourceEntry } from '../../../shared/verify/source';

export const LIMITS = {
  entries: 65_535,
  /** Largest uncompressed total we will read: far above what a ZIP32 bag can legitimately hold. */
  totalBytes: 8 * 1024 ** 3,
  /** Tag and JSON files are read into memory; nothing legitimate comes close. */
  textBytes: 256 * 1024 * 1024,
  /** A ZIP bomb's tell: an entry that inflates far more than real documents do. */
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
} as const;

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > LIMITS.entries) {
        reject(new Error(`the ZIP has more than ${LIMITS.entries} entries`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

const isSymlink = (entry: yauzl.Entry): boolean => ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;

/**
 * What the ZIP reader itself can tell about the archive, before the bag is read: links, bombs,
 * absurd totals. These reach the core as container problems and fail the same verdict. (The
 * strict reader of the zip branch adds local headers, gaps and hidden entries here.)
 */
const isBomb = (entry: yauzl.Entry): boolean => entry.uncompressedSize > LIMITS.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * LIMITS.maxRatio;

export function containerProblems(entries: readonly yauzl.Entry[]): string[] {
  const problems: string[] = [];
  let total = 0;
  for (const entry of entries) {
    const name = visibleName(entry.fileName);
    if (isSymlink(entry)) problems.push(`${name}: is a symbolic link`);
    total += entry.uncompressedSize;
    if (isBomb(entry)) problems.push(`${name}: inflates ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (a ZIP bomb?)`);
  }
  if (total > LIMITS.totalBytes) problems.push(`the ZIP would inflate to ${(total / 1024 ** 3).toFixed(1)} GiB, more than any bundle holds`);
  return problems;
}

/** A bundle ZIP as the core's source: entries read and hashed as streams, one at a time. */
export async function openZipSource(zipPath: string): Promise<{ source: BagSource; close: () => void }> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(zipPath);
    entries = await listEntries(zip);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const plain = /End of central directory record signature not found/.test(message) ? 'this is not a ZIP file (no ZIP directory at its end)' : message;
    return { source: { kind: 'zip', entries: [], containerProblems: [`not a readable ZIP: ${visibleName(plain)}`] }, close: () => {} };
  }
  const opened = zip;
  const tooBig = entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > LIMITS.totalBytes;
  // A bomb is named, never inflated: reading it is the attack.
  const refuse = (entry: yauzl.Entry): void => {
    if (isBomb(entry) || tooBig) throw new Error('not inflated: the ZIP is refused as a bomb');
  };
  const sourceEntries: SourceEntry[] = entries.map((entry) => ({
    path: entry.fileName,
    size: entry.uncompressedSize,
    isDirectory: entry.fileName.endsWith('/'),
    read: async (maxBytes) => {
      refuse(entry);
      if (entry.uncompressedSize > maxBytes) throw new Error(`${entry.fileName} is too large to be read whole`);
      const chunks: Buffer[] = [];
      for await (const chunk of await openEntry(opened, entry)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    digest: async () => {
      refuse(entry);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of await openEntry(opened, entry)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      return { sha256: hash.digest('hex'), size };
    },
  }));
  return { source: { kind: 'zip', entries: sourceEntries, containerProblems: containerProblems(entries) }, close: () => opened.close() };
}

/** The SHA-256 of the VERIFY.html this version writes: the CLI and import say whether a bag's is the same. */
export function verifierPageOf(version: string): { sha256: string; version: string } {
  return { sha256: createHash('sha256').update(renderVerifyHtml(), 'utf8').digest('hex'), version };
}

/**
 * Verifies a bundle ZIP from the outside, as an auditor's tool would, with the one verification
 * core (shared/verify/core.ts). Entries stream one at a time through yauzl, so memory stays
 * flat however large the bundle.
 */
export async function verifyBundle(zipPath: string, options: VerifyOptions = {}): Promise<Verification> {
  const { source, close } = await openZipSource(zipPath);
  try {
    return await verifyBag(source, options);
  } finally {
    close();
  }
}

/**
 * Streams the listed evidence files out of a verified bundle into the store, one at a time.
 * The store hashes what it writes; a file whose bytes are not the expected ones is refused.
 */
export async function importBundleFiles(
  zipPath: string,
  bagName: string,
  files: readonly { readonly path: string; readonly sha256: string }[],
  put: (stream: Readable) => Promise<{ sha256: string; existed: boolean }>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ stored: number; existed: number }> {
  const zip = await openZip(zipPath);
  try {
    const entries = new Map((await listEntries(zip)).map((e) => [e.fileName, e]));
    let stored = 0;
    let existed = 0;
    for (const [index, file] of files.entries()) {
      const entry = entries.get(`${bagName}/${file.path}`);
      if (!entry) throw new Error(`${file.path} is not in the bundle`);
      const result = await put(await openEntry(zip, entry));
      if (result.sha256 !== file.sha256) throw new Error(`${file.path}: its bytes hash to ${result.sha256}, not the ${file.sha256} the bundle lists`);
      if (result.existed) existed += 1;
      else stored += 1;
      onProgress?.(index + 1, files.length);
    }
    return { stored, existed };
  } finally {
    zip.close();
  }
}
