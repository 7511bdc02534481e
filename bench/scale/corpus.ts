import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { seededRandom } from '../lib/table';
import type { PlannedItem } from './plan';

/**
 * The files of the scale corpus on disk, for main to store through the file dialog as a user's
 * files would be. Every file's bytes are unique (the app would otherwise offer a link to the
 * item that already holds them): CSV exports of seeded rows, and PNG "screenshots" with a
 * seeded pattern and a noisy band.
 */
export function corpusPath(dir: string, item: PlannedItem): string {
  // The planned name carries '#' and spaces: fine for the store, which records the base name.
  return join(dir, String(Math.floor(item.key / 1000)), item.fileName);
}

function csvBytes(item: PlannedItem, random: () => number): Buffer {
  const lines = ['user,role,last_login,decision'];
  for (let i = 0; i < item.size; i += 1) {
    lines.push(`user${item.key}-${i}@acme.example,${random() < 0.2 ? 'admin' : 'member'},${item.at},${random() < 0.9 ? 'keep' : 'remove'}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

function pngBytes(item: PlannedItem, random: () => number): Buffer {
  const width = item.size * 2;
  const height = Math.round(width * 0.6);
  const png = new PNG({ width, height });
  const hue = [random() * 255, random() * 255, random() * 255];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const noisy = y > height * 0.4 && y < height * 0.5;
      png.data[i] = noisy ? Math.floor(random() * 256) : ((hue[0] ?? 0) + x) & 0xff;
      png.data[i + 1] = noisy ? Math.floor(random() * 256) : ((hue[1] ?? 0) + y) & 0xff;
      png.data[i + 2] = (hue[2] ?? 0) & 0xff;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { filterType: 1 });
}

export async function writeCorpus(dir: string, items: readonly PlannedItem[], seed: number, log: (m: string) => void): Promise<number> {
  let bytes = 0;
  for (const [n, item] of items.entries()) {
    const random = seededRandom(seed * 1_000_003 + item.key);
    const path = corpusPath(dir, item);
    if (n % 1000 === 0) log(`corpus: ${n.toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} files`);
    await mkdir(join(path, '..'), { recursive: true });
    const data = item.image ? pngBytes(item, random) : csvBytes(item, random);
    bytes += data.length;
    await writeFile(path, data);
  }
  return bytes;
}
