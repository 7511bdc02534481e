import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds small hostile ZIPs byte by byte, independently of the app's writer, so the reader's
 * tests do not share the writer's assumptions. Every field a liar would change can be set.
 */
export interface RawEntry {
  readonly name: string;
  readonly content: Buffer;
  readonly method?: 'store' | 'deflate';
  readonly flags?: number;
  /** The uncompressed size to declare (defaults to the truth). */
  readonly declaredSize?: number;
  readonly crc?: number;
  /** A different name in the local header than in the central directory. */
  readonly localName?: string;
  /** Sizes and CRC after the data, zeros in the local header (JSZip's way). */
  readonly descriptor?: boolean;
  /** Precompressed data to use as is (one deflate stream shared by many entries). */
  readonly raw?: Buffer;
}

export interface CraftOptions {
  readonly prepend?: Buffer;
  /** Bytes inserted after the entry at this index (before the next local header). */
  readonly insertAfter?: ReadonlyMap<number, Buffer>;
  /** Rewrites the list of central records before they are written (duplicates, overlaps). */
  readonly directory?: (records: CentralRecord[]) => CentralRecord[];
}

export interface CentralRecord {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export function localEntry(entry: RawEntry): { bytes: Buffer; record: Omit<CentralRecord, 'offset'> } {
  const method = entry.method === 'deflate' ? 8 : 0;
  const data = entry.raw ?? (method === 8 ? deflateRawSync(entry.content) : entry.content);
  const crc = entry.crc ?? crc32(entry.content);
  const size = entry.declaredSize ?? entry.content.length;
  const flags = (entry.flags ?? 0) | (entry.descriptor ? 0x0008 : 0);
  const localName = Buffer.from(entry.localName ?? entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt32LE(entry.descriptor ? 0 : crc >>> 0, 14);
  header.writeUInt32LE(entry.descriptor ? 0 : data.length, 18);
  header.writeUInt32LE(entry.descriptor ? 0 : size, 22);
  header.writeUInt16LE(localName.length, 26);
  const parts = [header, localName, data];
  if (entry.descriptor) {
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc >>> 0, 4);
    d.writeUInt32LE(data.length, 8);
    d.writeUInt32LE(size, 12);
    parts.push(d);
  }
  return { bytes: Buffer.concat(parts), record: { name: entry.name, flags, method, crc: crc >>> 0, compressed: data.length, size } };
}

export function craftZip(entries: readonly RawEntry[], options: CraftOptions = {}): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    at += b.length;
  };
  if (options.prepend) push(options.prepend);
  let records: CentralRecord[] = [];
  entries.forEach((entry, i) => {
    const { bytes, record } = localEntry(entry);
    records.push({ ...record, offset: at });
    push(bytes);
    const extra = options.insertAfter?.get(i);
    if (extra) push(extra);
  });
  records = options.directory ? options.directory(records) : records;
  const directoryAt = at;
  for (const r of records) {
    const name = Buffer.from(r.name, 'utf8');
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(r.flags, 8);
    c.writeUInt16LE(r.method, 10);
    c.writeUInt32LE(r.crc, 16);
    c.writeUInt32LE(r.compressed, 20);
    c.writeUInt32LE(r.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(r.offset, 42);
    push(Buffer.concat([c, name]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(at - directoryAt, 12);
  end.writeUInt32LE(directoryAt, 16);
  push(end);
  return Buffer.concat(parts);
}
