import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../../shared/image/budget';
import { startWorker } from '../../support/runWorker';

/**
 * Issue #14: "five 16384×8192 PNGs of 0.5 MB each through the paste path add 3.75 GB to main".
 * Image input is judged by its decoded size, from its header, before anything is inflated; and
 * of the captures held for editing, only one is kept decoded. Real PNGs, crafted at full size
 * (test/support/craftPng.ts), pasted through main's own handler in a process of its own, whose
 * memory is measured: what it holds after garbage collection, and its peak resident set.
 */
interface Measured {
  outcomes: string[];
  heldBefore: number;
  heldAfter: number;
  rssBefore: number;
  maxRss: number;
  png: number;
}

const MIB = 1024 * 1024;

async function pasteFive(width: number, height: number): Promise<Measured> {
  const worker = await startWorker('test/support/workers/pasteMemory.ts', [String(width), String(height)], ['--expose-gc']);
  const code = await new Promise<number | null>((done) => worker.child.once('exit', done));
  expect(code).toBe(0);
  const line = worker.lines.find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the worker printed no result: ${worker.lines.join('\n')}`);
  return JSON.parse(line) as Measured;
}

describe('pasted images are bounded by their decoded size', () => {
  it('refuses five 16384 × 8192 PNGs of half a megabyte by their header, and main grows by almost nothing', async () => {
    const m = await pasteFive(16_384, 8_192);
    expect(m.png).toBeLessThan(1024 * 1024);
    expect(m.outcomes).toEqual(
      Array(5).fill('The pasted image is 16384 × 8192 px, which would take 512 MiB once decoded, more than the 256 MiB an image may take to edit. Nothing was stored; attach it as a file instead.'),
    );
    expect(m.heldAfter - m.heldBefore).toBeLessThan(8 * MIB);
    // The peak while pasting: 1.5-1.8 MB measured; decoding one would add 512 MiB.
    expect(m.maxRss - m.rssBefore).toBeLessThan(16 * MIB);
  }, 120_000);

  it('opens five that fit, but keeps only one of them decoded', async () => {
    // 4096 × 4096: 64 MiB each once decoded; all five held decoded would be 320 MiB.
    const m = await pasteFive(4_096, 4_096);
    expect(m.outcomes).toEqual(Array(5).fill('opened 4096 × 4096'));
    const decoded = 4_096 * 4_096 * 4;
    // One decoded image, plus the five PNGs as pasted (small), plus slack for the collector.
    expect(m.heldAfter - m.heldBefore).toBeLessThan(decoded + 5 * m.png + 16 * MIB);
    expect(m.heldAfter - m.heldBefore).toBeGreaterThan(decoded / 2);
    // One image at a time, the one before let go first: the peak is that image and what the
    // collector has yet to reclaim (2.2–2.6× one image measured), not the 5.5× of keeping them all.
    expect(m.maxRss - m.rssBefore).toBeLessThan(3.5 * decoded);
    expect(decoded).toBeLessThan(MAX_IMAGE_BYTES);
  }, 120_000);
});
