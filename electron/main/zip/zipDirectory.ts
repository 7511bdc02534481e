import type { DescriptorLoan } from '../safeFile';
import {
  CENTRAL_HEADER_BYTES,
  END_BYTES,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_STRONG_ENCRYPTION,
  FLAG_UTF8,
  LOCAL_HEADER_BYTES,
  METHOD_DEFLATE,
  METHOD_STORE,
  SIGNATURE,
  U16_MAX,
  U32_MAX,
  ZIP64_END_BYTES,
  ZIP64_EXTRA_ID,
  ZIP64_LOCATOR_BYTES,
} from './format';
import { LIMIT_NAMES, type ZipLimits } from './limits';

/**
 * What the reader needs of an open file. A FileHandle has it, and so has a bundle opened as a
 * regular file only with deadlines on its reads (electron/main/bundle/bundleFile.ts).
 */
export interface ZipFileSource {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ readonly bytesRead: number }>;
  stat(): Promise<{ readonly size: number }>;
  /** The open descriptor for readers on other threads (SafeFile.withDescriptor); without it, all is read here. */
  withDescriptor?<T>(work: (loan: DescriptorLoan) => Promise<T>): Promise<T>;
}

/**
 * Reads a ZIP's structure strictly (issues #11, #14): the end records, every central directory
 * record and every local header, and reports each way they disagree or leave room for a second
 * reading of the archive — prepended data, gaps, overlaps, hidden local entries, duplicate or
 * case-colliding names, local headers that differ from the directory. A streaming extractor
 * (`jar x <`) and a directory reader (unzip, Python) must see the same files, or it is refused.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Where the entry's (compressed) data starts; known once its local header was read. */
  dataOffset: number;
  readonly encrypted: boolean;
  readonly isDirectory: boolean;
  readonly isSymlink: boolean;
}

export interface ZipProblem {
  /** A stable code: 'not-zip', 'limit', 'structure', 'name', 'collision', 'encrypted', 'method', 'local-header', 'size', 'crc'. */
  readonly code: string;
  /** The entry it concerns, or null for the archive as a whole. */
  readonly entry: string | null;
  readonly message: string;
}

export interface ZipDirectory {
  readonly entries: ZipEntry[];
  readonly problems: ZipProblem[];
  /** False when the structure is too broken to read any entry (no usable directory). */
  readonly readable: boolean;
}

const problem = (code: string, entry: string | null, message: string): ZipProblem => ({ code, entry, message });
export const limitProblem = (limits: ZipLimits, key: keyof ZipLimits, message: string): ZipProblem =>
  problem('limit', null, `${message} (limit: ${LIMIT_NAMES[key]}, ${limits[key].toLocaleString('en-US')})`);

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Code page 437 is ZIP's default; our names are ASCII, and anything else must say UTF-8. */
function decodeName(bytes: Buffer, flags: number): string | null {
  if ((flags & FLAG_UTF8) === 0 && bytes.some((b) => b >= 0x80)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Fills `into` from `position` up to its length or the end of the file, reading on after a short read; the bytes read. */
export async function readInto(handle: ZipFileSource, into: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await handle.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

async function readAt(handle: ZipFileSource, position: number, length: number): Promise<Buffer> {
  const out = Buffer.alloc(length);
  return out.subarray(0, await readInto(handle, out, position));
}

/** ZIP64 extended information (APPNOTE 4.5.3): only the fields whose 32-bit slot is all ones. */
function zip64Fields(extra: Buffer, wanted: { size: boolean; compressed: boolean; offset: boolean }): { size?: number; compressed?: number; offset?: number } | null {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) return null;
    if (id === ZIP64_EXTRA_ID) {
      const out: { size?: number; compressed?: number; offset?: number } = {};
      let p = at + 4;
      const next = (): number | undefined => {
        if (p + 8 > at + 4 + length) return undefined;
        const value = Number(extra.readBigUInt64LE(p));
        p += 8;
        return value;
      };
      if (wanted.size) out.size = next();
      if (wanted.compressed) out.compressed = next();
      if (wanted.offset) out.offset = next();
      return out;
    }
    at += 4 + length;
  }
  return null;
}

interface EndInfo {
  readonly entries: number;
  readonly directoryOffset: number;
  readonly directorySize: number;
  /** Where the records after the central directory begin (ZIP64 end record, or the end record). */
  readonly directoryEnd: number;
}

/** What a file starts with, for saying what it is when it is not a ZIP. */
const KNOWN_STARTS: ReadonlyArray<readonly [string, Buffer]> = [
  ['a PDF document', Buffer.from('%PDF-')],
  ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff])],
  ['a gzip or .tar.gz archive', Buffer.from([0x1f, 0x8b])],
  ['a 7-Zip archive', Buffer.from('7z\xbc\xaf\x27\x1c', 'latin1')],
  ['a RAR archive', Buffer.from('Rar!')],
  ['an older Office document (.doc, .xls)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
];

