import { stampLines, wrapLine, type StampFacts } from '../../../shared/capture/stamp';
import { MAX_STAMP_HEIGHT, STAMP_BACKGROUND } from '../../../shared/image/raster';

/**
 * Draws the evidence stamp as a PNG of exactly `width` pixels; main appends it below the image
 * (the renderer has the fonts, main does the pixel work). Text wraps to the width.
 */
const FONT_SIZE = 14;
const LINE_HEIGHT = 20;
const PADDING = 12;
const FONT = `${FONT_SIZE}px "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace`;

export function stampLayout(facts: StampFacts, width: number, measure: (text: string) => number): string[] {
  const lines = stampLines(facts).flatMap((line) => wrapLine(line, width - 2 * PADDING, measure));
  const fit = Math.floor((MAX_STAMP_HEIGHT - 2 * PADDING) / LINE_HEIGHT);
  return lines.length > fit ? [...lines.slice(0, fit - 1), '… (stamp shortened: the full record is in the manifest)'] : lines;
}

export async function renderStampPng(facts: StampFacts, width: number): Promise<Uint8Array<ArrayBuffer>> {
  const probe = new OffscreenCanvas(1, 1).getContext('2d');
  if (!probe) throw new Error('No 2D canvas is available to draw the evidence stamp.');
  probe.font = FONT;
  const lines = stampLayout(facts, width, (text) => probe.measureText(text).width);
  const height = 2 * PADDING + lines.length * LINE_HEIGHT;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas is available to draw the evidence stamp.');
  context.fillStyle = `rgb(${STAMP_BACKGROUND.join(',')})`;
  context.fillRect(0, 0, width, height);
  context.font = FONT;
  context.textBaseline = 'top';
  context.direction = 'ltr';
  lines.forEach((line, i) => {
    context.fillStyle = i === 0 ? '#ffffff' : '#d1d5db';
    context.fillText(line, PADDING, PADDING + i * LINE_HEIGHT + (LINE_HEIGHT - FONT_SIZE) / 2);
  });
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}
