/**
 * How large an image main decodes (DESIGN.md §7: decoded pixels have limits, whatever the
 * input). A PNG's size says nothing about its pixels: 0.5 MB can declare 16384 × 8192 px, half
 * a gigabyte once decoded. So images are judged by their header, before anything is inflated.
 */

/** Decoded 8-bit RGBA bytes of one image: two 8K screens side by side fit (15360 × 4320). */
export const MAX_IMAGE_BYTES = 256 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = MAX_IMAGE_BYTES / 4;
/** The editor draws the image on a canvas, which Chromium limits to 32767 px a side. */
export const MAX_IMAGE_SIDE = 32_767;

const mib = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024))} MiB`;

/** Why an image of this size is not decoded (to follow "The image is …"), or null when it fits. */
export function imageBudgetProblem(width: number, height: number): string | null {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return `${width} × ${height} px, wider or taller than the ${MAX_IMAGE_SIDE} px an image may be to edit`;
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    return `${width} × ${height} px, which would take ${mib(width * height * 4)} once decoded, more than the ${mib(MAX_IMAGE_BYTES)} an image may take to edit`;
  }
  return null;
}
