import type { ThumbnailRecord } from '../../../shared/domain/records';

const MAX_EDGE = 320;

/** Decodes an image and draws it at most 320 px on its longest edge, as PNG. */
export async function makeThumbnail(sha256: string, bytes: Uint8Array<ArrayBuffer>, mime: string): Promise<ThumbnailRecord> {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas available for thumbnails');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { sha256, mime: 'image/png', blob, width, height };
  } finally {
    bitmap.close();
  }
}