/**
 * Why there is no end record, in words a person can act on (issue #13: a PDF picked by mistake
 * got "End of central directory record signature not found"). A file that starts like a ZIP
 * but has no end was cut short; anything else is not a ZIP file at all.
 */
async function missingEndProblem(handle: ZipFileSource, fileSize: number): Promise<ZipProblem> {
  if (fileSize === 0) return problem('not-zip', null, 'This is not a ZIP file: it is empty.');
  const head = await readAt(handle, 0, Math.min(fileSize, 8));
  if (head.length >= 4 && head.readUInt32LE(0) === SIGNATURE.local) {
    return problem('structure', null, 'the ZIP file is incomplete: its end (the central directory) is missing, as when a download or a copy is cut short');
  }
  const kind = KNOWN_STARTS.find(([, magic]) => head.subarray(0, magic.length).equals(magic))?.[0];
  return problem('not-zip', null, `This is not a ZIP file${kind ? `: it looks like ${kind}` : ''}. A bundle is the .zip file Evidence Locker exports.`);
}

async function readEnd(handle: ZipFileSource, fileSize: number, problems: ZipProblem[]): Promise<EndInfo | null> {
  const tailLength = Math.min(fileSize, END_BYTES + U16_MAX);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - END_BYTES; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === SIGNATURE.end && i + END_BYTES + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    problems.push(await missingEndProblem(handle, fileSize));
    return null;
  }
  const endOffset = fileSize - tailLength + at;
  const end = tail.subarray(at, at + END_BYTES);
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0) {
    problems.push(problem('structure', null, 'a multi-disk (split) ZIP is not a bundle'));
    return null;
  }
  let entries = end.readUInt16LE(10);
  let directorySize = end.readUInt32LE(12);
  let directoryOffset = end.readUInt32LE(16);
  let directoryEnd = endOffset;
  const locatorAt = endOffset - ZIP64_LOCATOR_BYTES;
  if (locatorAt >= 0) {
    const locator = await readAt(handle, locatorAt, ZIP64_LOCATOR_BYTES);
    if (locator.readUInt32LE(0) === SIGNATURE.zip64Locator) {
      const recordAt = Number(locator.readBigUInt64LE(8));
      const record = await readAt(handle, recordAt, ZIP64_END_BYTES);
      if (record.length < ZIP64_END_BYTES || record.readUInt32LE(0) !== SIGNATURE.zip64End || recordAt + ZIP64_END_BYTES !== locatorAt) {
        problems.push(problem('structure', null, 'the ZIP64 end of central directory record is missing or not where its locator says'));
        return null;
      }
      entries = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
      directoryEnd = recordAt;
    }
  }
  if (directoryOffset + directorySize !== directoryEnd) {
    problems.push(
      problem(
        'structure',
        null,
        directoryOffset + directorySize < directoryEnd
          ? `${directoryEnd - directoryOffset - directorySize} unlisted bytes lie between the central directory and the end record`
          : 'the central directory overlaps the end record (the ZIP is truncated or its offsets are false)',
      ),
    );
    return null;
  }
  return { entries, directoryOffset, directorySize, directoryEnd };
}

