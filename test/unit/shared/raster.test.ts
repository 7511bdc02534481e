import { describe, expect, it } from 'vitest';
import {
  composeEvidenceImage,
  createRaster,
  isBlank,
  MIN_STAMP_WIDTH,
  REDACTION_FILL,
  STAMP_BACKGROUND,
  type Raster,
} from '../../../shared/image/raster';

/** Every pixel distinct: pixel (x, y) is (x, y, x ^ y) mod 256, so a shifted copy never matches. */
function gradient(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) data.set([x % 256, y % 256, (x ^ y) % 256, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

const px = (r: Raster, x: number, y: number): number[] => [...r.data.subarray((y * r.width + x) * 4, (y * r.width + x) * 4 + 4)];

describe('raster operations for the capture editor', () => {
  it('crops to exactly the rectangle, pixel for pixel, padding a crop narrower than the stamp on the right', () => {
    const image = gradient(50, 40);
    const stamp = createRaster(MIN_STAMP_WIDTH, 2, [9, 9, 9]);
    const out = composeEvidenceImage(image, { crop: { x: 7, y: 3, width: 11, height: 5 }, redactions: [], stamp }).image;
    expect([out.width, out.height]).toEqual([MIN_STAMP_WIDTH, 7]);
    for (let y = 0; y < 5; y += 1) for (let x = 0; x < 11; x += 1) expect(px(out, x, y)).toEqual(px(image, x + 7, y + 3));
    expect(px(out, 11, 0)).toEqual([...STAMP_BACKGROUND, 255]);
    expect(px(out, MIN_STAMP_WIDTH - 1, 4)).toEqual([...STAMP_BACKGROUND, 255]);
    expect(px(out, 0, 5)).toEqual([9, 9, 9, 255]);
    expect(px(out, MIN_STAMP_WIDTH - 1, 6)).toEqual([9, 9, 9, 255]);
    expect(() => composeEvidenceImage(image, { crop: { x: 45, y: 0, width: 6, height: 1 }, redactions: [], stamp })).toThrow(
      /The crop reaches past the 50 × 40 image/,
    );
  });

  it('composes crop, redaction and stamp, and reports what it did', () => {
    const raw = gradient(800, 500);
    const result = composeEvidenceImage(raw, {
      crop: { x: 100, y: 50, width: 700, height: 400 },
      redactions: [
        { x: 90, y: 40, width: 20, height: 20 },
        { x: 0, y: 0, width: 10, height: 10 },
      ],
      stamp: createRaster(700, 30, [1, 2, 3]),
    });
    expect(result.processing).toEqual(['cropped:100,50,700,400', 'redacted:1', 'stamped']);
    expect(result.redacted).toBe(1);
    expect([result.image.width, result.image.height]).toEqual([700, 430]);
    // The box overlapping the crop's corner is filled only inside it: 10 × 10 px.
    for (let y = 0; y < 10; y += 1) for (let x = 0; x < 10; x += 1) expect(px(result.image, x, y)).toEqual([...REDACTION_FILL, 255]);
    expect(px(result.image, 10, 0)).toEqual(px(raw, 110, 50));
    expect(px(result.image, 0, 10)).toEqual(px(raw, 100, 60));
    // The raw raster is left as it was: it may still be saved as the original.
    expect(px(raw, 100, 50)).toEqual([100, 50, 100 ^ 50, 255]);
  });

  it('counts no crop when the crop is the whole image, and refuses a stamp of the wrong size', () => {
    const raw = gradient(700, 20);
    const whole = composeEvidenceImage(raw, { crop: { x: 0, y: 0, width: 700, height: 20 }, redactions: [], stamp: createRaster(700, 5, [0, 0, 0]) });
    expect(whole.processing).toEqual(['stamped']);
    expect(() => composeEvidenceImage(raw, { crop: null, redactions: [], stamp: createRaster(640, 5, [0, 0, 0]) })).toThrow(/must be 700 px/);
    expect(() => composeEvidenceImage(raw, { crop: null, redactions: [], stamp: createRaster(700, 601, [0, 0, 0]) })).toThrow(/1 to 600 px/);
    expect(() =>
      composeEvidenceImage(raw, { crop: null, redactions: [{ x: 690, y: 0, width: 20, height: 1 }], stamp: createRaster(700, 5, [0, 0, 0]) }),
    ).toThrow(/A redaction box reaches past/);
  });

  it('makes a semi-transparent stamp opaque, so nothing shows through it', () => {
    const stamp = createRaster(MIN_STAMP_WIDTH, 2, [10, 20, 30]);
    stamp.data[3] = 0;
    const out = composeEvidenceImage(gradient(10, 10), { crop: null, redactions: [], stamp });
    expect(px(out.image, 0, 10)).toEqual([10, 20, 30, 255]);
    expect(stamp.data[3]).toBe(0);
  });

  it('calls an image blank only when every pixel is black or transparent', () => {
    expect(isBlank(createRaster(20, 20, [0, 0, 0]))).toBe(true);
    expect(isBlank(createRaster(20, 20, [3, 2, 4]))).toBe(true);
    const one = createRaster(20, 20, [0, 0, 0]);
    one.data.set([200, 0, 0, 255], (19 * 20 + 19) * 4);
    expect(isBlank(one)).toBe(false);
    const transparent = createRaster(2, 2, [255, 255, 255]);
    for (let i = 3; i < transparent.data.length; i += 4) transparent.data[i] = 0;
    expect(isBlank(transparent)).toBe(true);
    expect(isBlank(createRaster(20, 20, [255, 255, 255]))).toBe(false);
  });
});
