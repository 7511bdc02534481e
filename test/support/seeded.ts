import { createHash } from 'node:crypto';

/**
 * Deterministic incompressible bytes (SHA-256 in counter mode): like screenshots and PDFs, they
 * do not shrink when deflated, and the same seed gives the same bytes on every run.
 */
export function seededBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let at = 0, counter = 0; at < size; at += 32, counter += 1) {
    createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, at);
  }
  return out;
}
