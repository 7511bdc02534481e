/** Reads a PNG's signature and IHDR (PNG spec §5.2, §11.2.2) without decoding pixels. */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isIhdr = view.getUint32(8) === 13 && bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
  if (!isIhdr) return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const MAX = 2 ** 31 - 1;
  return width > 0 && height > 0 && width <= MAX && height <= MAX ? { width, height } : null;
}