function parseDirectory(directory: Buffer, count: number, problems: ZipProblem[]): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + CENTRAL_HEADER_BYTES > directory.length || directory.readUInt32LE(at) !== SIGNATURE.central) {
      problems.push(problem('structure', null, `the central directory holds fewer records than the ${count} its end record counts`));
      return null;
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const recordEnd = at + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (recordEnd > directory.length) {
      problems.push(problem('structure', null, 'a central directory record runs past the end of the directory'));
      return null;
    }
    const nameBytes = directory.subarray(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength);
    const decoded = decodeName(nameBytes, flags);
    const name = decoded ?? `(undecodable name ${JSON.stringify(nameBytes.toString('latin1'))})`;
    if (decoded === null) problems.push(problem('name', name, `${name}: the entry name is not valid UTF-8`));
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    if (directory.readUInt16LE(at + 34) !== 0) problems.push(problem('structure', name, `${name}: its record names another disk of a split archive`));
    const wanted = { size: uncompressedSize === U32_MAX, compressed: compressedSize === U32_MAX, offset: localHeaderOffset === U32_MAX };
    if (wanted.size || wanted.compressed || wanted.offset) {
      const z64 = zip64Fields(directory.subarray(at + CENTRAL_HEADER_BYTES + nameLength, at + CENTRAL_HEADER_BYTES + nameLength + extraLength), wanted);
      if (!z64 || (wanted.size && z64.size === undefined) || (wanted.compressed && z64.compressed === undefined) || (wanted.offset && z64.offset === undefined)) {
        problems.push(problem('structure', name, `${name}: its sizes overflow 4 GiB but its ZIP64 field is missing or short`));
        return null;
      }
      uncompressedSize = z64.size ?? uncompressedSize;
      compressedSize = z64.compressed ?? compressedSize;
      localHeaderOffset = z64.offset ?? localHeaderOffset;
    }
    const mode = (directory.readUInt32LE(at + 38) >>> 16) & 0o170000;
    entries.push({
      name,
      method,
      flags,
      crc32: directory.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      dataOffset: -1,
      encrypted: (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0,
      isDirectory: name.endsWith('/'),
      isSymlink: mode === 0o120000,
    });
    at = recordEnd;
  }
  if (at !== directory.length) problems.push(problem('structure', null, `${directory.length - at} bytes of the central directory belong to no record`));
  return entries;
}

/** Per-entry facts that need no reading: encryption, method, names, declared sizes and ratios. */
function entryProblems(entries: readonly ZipEntry[], fileSize: number, limits: ZipLimits, problems: ZipProblem[]): void {
  const exact = new Set<string>();
  const folded = new Map<string, string>();
  let total = 0;
  for (const e of entries) {
    if (e.encrypted) problems.push(problem('encrypted', e.name, `${e.name}: the entry is encrypted; a bundle never is`));
    if (e.method !== METHOD_STORE && e.method !== METHOD_DEFLATE) problems.push(problem('method', e.name, `${e.name}: compression method ${e.method} is not stored or deflated`));
    if (exact.has(e.name)) problems.push(problem('name', e.name, `${e.name}: appears twice in the ZIP`));
    else {
      // Case and Unicode normalization: two names that one file system stores as one file.
      const key = e.name.normalize('NFC').toLowerCase();
      const other = folded.get(key);
      if (other !== undefined) problems.push(problem('collision', e.name, `${e.name}: collides with ${other} on a case-insensitive file system`));
      else folded.set(key, e.name);
    }
    exact.add(e.name);
    if (e.method === METHOD_STORE && e.compressedSize !== e.uncompressedSize) {
      problems.push(problem('size', e.name, `${e.name}: stored, yet its sizes differ (${e.compressedSize} and ${e.uncompressedSize} bytes)`));
    }
    if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > Math.max(1, e.compressedSize) * limits.entryRatio) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      problems.push({ ...limitProblem(limits, 'entryRatio', `${e.name}: inflates ${ratio}× (a ZIP bomb?)`), entry: e.name });
    }
    total += e.uncompressedSize;
  }
  if (total > limits.totalBytes) problems.push(limitProblem(limits, 'totalBytes', `the ZIP would inflate to ${(total / 1024 ** 3).toFixed(1)} GiB`));
  if (total > limits.ratioFloorBytes && total > fileSize * limits.archiveRatio) {
    problems.push(limitProblem(limits, 'archiveRatio', `the ZIP would inflate ${Math.round(total / fileSize)}× its own size (a ZIP bomb?)`));
  }
}

