import { createHash, randomUUID } from 'node:crypto';
import { MAX_IMAGE_PIXELS } from '../../shared/image/budget';
import type { Raster } from '../../shared/image/raster';
import { decodePng } from './png';

/**
 * Captures being edited, held in main's memory only: a capture that gets redacted never
 * reaches the disk (DESIGN.md §3). Each is kept as its PNG; decoded pixels are kept for one
 * capture at a time, the one last captured or saved (issue #14: five large pastes added GBs
 * to main). An older capture that is saved after all is decoded again.
 */
export interface HeldCapture {
  readonly token: string;
  /** The raw capture as stored beside the evidence image, and hashed into its stamp. */
  readonly png: Buffer;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
}

/** A person edits one capture at a time; a few abandoned ones may wait, no more. */
const MAX_HELD = 4;

export function createPendingCaptures() {
  const held = new Map<string, HeldCapture>();
  let decoded: { readonly token: string; readonly raster: Raster } | null = null;

  return {
    hold(png: Buffer, raster: Raster): HeldCapture {
      const capture: HeldCapture = { token: randomUUID(), png, sha256: createHash('sha256').update(png).digest('hex'), width: raster.width, height: raster.height };
      held.set(capture.token, capture);
      decoded = { token: capture.token, raster };
      for (const old of [...held.keys()].slice(0, -MAX_HELD)) held.delete(old);
      return capture;
    },

    get: (token: string): HeldCapture | undefined => held.get(token),

    /** Lets go of the decoded pixels, before a new image is decoded: never two at once. */
    releasePixels(): void {
      decoded = null;
    },

    /** The capture's pixels: kept ones, or decoded again (the one decoded before is let go first). */
    async pixels(capture: HeldCapture): Promise<Raster> {
      if (decoded?.token === capture.token) return decoded.raster;
      decoded = null;
      const raster = await decodePng(capture.png, MAX_IMAGE_PIXELS);
      if (!raster) throw new Error('a held capture could not be decoded again');
      decoded = { token: capture.token, raster };
      return raster;
    },

    delete(token: string): boolean {
      if (decoded?.token === token) decoded = null;
      return held.delete(token);
    },

    clear(): void {
      held.clear();
      decoded = null;
    },

    /** Captures held, and how many of them are decoded (for tests). */
    get counts(): { held: number; decoded: number } {
      return { held: held.size, decoded: decoded === null ? 0 : 1 };
    },
  };
}
