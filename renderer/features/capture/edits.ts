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
