import { once } from 'node:events';
import { crc32, createDeflate, createInflate } from 'node:zlib';
import { PNG } from 'pngjs';
import { pngDimensions } from '../../shared/files/png';
import type { Raster } from '../../shared/image/raster';

/**
 * PNG in and out for captures (PNG spec, RFC 2083), on Node's native zlib. Issue #15: pngjs
 * tried every filter on every row in JavaScript (229 ms for one 1080p screen) and decoded by
 * inflating the whole image before unfiltering it. Here the encoder uses one fixed filter (Up:
 * one subtraction a byte, good on both flat UI and gradients) and deflates slice by slice while
 * the next slice is filtered; the decoder unfilters rows as zlib hands them over, so the only
 * large buffer is the decoded image itself (DESIGN.md §7: decoded pixels are bounded).
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** About 1 MiB of filtered rows per slice handed to zlib. */
const SLICE_BYTES = 1 << 20;
/** Compressed bytes handed to zlib at a time when decoding. */
const INFLATE_PIECE = 64 * 1024;

function chunkHeader(type: string, length: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(length, 0);
  header.write(type, 4, 'latin1');
  return header;
}

function crcBytes(crc: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc >>> 0, 0);
  return out;
}

function wholeChunk(type: string, data: Uint8Array): Buffer[] {
  const header = chunkHeader(type, data.length);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // One call over type and data: Node's crc32 returns 0 for empty input whatever the start value (IEND).
  return [header, body, crcBytes(crc32(Buffer.concat([header.subarray(4), body])))];
}

/** Rows y0…y0+rows-1 of an RGBA raster as filtered RGB scanlines, filter type 2 (Up), into `out`. */
function filterUpRgb(data: Uint8Array, width: number, y0: number, rows: number, out: Uint8Array): void {
  const rowBytes = width * 4;
  let o = 0;
  for (let y = y0; y < y0 + rows; y += 1) {
    out[o] = 2;
    o += 1;
    let i = y * rowBytes;
    const end = i + rowBytes;
    if (y === 0) {
      // The row above the first is all zeros: Up leaves the bytes as they are.
      for (; i < end; i += 4, o += 3) {
        out[o] = data[i] ?? 0;
        out[o + 1] = data[i + 1] ?? 0;
        out[o + 2] = data[i + 2] ?? 0;
      }
    } else {
      for (; i < end; i += 4, o += 3) {
        out[o] = (data[i] ?? 0) - (data[i - rowBytes] ?? 0);
        out[o + 1] = (data[i + 1] ?? 0) - (data[i + 1 - rowBytes] ?? 0);
        out[o + 2] = (data[i + 2] ?? 0) - (data[i + 2 - rowBytes] ?? 0);
      }
    }
  }
}

