import { PNG } from 'pngjs';
import type { Raster } from '../../shared/image/raster';

/** PNG in and out for the capture editor's save; pngjs is pure JavaScript, so this runs in tests as in main. */

/** Decodes any PNG colour type and bit depth to 8-bit RGBA; null when the bytes are not a PNG it can read. */
export function decodePng(bytes: Uint8Array): Raster | null {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch {
    return null;
  }
}

/** Encodes an opaque raster as 8-bit RGB (no alpha channel: evidence images have none to show). */
export function encodePng(image: Raster): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true });
}
