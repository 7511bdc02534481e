import { open } from 'node:fs/promises';
import { seededRandom } from './table';

/**
 * Writes `bytes` of seeded pseudo-random (incompressible) data to `path`: the same file for the
 * same seed, so runs and machines compare like with like.
 */
export async function writeSeededFile(path: string, bytes: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const block = Buffer.alloc(1024 * 1024);
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const n = Math.min(block.length, bytes - written);
      for (let i = 0; i < n; i += 4) block.writeUInt32LE(Math.floor(random() * 0x1_0000_0000), i);
      await handle.write(block, 0, n);
      written += n;
    }
    // Written back before any run: otherwise the first run's fsync waits for this file too.
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const MiB = 1024 * 1024;