/** Local headers read ahead, and the bytes after each fixed part read with it (name and extra fields). */
const HEAD_LOOKAHEAD = 16;
const HEAD_EXTRA_BYTES = 512;

/**
 * Reads every local header and checks that, laid end to end, the entries fill the archive from
 * its first byte to the central directory with nothing before, between or over them.
 */
async function checkLocalHeaders(handle: ZipFileSource, entries: ZipEntry[], directoryOffset: number, problems: ZipProblem[]): Promise<void> {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  // Each header is read in one piece with its name and usual extra fields, a few entries ahead:
  // two reads per entry, one after the other, were 300 of a 2,000-entry bundle's 2,000 ms (issue #15).
  const heads = new Map<number, Promise<Buffer>>();
  const headOf = (index: number): Promise<Buffer> => {
    for (let ahead = index; ahead < Math.min(byOffset.length, index + HEAD_LOOKAHEAD); ahead += 1) {
      if (heads.has(ahead)) continue;
      const read = readAt(handle, (byOffset[ahead] as ZipEntry).localHeaderOffset, LOCAL_HEADER_BYTES + HEAD_EXTRA_BYTES);
      // Awaited in its turn below; until then a failure is not unhandled.
      read.catch(() => {});
      heads.set(ahead, read);
    }
    const head = heads.get(index) as Promise<Buffer>;
    heads.delete(index);
    return head;
  };
  let expected = 0;
  for (const [index, e] of byOffset.entries()) {
    const head = headOf(index);
    if (e.localHeaderOffset < expected) {
      problems.push(problem('structure', e.name, `${e.name}: overlaps the entry before it (offset ${e.localHeaderOffset}, expected ${expected} or later)`));
      continue;
    }
    if (e.localHeaderOffset > expected) {
      const gap = await readAt(handle, expected, 4);
      const hidden = gap.length === 4 && gap.readUInt32LE(0) === SIGNATURE.local;
      problems.push(
        problem(
          'structure',
          null,
          expected === 0
            ? `${e.localHeaderOffset} bytes of data precede the first entry${hidden ? ', starting with a local header the central directory does not list (a hidden entry)' : ''}`
            : `${e.localHeaderOffset - expected} unlisted bytes at offset ${expected}${hidden ? ': a local entry the central directory does not list (a hidden entry)' : ''}`,
        ),
      );
    }
    const whole = await head;
    const fixed = whole.subarray(0, LOCAL_HEADER_BYTES);
    if (fixed.length < LOCAL_HEADER_BYTES || fixed.readUInt32LE(0) !== SIGNATURE.local) {
      problems.push(problem('local-header', e.name, `${e.name}: no local header where the central directory points (offset ${e.localHeaderOffset})`));
      expected = Math.max(expected, e.localHeaderOffset + 1);
      continue;
    }
    const nameLength = fixed.readUInt16LE(26);
    const extraLength = fixed.readUInt16LE(28);
    const variable =
      whole.length >= LOCAL_HEADER_BYTES + nameLength + extraLength
        ? whole.subarray(LOCAL_HEADER_BYTES, LOCAL_HEADER_BYTES + nameLength + extraLength)
        : await readAt(handle, e.localHeaderOffset + LOCAL_HEADER_BYTES, nameLength + extraLength);
    const localName = decodeName(variable.subarray(0, nameLength), fixed.readUInt16LE(6)) ?? '';
    const flags = fixed.readUInt16LE(6);
    const descriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
    let crc = fixed.readUInt32LE(14);
    let compressed = fixed.readUInt32LE(18);
    let size = fixed.readUInt32LE(22);
    if (compressed === U32_MAX || size === U32_MAX) {
      const z64 = zip64Fields(variable.subarray(nameLength), { size: true, compressed: true, offset: false });
      compressed = z64?.compressed ?? compressed;
      size = z64?.size ?? size;
    }
    const differs: string[] = [];
    if (localName !== e.name) differs.push(`name ${JSON.stringify(localName)}`);
    if (fixed.readUInt16LE(8) !== e.method) differs.push('compression method');
    if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== (e.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))) differs.push('encryption flag');
    // An entry written with a data descriptor (older bundles, other tools) has zeros here; its
    // descriptor after the data is checked instead.
    if (!descriptor && (crc !== e.crc32 || compressed !== e.compressedSize || size !== e.uncompressedSize)) differs.push('CRC-32 or sizes');
    if (differs.length > 0) problems.push(problem('local-header', e.name, `${e.name}: its local header disagrees with the central directory (${differs.join(', ')})`));
    e.dataOffset = e.localHeaderOffset + LOCAL_HEADER_BYTES + nameLength + extraLength;
    let end = e.dataOffset + e.compressedSize;
    if (descriptor) {
      const d = await readAt(handle, end, 24);
      const signed = d.length >= 4 && d.readUInt32LE(0) === SIGNATURE.dataDescriptor ? 4 : 0;
      const wide = e.compressedSize >= U32_MAX || e.uncompressedSize >= U32_MAX;
      const need = signed + (wide ? 20 : 12);
      if (d.length < need) problems.push(problem('local-header', e.name, `${e.name}: its data descriptor is cut off`));
      else {
        crc = d.readUInt32LE(signed);
        compressed = wide ? Number(d.readBigUInt64LE(signed + 4)) : d.readUInt32LE(signed + 4);
        size = wide ? Number(d.readBigUInt64LE(signed + 12)) : d.readUInt32LE(signed + 8);
        if (crc !== e.crc32 || compressed !== e.compressedSize || size !== e.uncompressedSize) {
          problems.push(problem('local-header', e.name, `${e.name}: its data descriptor disagrees with the central directory`));
        }
      }
      end += need;
    }
    expected = end;
  }
  if (expected > directoryOffset) problems.push(problem('structure', null, 'the last entry runs into the central directory'));
  else if (expected < directoryOffset) {
    const gap = await readAt(handle, expected, 4);
    const hidden = gap.length === 4 && gap.readUInt32LE(0) === SIGNATURE.local;
    problems.push(problem('structure', null, `${directoryOffset - expected} unlisted bytes before the central directory${hidden ? ': a local entry the central directory does not list (a hidden entry)' : ''}`));
  }
}

export async function readDirectory(handle: ZipFileSource, fileSize: number, limits: ZipLimits): Promise<ZipDirectory> {
  const problems: ZipProblem[] = [];
  const end = await readEnd(handle, fileSize, problems);
  if (!end) return { entries: [], problems, readable: false };
  if (end.entries > limits.entries) {
    problems.push(limitProblem(limits, 'entries', `the ZIP has ${end.entries.toLocaleString('en-US')} entries`));
    return { entries: [], problems, readable: false };
  }
  if (end.directorySize > limits.directoryBytes) {
    problems.push(limitProblem(limits, 'directoryBytes', `the central directory is ${end.directorySize.toLocaleString('en-US')} bytes`));
    return { entries: [], problems, readable: false };
  }
  const directory = await readAt(handle, end.directoryOffset, end.directorySize);
  const entries = parseDirectory(directory, end.entries, problems);
  if (!entries) return { entries: [], problems, readable: false };
  entryProblems(entries, fileSize, limits, problems);
  await checkLocalHeaders(handle, entries, end.directoryOffset, problems);
  return { entries, problems, readable: true };
}
