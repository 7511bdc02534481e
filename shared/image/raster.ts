import type { PixelRect } from '../bridge/contract';

/**
 * Pixel work on decoded images, for the capture editor's save (DESIGN.md §3). Pure and exact:
 * main runs it on the raw capture, so what the user saw redacted is what the stored file holds.
 */

/** 8-bit RGBA, row-major, no padding: what pngjs decodes to and what canvas ImageData holds. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

/** Redactions are solid black, burned into the pixels: no layer, nothing to lift off. */
export const REDACTION_FILL: Rgb = [0, 0, 0];

/** The stamp's background, also used to pad an image narrower than the stamp. */
export const STAMP_BACKGROUND: Rgb = [31, 41, 55];

/** The stamp stays legible: a narrow crop is padded to this width rather than squeezing the text. */
export const MIN_STAMP_WIDTH = 640;
export const MAX_STAMP_HEIGHT = 600;

export function stampWidthFor(imageWidth: number): number {
  return Math.max(imageWidth, MIN_STAMP_WIDTH);
}

export function createRaster(width: number, height: number, fill: Rgb): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/** Why a rectangle does not fit the image, or null when it does. */
export function rectProblem(rect: PixelRect, image: { width: number; height: number }): string | null {
  if (rect.width < 1 || rect.height < 1) return `is empty (${rect.width} × ${rect.height})`;
  if (rect.x + rect.width > image.width || rect.y + rect.height > image.height) {
    return `reaches past the ${image.width} × ${image.height} image (x ${rect.x}, y ${rect.y}, ${rect.width} × ${rect.height})`;
  }
  return null;
}

/** The part of `rect` inside `bounds`, or null when they do not overlap. */
export function intersect(rect: PixelRect, bounds: PixelRect): PixelRect | null {
  const x = Math.max(rect.x, bounds.x);
  const y = Math.max(rect.y, bounds.y);
  const right = Math.min(rect.x + rect.width, bounds.x + bounds.width);
  const bottom = Math.min(rect.y + rect.height, bounds.y + bounds.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

export function crop(image: Raster, rect: PixelRect): Raster {
  const problem = rectProblem(rect, image);
  if (problem) throw new RangeError(`The crop ${problem}.`);
  const data = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row += 1) {
    const from = ((rect.y + row) * image.width + rect.x) * 4;
    data.set(image.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data };
}

/** Overwrites each rectangle (clipped to the image) with an opaque fill, in place. */
export function fillRects(image: Raster, rects: readonly PixelRect[], fill: Rgb): void {
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  for (const rect of rects) {
    const r = intersect(rect, whole);
    if (!r) continue;
    for (let y = r.y; y < r.y + r.height; y += 1) {
      for (let i = (y * image.width + r.x) * 4, end = i + r.width * 4; i < end; i += 4) {
        image.data[i] = fill[0];
        image.data[i + 1] = fill[1];
        image.data[i + 2] = fill[2];
        image.data[i + 3] = 255;
      }
    }
  }
}

/**
 * Puts `banner` below `image`. The image's pixels are copied unchanged into the top-left; when
 * the banner is wider, the space to the image's right is filled with `pad`.
 */
export function appendBelow(image: Raster, banner: Raster, pad: Rgb): Raster {
  const width = Math.max(image.width, banner.width);
  const out = createRaster(width, image.height + banner.height, pad);
  for (let row = 0; row < image.height; row += 1) {
    out.data.set(image.data.subarray(row * image.width * 4, (row + 1) * image.width * 4), row * width * 4);
  }
  for (let row = 0; row < banner.height; row += 1) {
    out.data.set(banner.data.subarray(row * banner.width * 4, (row + 1) * banner.width * 4), (image.height + row) * width * 4);
  }
  return out;
}

/** Forces every pixel opaque, so a stamp drawn with anti-aliased edges cannot show through. */
export function makeOpaque(image: Raster): void {
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
}

/**
 * True when no pixel carries anything: all black, or fully transparent. That is what a capture
 * returns without permission to read the screen (macOS) or without access to it (Wayland).
 */
export function isBlank(image: Raster, tolerance = 4): boolean {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    if ((d[i + 3] ?? 0) !== 0 && ((d[i] ?? 0) > tolerance || (d[i + 1] ?? 0) > tolerance || (d[i + 2] ?? 0) > tolerance)) return false;
  }
  return true;
}

export interface EvidenceImageEdits {
  readonly crop: PixelRect | null;
  readonly redactions: readonly PixelRect[];
  readonly stamp: Raster;
}

export interface ComposedEvidenceImage {
  readonly image: Raster;
  /** Redaction boxes that touch the kept area: the others were cut away with the crop. */
  readonly redacted: number;
  readonly processing: readonly string[];
}

/**
 * The evidence image from a raw capture (DESIGN.md §3): crop, burn in the redactions, append
 * the stamp. The raw raster is not modified.
 */
export function composeEvidenceImage(raw: Raster, edits: EvidenceImageEdits): ComposedEvidenceImage {
  const whole = { x: 0, y: 0, width: raw.width, height: raw.height };
  for (const rect of edits.redactions) {
    const problem = rectProblem(rect, raw);
    if (problem) throw new RangeError(`A redaction box ${problem}.`);
  }
  const area = edits.crop ?? whole;
  const isCropped = edits.crop !== null && (area.x !== 0 || area.y !== 0 || area.width !== raw.width || area.height !== raw.height);
  const kept = crop(raw, area);
  const inside = edits.redactions
    .map((r) => intersect(r, area))
    .filter((r): r is PixelRect => r !== null)
    .map((r) => ({ ...r, x: r.x - area.x, y: r.y - area.y }));
  fillRects(kept, inside, REDACTION_FILL);
  const expectedWidth = stampWidthFor(kept.width);
  if (edits.stamp.width !== expectedWidth) {
    throw new RangeError(`The stamp is ${edits.stamp.width} px wide; it must be ${expectedWidth} px for a ${kept.width} px image.`);
  }
  if (edits.stamp.height < 1 || edits.stamp.height > MAX_STAMP_HEIGHT) {
    throw new RangeError(`The stamp is ${edits.stamp.height} px high; it must be 1 to ${MAX_STAMP_HEIGHT} px.`);
  }
  const stamp: Raster = { ...edits.stamp, data: edits.stamp.data.slice() };
  makeOpaque(stamp);
  return {
    image: appendBelow(kept, stamp, STAMP_BACKGROUND),
    redacted: inside.length,
    processing: [
      ...(isCropped ? [`cropped:${area.x},${area.y},${area.width},${area.height}`] : []),
      ...(inside.length > 0 ? [`redacted:${inside.length}`] : []),
      'stamped',
    ],
  };
}