/** Encodes an opaque raster as 8-bit RGB (no alpha channel: evidence images have none to show). */
export async function encodePng(image: Raster): Promise<Buffer> {
  const { width, height, data } = image;
  const stride = width * 3 + 1;
  const rowsPerSlice = Math.max(1, Math.floor(SLICE_BYTES / stride));
  // Level 3: screenshots are mostly flat colour, where higher levels cost time for little.
  const deflate = createDeflate({ level: 3, memLevel: 9 });
  const parts: Buffer[] = [];
  let idatLength = 0;
  let crc = crc32('IDAT');
  deflate.on('data', (part: Buffer) => {
    parts.push(part);
    idatLength += part.length;
    crc = crc32(part, crc);
  });
  const ended = once(deflate, 'end');
  for (let y0 = 0; y0 < height; y0 += rowsPerSlice) {
    const rows = Math.min(rowsPerSlice, height - y0);
    const slice = Buffer.allocUnsafe(rows * stride);
    filterUpRgb(data, width, y0, rows, slice);
    if (!deflate.write(slice)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([SIGNATURE, ...wholeChunk('IHDR', ihdr), chunkHeader('IDAT', idatLength), ...parts, crcBytes(crc), ...wholeChunk('IEND', new Uint8Array(0))]);
}

interface Header {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly interlace: number;
}

/** The IHDR fields and the IDAT payloads, CRCs checked; null when the bytes are not a well-formed PNG. */
function readChunks(bytes: Uint8Array): { header: Header; idat: Uint8Array[] } | null {
  if (!pngDimensions(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | null = null;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const typeAndData = bytes.subarray(at + 4, at + 8 + length);
    if (crc32(typeAndData) >>> 0 !== view.getUint32(at + 8 + length)) return null;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), bitDepth: data[8] ?? 0, colourType: data[9] ?? 0, interlace: data[12] ?? 0 };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      return header ? { header, idat } : null;
    }
    at = end;
  }
  return null;
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Undoes one scanline's filter in place (PNG spec §9), given the row above (zeros for the first). */
function unfilter(kind: number, row: Uint8Array, above: Uint8Array, bpp: number): boolean {
  const n = row.length;
  switch (kind) {
    case 0:
      return true;
    case 1:
      for (let i = bpp; i < n; i += 1) row[i] = ((row[i] ?? 0) + (row[i - bpp] ?? 0)) & 255;
      return true;
    case 2:
      for (let i = 0; i < n; i += 1) row[i] = ((row[i] ?? 0) + (above[i] ?? 0)) & 255;
      return true;
    case 3:
      for (let i = 0; i < n; i += 1) row[i] = ((row[i] ?? 0) + (((i >= bpp ? (row[i - bpp] ?? 0) : 0) + (above[i] ?? 0)) >> 1)) & 255;
      return true;
    case 4:
      for (let i = 0; i < n; i += 1) {
        const a = i >= bpp ? (row[i - bpp] ?? 0) : 0;
        const c = i >= bpp ? (above[i - bpp] ?? 0) : 0;
        row[i] = ((row[i] ?? 0) + paeth(a, above[i] ?? 0, c)) & 255;
      }
      return true;
    default:
      return false;
  }
}

/**
 * 8-bit RGB or RGBA, not interlaced (what screenshot tools write): inflated and unfiltered row
 * by row straight into the RGBA output.
 */
async function decodeCommon(header: Header, idat: readonly Uint8Array[]): Promise<Raster | null> {
  const { width, height } = header;
  const bpp = header.colourType === 6 ? 4 : 3;
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  let row = new Uint8Array(stride);
  let above = new Uint8Array(stride);
  let filled = -1; // -1: the filter byte is next
  let kind = 0;
  let y = 0;
  let failed = false;
  const take = (part: Buffer): void => {
    for (let i = 0; i < part.length && !failed; ) {
      if (y >= height) {
        failed = true; // more data than the image holds
        return;
      }
      if (filled < 0) {
        kind = part[i] ?? 0;
        filled = 0;
        i += 1;
        continue;
      }
      const n = Math.min(stride - filled, part.length - i);
      row.set(part.subarray(i, i + n), filled);
      filled += n;
      i += n;
      if (filled < stride) continue;
      if (!unfilter(kind, row, above, bpp)) {
        failed = true;
        return;
      }
      const base = y * width * 4;
      if (bpp === 4) out.set(row, base);
      else {
        for (let x = 0, s = 0, o = base; x < width; x += 1, s += 3, o += 4) {
          out[o] = row[s] ?? 0;
          out[o + 1] = row[s + 1] ?? 0;
          out[o + 2] = row[s + 2] ?? 0;
          out[o + 3] = 255;
        }
      }
      [row, above] = [above, row];
      filled = -1;
      y += 1;
    }
  };
  const inflate = createInflate();
  inflate.on('data', (part: Buffer) => {
    take(part);
    // Data past the last row is a bomb's way to spend time: stop inflating at once.
    if (failed) inflate.destroy();
  });
  inflate.on('error', () => {
    failed = true;
  });
  // 'close' follows 'end', an error and destroy() alike, so this settles however inflating stops.
  const closed = new Promise<void>((resolve) => inflate.once('close', resolve));
  let ended = false;
  inflate.once('end', () => {
    ended = true;
  });
  // Handed over in small pieces, so a stream that turns out to be too long is caught after one of them.
  for (const part of idat) {
    for (let at = 0; at < part.length && !failed; at += INFLATE_PIECE) {
      if (!inflate.write(part.subarray(at, at + INFLATE_PIECE))) await Promise.race([new Promise<void>((resolve) => inflate.once('drain', resolve)), closed]);
    }
    if (failed) break;
  }
  if (!failed) inflate.end();
  await closed;
  return failed || !ended || y !== height ? null : { width, height, data: out };
}

/**
 * Decodes a PNG to 8-bit RGBA, or null when the bytes are not a PNG it can read. `maxPixels`
 * is checked against the header before anything is inflated; callers check it first too, to
 * say so in their own words.
 */
export async function decodePng(bytes: Uint8Array, maxPixels: number): Promise<Raster | null> {
  const parsed = readChunks(bytes);
  if (!parsed) return null;
  const { header, idat } = parsed;
  if (header.width * header.height > maxPixels) return null;
  if (header.bitDepth === 8 && (header.colourType === 2 || header.colourType === 6) && header.interlace === 0) return decodeCommon(header, idat);
  // Palette, grey, 16-bit or interlaced images: rare from screenshot tools, and small enough here.
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch {
    return null;
  }
}
