/**
 * The ZIP records we write and read, per PKWARE's APPNOTE.TXT (6.3.10): local file header
 * (4.3.7), central directory header (4.3.12), ZIP64 extended information (4.5.3), ZIP64 end of
 * central directory record and locator (4.3.14, 4.3.15), end of central directory (4.3.16).
 * One module for both directions, so what the writer emits and what the reader demands agree.
 */

export const SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  dataDescriptor: 0x08074b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_BYTES = 22;
export const ZIP64_END_BYTES = 56;
export const ZIP64_LOCATOR_BYTES = 20;
export const ZIP64_EXTRA_ID = 0x0001;

export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;

/** General purpose flag bits (4.4.4). */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8 = 0x0800;

/** "Version needed to extract" (4.4.3): 1.0 stored, 2.0 deflated, 4.5 ZIP64. */
const VERSION_STORE = 10;
const VERSION_DEFLATE = 20;
const VERSION_ZIP64 = 45;
/** Made by Unix (3), spec 4.5: so unzip applies the mode bits in the external attributes. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--, in the high 16 bits of the external attributes (Unix). */
const REGULAR_FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

/**
 * Deflate's worst case on incompressible input (zlib's deflateBound: 5 bytes per 16 KiB
 * stored block plus a few), with room to spare. An entry whose bound passes 4 GiB gets ZIP64
 * sizes in its local header, decided before its first byte is written.
 */
export function deflateBound(size: number): number {
  return size + Math.ceil(size / 16_000) * 5 + 1024;
}

export interface DosDateTime {
  readonly time: number;
  readonly date: number;
}

