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
 * the stamp. The raw raster is not modified. The result is the one image allocated: the kept
 * rows are copied straight into it (no intermediate crop), since a capture can be hundreds of
 * megabytes once decoded.
 */
export function composeEvidenceImage(raw: Raster, edits: EvidenceImageEdits): ComposedEvidenceImage {
  const whole = { x: 0, y: 0, width: raw.width, height: raw.height };
  for (const rect of edits.redactions) {
    const problem = rectProblem(rect, raw);
    if (problem) throw new RangeError(`A redaction box ${problem}.`);
  }
  const area = edits.crop ?? whole;
  const cropProblem = rectProblem(area, raw);
  if (cropProblem) throw new RangeError(`The crop ${cropProblem}.`);
  const isCropped = edits.crop !== null && (area.x !== 0 || area.y !== 0 || area.width !== raw.width || area.height !== raw.height);
  const expectedWidth = stampWidthFor(area.width);
  if (edits.stamp.width !== expectedWidth) {
    throw new RangeError(`The stamp is ${edits.stamp.width} px wide; it must be ${expectedWidth} px for a ${area.width} px image.`);
  }
  if (edits.stamp.height < 1 || edits.stamp.height > MAX_STAMP_HEIGHT) {
    throw new RangeError(`The stamp is ${edits.stamp.height} px high; it must be 1 to ${MAX_STAMP_HEIGHT} px.`);
  }
  const width = expectedWidth;
  const out = new Uint8Array(width * (area.height + edits.stamp.height) * 4);
  const rowBytes = width * 4;
  const keptBytes = area.width * 4;
  for (let row = 0; row < area.height; row += 1) {
    const from = ((area.y + row) * raw.width + area.x) * 4;
    out.set(raw.data.subarray(from, from + keptBytes), row * rowBytes);
    // An image narrower than the stamp is padded on its right, as the stamp's background.
    for (let i = row * rowBytes + keptBytes; i < (row + 1) * rowBytes; i += 4) {
      out[i] = STAMP_BACKGROUND[0];
      out[i + 1] = STAMP_BACKGROUND[1];
      out[i + 2] = STAMP_BACKGROUND[2];
      out[i + 3] = 255;
    }
  }
  const inside = edits.redactions
    .map((r) => intersect(r, area))
    .filter((r): r is PixelRect => r !== null)
    .map((r) => ({ ...r, x: r.x - area.x, y: r.y - area.y }));
  fillRects({ width, height: area.height, data: out }, inside, REDACTION_FILL);
  out.set(edits.stamp.data.subarray(0, edits.stamp.height * rowBytes), area.height * rowBytes);
  // The stamp is forced opaque, so one drawn with anti-aliased edges cannot show through.
  for (let i = area.height * rowBytes + 3; i < out.length; i += 4) out[i] = 255;
  return {
    image: { width, height: area.height + edits.stamp.height, data: out },
    redacted: inside.length,
    processing: [
      ...(isCropped ? [`cropped:${area.x},${area.y},${area.width},${area.height}`] : []),
      ...(inside.length > 0 ? [`redacted:${inside.length}`] : []),
      'stamped',
    ],
  };
}
