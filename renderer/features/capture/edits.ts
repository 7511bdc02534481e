import type { PixelRect } from '../../../shared/bridge/contract';

/** The editor's history: a list of operations, so undo is dropping the last one. */
export type EditorTool = 'crop' | 'redact';
export type EditOp = { readonly kind: EditorTool; readonly rect: PixelRect };

export interface Edits {
  /** The latest crop, or null for the whole capture. */
  readonly crop: PixelRect | null;
  readonly redactions: readonly PixelRect[];
}

export function editsOf(ops: readonly EditOp[]): Edits {
  let crop: PixelRect | null = null;
  const redactions: PixelRect[] = [];
  for (const op of ops) {
    if (op.kind === 'crop') crop = op.rect;
    else redactions.push(op.rect);
  }
  return { crop, redactions };
}

/** The rectangle spanned by two corners dragged in any direction. */
export function normalizeRect(a: { x: number; y: number }, b: { x: number; y: number }): PixelRect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/**
 * Moves (arrow keys) or resizes (Alt+arrow keys) a box from the keyboard, one pixel at a time or
 * ten with Shift, kept inside the image and at least one pixel in size. For precise redaction
 * and for people who do not use a mouse.
 */
export function nudgeRect(rect: PixelRect, key: string, options: { shift: boolean; alt: boolean }, image: { width: number; height: number }): PixelRect | null {
  const step = options.shift ? 10 : 1;
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  if (dx === 0 && dy === 0) return null;
  if (options.alt) {
    const width = Math.min(image.width - rect.x, Math.max(1, rect.width + dx));
    const height = Math.min(image.height - rect.y, Math.max(1, rect.height + dy));
    return { ...rect, width, height };
  }
  const x = Math.min(image.width - rect.width, Math.max(0, rect.x + dx));
  const y = Math.min(image.height - rect.height, Math.max(0, rect.y + dy));
  return { ...rect, x, y };
}

/** A box to start from without a mouse: a quarter of the image, centred. */
export function centredRect(image: { width: number; height: number }): PixelRect {
  const width = Math.max(1, Math.round(image.width / 4));
  const height = Math.max(1, Math.round(image.height / 4));
  return { x: Math.round((image.width - width) / 2), y: Math.round((image.height - height) / 2), width, height };
}
