import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { constants, createInflate, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../../electron/main/png';
import type { Raster } from '../../../shared/image/raster';

/**
 * The capture path's own PNG encoder and decoder (electron/main/png.ts), checked against pngjs
 * and ImageMagick: every filter type, both common colour types, the formats left to pngjs, and
 * PNGs that lie about themselves.
 */

const MAX = 64 * 1024 * 1024;

/** A raster with texture in every channel, so a wrong filter or channel order shows. */
function pattern(width: number, height: number, alpha = 255): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      data[i] = (x * 7 + y * 3) & 255;
      data[i + 1] = (x * y) & 255;
      data[i + 2] = ((x ^ y) * 13) & 255;
      data[i + 3] = alpha === 255 ? 255 : (x + y) & 255;
    }
  }
  return { width, height, data };
}

function pngjsWrite(image: Raster, options: { colorType: 0 | 2 | 6; filterType?: number; bitDepth?: 8 | 16 }): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png, { colorType: options.colorType, inputColorType: 6, inputHasAlpha: true, filterType: options.filterType ?? -1, bitDepth: options.bitDepth ?? 8 });
}

function pngjsRead(bytes: Uint8Array): Raster {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed) >>> 0, 8 + data.length);
  return out;
}

/** A PNG of the given header fields around a ready zlib stream, split into `pieces` IDAT chunks. */
function assemble(width: number, height: number, colourType: number, zlibStream: Uint8Array, pieces = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  const size = Math.ceil(zlibStream.length / pieces);
  const idats: Buffer[] = [];
  for (let at = 0; at < zlibStream.length; at += size) idats.push(chunk('IDAT', zlibStream.subarray(at, at + size)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...idats, chunk('IEND', new Uint8Array(0))]);
}

describe('encodePng', () => {
  it('writes an RGB PNG that pngjs reads back pixel for pixel, alpha dropped as opaque', async () => {
    const image = pattern(333, 217);
    const png = await encodePng(image);
    const back = pngjsRead(png);
    expect([back.width, back.height]).toEqual([333, 217]);
    expect(Buffer.from(back.data).equals(Buffer.from(image.data))).toBe(true);
    // Colour type 2: no alpha channel is stored.
    expect(png[25]).toBe(2);
  });

  it('writes an image taller than one slice of rows the same as a short one', async () => {
    // 1920 px rows: more than one megabyte of filtered rows, so the deflate stream spans slices.
    const image = pattern(1920, 400);
    const back = pngjsRead(await encodePng(image));
    expect(Buffer.from(back.data).equals(Buffer.from(image.data))).toBe(true);
  });
});

describe('decodePng', () => {
  for (const filterType of [0, 1, 2, 3, 4]) {
    for (const colorType of [2, 6] as const) {
      it(`reads filter type ${filterType}, colour type ${colorType} as pngjs does`, async () => {
        const image = pattern(97, 61, colorType === 6 ? 0 : 255);
        const bytes = pngjsWrite(image, { colorType, filterType });
        const ours = await decodePng(bytes, MAX);
        expect(ours).not.toBeNull();
        expect(Buffer.from(ours?.data ?? []).equals(Buffer.from(pngjsRead(bytes).data))).toBe(true);
      });
    }
  }

  it('reads grey and 16-bit PNGs through pngjs', async () => {
    for (const options of [{ colorType: 0 as const }, { colorType: 2 as const, bitDepth: 16 as const }]) {
      const bytes = pngjsWrite(pattern(40, 30), options);
      const ours = await decodePng(bytes, MAX);
      expect(Buffer.from(ours?.data ?? []).equals(Buffer.from(pngjsRead(bytes).data))).toBe(true);
    }
  });

  it('reads what ImageMagick writes, and its own output split over many IDAT chunks', async () => {
    const magick = execFileSync('convert', ['-size', '320x180', 'gradient:#204080-#f0c020', '-depth', '8', 'png24:-']);
    const ours = await decodePng(magick, MAX);
    expect(Buffer.from(ours?.data ?? []).equals(Buffer.from(pngjsRead(magick).data))).toBe(true);

    const image = pattern(300, 120);
    const filtered = Buffer.alloc(120 * (1 + 300 * 3));
    for (let y = 0; y < 120; y += 1) {
      for (let x = 0; x < 300; x += 1) filtered.set(image.data.subarray((y * 300 + x) * 4, (y * 300 + x) * 4 + 3), y * 901 + 1 + x * 3);
    }
    const split = assemble(300, 120, 2, deflateSync(filtered), 7);
    const decoded = await decodePng(split, MAX);
    expect(Buffer.from(decoded?.data ?? []).equals(Buffer.from(image.data))).toBe(true);
  });

  it('returns null for bytes that are not a PNG, a broken CRC, a cut-off file and too few rows', async () => {
    const good = pngjsWrite(pattern(20, 20), { colorType: 2 });
    expect(await decodePng(new Uint8Array([1, 2, 3]), MAX)).toBeNull();
    const badCrc = Buffer.from(good);
    badCrc[40] = (badCrc[40] ?? 0) ^ 0xff;
    expect(await decodePng(badCrc, MAX)).toBeNull();
    expect(await decodePng(good.subarray(0, good.length - 30), MAX)).toBeNull();
    const rows = Buffer.alloc(10 * (1 + 20 * 3));
    expect(await decodePng(assemble(20, 20, 2, deflateSync(rows)), MAX)).toBeNull();
  });

  it('refuses by its header an image of more pixels than allowed', async () => {
    const bytes = pngjsWrite(pattern(100, 100), { colorType: 2 });
    expect(await decodePng(bytes, 100 * 100)).not.toBeNull();
    expect(await decodePng(bytes, 100 * 100 - 1)).toBeNull();
  });

  it('stops inflating a stream that holds far more than its 16 × 16 pixels, instead of inflating all of it', async () => {
    // 1 GiB of zeros as deflate blocks repeated (each flushed block stands alone), about 1 MB compressed.
    const block = deflateRawSync(Buffer.alloc(8 * 1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
    const body = Buffer.concat(Array<Buffer>(128).fill(block));
    const final = deflateRawSync(Buffer.alloc(0));
    const stream = Buffer.concat([Buffer.from([0x78, 0xda]), body, final, Buffer.alloc(4)]);
    expect(stream.length).toBeLessThan(2 * 1024 * 1024);
    const bomb = assemble(16, 16, 2, stream);

    // Baseline in the same run: what merely inflating all of it takes.
    const started = performance.now();
    let inflated = 0;
    await new Promise<void>((resolve) => {
      const inflate = createInflate();
      inflate.on('data', (part: Buffer) => {
        inflated += part.length;
      });
      // The checksum is left zero: inflating ends in an error, after every byte came out.
      inflate.on('error', () => resolve());
      inflate.on('end', () => resolve());
      inflate.end(stream);
    });
    const full = performance.now() - started;
    // Short of the whole gigabyte only by the last piece zlib held back when the checksum failed.
    expect(inflated).toBeGreaterThan(1000 * 1024 * 1024);

    const t0 = performance.now();
    expect(await decodePng(bomb, MAX)).toBeNull();
    const ours = performance.now() - t0;
    expect(ours).toBeLessThan(full / 10);
  }, 60_000);
});