/** MS-DOS date and time (4.4.6) of an instant, in UTC: a bundle reads the same in every zone. */
export function dosDateTime(at: Date): DosDateTime {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** What the writer knows of an entry once its data is written. */
export interface WrittenEntry {
  readonly name: Buffer;
  readonly method: typeof METHOD_STORE | typeof METHOD_DEFLATE;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** The local header carries ZIP64 sizes (decided up front from the entry's size bound). */
  readonly zip64Local: boolean;
  readonly when: DosDateTime;
}

const isAscii = (name: Buffer): boolean => name.every((b) => b < 0x80);
const versionFor = (entry: Pick<WrittenEntry, 'method'>, zip64: boolean): number =>
  zip64 ? VERSION_ZIP64 : entry.method === METHOD_DEFLATE ? VERSION_DEFLATE : VERSION_STORE;

/**
 * The local file header. With `zip64Local` both 32-bit sizes read 0xFFFFFFFF and the ZIP64
 * extra field carries them (4.5.3: the local extra must hold both). Never a data descriptor:
 * streaming extractors (`jar x <`, bsdtar) read these sizes to find the next entry.
 */
export function localHeader(entry: Omit<WrittenEntry, 'localHeaderOffset'>): Buffer {
  const extra = entry.zip64Local ? 20 : 0;
  const out = Buffer.alloc(LOCAL_HEADER_BYTES + entry.name.length + extra);
  out.writeUInt32LE(SIGNATURE.local, 0);
  out.writeUInt16LE(versionFor(entry, entry.zip64Local), 4);
  out.writeUInt16LE(isAscii(entry.name) ? 0 : FLAG_UTF8, 6);
  out.writeUInt16LE(entry.method, 8);
  out.writeUInt16LE(entry.when.time, 10);
  out.writeUInt16LE(entry.when.date, 12);
  out.writeUInt32LE(entry.crc32 >>> 0, 14);
  out.writeUInt32LE(entry.zip64Local ? U32_MAX : entry.compressedSize, 18);
  out.writeUInt32LE(entry.zip64Local ? U32_MAX : entry.uncompressedSize, 22);
  out.writeUInt16LE(entry.name.length, 26);
  out.writeUInt16LE(extra, 28);
  entry.name.copy(out, LOCAL_HEADER_BYTES);
  if (entry.zip64Local) {
    const at = LOCAL_HEADER_BYTES + entry.name.length;
    out.writeUInt16LE(ZIP64_EXTRA_ID, at);
    out.writeUInt16LE(16, at + 2);
    out.writeBigUInt64LE(BigInt(entry.uncompressedSize), at + 4);
    out.writeBigUInt64LE(BigInt(entry.compressedSize), at + 12);
  }
  return out;
}

/**
 * The central directory header. A field that does not fit 32 bits reads 0xFFFFFFFF and moves
 * to the ZIP64 extra field, in the spec's order; an entry whose local header used ZIP64 sizes
 * keeps them here too, so the two records describe the entry the same way.
 */
export function centralHeader(entry: WrittenEntry): Buffer {
  const sizes64 = entry.zip64Local || entry.compressedSize >= U32_MAX || entry.uncompressedSize >= U32_MAX;
  const offset64 = entry.localHeaderOffset >= U32_MAX;
  const extraFields = (sizes64 ? 2 : 0) + (offset64 ? 1 : 0);
  const extra = extraFields === 0 ? 0 : 4 + 8 * extraFields;
  const out = Buffer.alloc(CENTRAL_HEADER_BYTES + entry.name.length + extra);
  out.writeUInt32LE(SIGNATURE.central, 0);
  out.writeUInt16LE(MADE_BY, 4);
  out.writeUInt16LE(versionFor(entry, extraFields > 0), 6);
  out.writeUInt16LE(isAscii(entry.name) ? 0 : FLAG_UTF8, 8);
  out.writeUInt16LE(entry.method, 10);
  out.writeUInt16LE(entry.when.time, 12);
  out.writeUInt16LE(entry.when.date, 14);
  out.writeUInt32LE(entry.crc32 >>> 0, 16);
  out.writeUInt32LE(sizes64 ? U32_MAX : entry.compressedSize, 20);
  out.writeUInt32LE(sizes64 ? U32_MAX : entry.uncompressedSize, 24);
  out.writeUInt16LE(entry.name.length, 28);
  out.writeUInt16LE(extra, 30);
  // comment length, disk number start, internal attributes: 0
  out.writeUInt32LE(REGULAR_FILE_ATTRIBUTES, 38);
  out.writeUInt32LE(offset64 ? U32_MAX : entry.localHeaderOffset, 42);
  entry.name.copy(out, CENTRAL_HEADER_BYTES);
  if (extra > 0) {
    let at = CENTRAL_HEADER_BYTES + entry.name.length;
    out.writeUInt16LE(ZIP64_EXTRA_ID, at);
    out.writeUInt16LE(extra - 4, at + 2);
    at += 4;
    if (sizes64) {
      out.writeBigUInt64LE(BigInt(entry.uncompressedSize), at);
      out.writeBigUInt64LE(BigInt(entry.compressedSize), at + 8);
      at += 16;
    }
    if (offset64) out.writeBigUInt64LE(BigInt(entry.localHeaderOffset), at);
  }
  return out;
}

/**
 * The end records. The ZIP64 end record and its locator are written when the entry count,
 * the directory's size or its offset overflow the classic record, whose overflowing fields
 * then read all ones (4.4.1.4).
 */
export function endRecords(entries: number, directoryOffset: number, directorySize: number): Buffer {
  const zip64 = entries >= U16_MAX || directoryOffset >= U32_MAX || directorySize >= U32_MAX;
  const end = Buffer.alloc(END_BYTES);
  end.writeUInt32LE(SIGNATURE.end, 0);
  end.writeUInt16LE(Math.min(entries, U16_MAX), 8);
  end.writeUInt16LE(Math.min(entries, U16_MAX), 10);
  end.writeUInt32LE(Math.min(directorySize, U32_MAX), 12);
  end.writeUInt32LE(Math.min(directoryOffset, U32_MAX), 16);
  if (!zip64) return end;
  const record = Buffer.alloc(ZIP64_END_BYTES);
  record.writeUInt32LE(SIGNATURE.zip64End, 0);
  record.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), 4);
  record.writeUInt16LE(MADE_BY, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(ZIP64_LOCATOR_BYTES);
  locator.writeUInt32LE(SIGNATURE.zip64Locator, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}
