import { describe, expect, it } from 'vitest';
import { centredRect, editsOf, normalizeRect, nudgeRect } from '../../../renderer/features/capture/edits';

const IMAGE = { width: 1280, height: 800 };

describe('the capture editor history', () => {
  it('keeps the latest crop and every redaction, in order', () => {
    const a = { x: 1, y: 1, width: 5, height: 5 };
    const b = { x: 9, y: 9, width: 2, height: 2 };
    expect(editsOf([])).toEqual({ crop: null, redactions: [] });
    expect(editsOf([{ kind: 'crop', rect: a }, { kind: 'redact', rect: b }, { kind: 'crop', rect: b }, { kind: 'redact', rect: a }])).toEqual({ crop: b, redactions: [b, a] });
  });

  it('spans a box dragged in any direction', () => {
    expect(normalizeRect({ x: 50, y: 40 }, { x: 10, y: 90 })).toEqual({ x: 10, y: 40, width: 40, height: 50 });
  });

  it('moves a box by 1 px, or 10 with Shift, and never past the edge', () => {
    const box = { x: 5, y: 5, width: 100, height: 50 };
    expect(nudgeRect(box, 'ArrowRight', { shift: false, alt: false }, IMAGE)).toEqual({ ...box, x: 6 });
    expect(nudgeRect(box, 'ArrowUp', { shift: true, alt: false }, IMAGE)).toEqual({ ...box, y: 0 });
    expect(nudgeRect({ ...box, x: 1175 }, 'ArrowRight', { shift: true, alt: false }, IMAGE)).toEqual({ ...box, x: 1180 });
    expect(nudgeRect(box, 'Enter', { shift: false, alt: false }, IMAGE)).toBeNull();
  });

  it('resizes with Alt, never below 1 px nor past the edge', () => {
    const box = { x: 1270, y: 0, width: 5, height: 2 };
    expect(nudgeRect(box, 'ArrowRight', { shift: true, alt: true }, IMAGE)).toEqual({ ...box, width: 10 });
    expect(nudgeRect(box, 'ArrowUp', { shift: true, alt: true }, IMAGE)).toEqual({ ...box, height: 1 });
  });

  it('starts a keyboard box as the centred quarter of the image', () => {
    expect(centredRect(IMAGE)).toEqual({ x: 480, y: 300, width: 320, height: 200 });
  });
});
