import { Icns, IcnsImage } from '@fiahfy/icns';
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngToIco from 'png-to-ico';

/**
 * The app icon, from one source: assets/icon.svg, drawn by hand. Each PNG size is rendered from
 * the SVG itself (not scaled down from a big PNG) with resvg, which renders the same bytes on
 * every machine, so test/unit/electron/icons.test.ts can check the committed files against a
 * fresh render. `npm run icons` rewrites them after the SVG changes.
 *
 *   assets/icons/<n>x<n>.png   Linux (electron-builder takes the folder), favicon, window icon
 *   assets/icon.ico            Windows: 16–256 px
 *   assets/icon.icns           macOS: 16–1024 px, with the @2x variants
 */
export const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Apple's PNG icon types and the pixel size each holds (Apple Icon Image format). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;

export interface IconSet {
  readonly pngs: ReadonlyMap<number, Buffer>;
  readonly ico: Buffer;
  readonly icns: Buffer;
}

export async function renderIcons(svg: Buffer): Promise<IconSet> {
  const pngs = new Map<number, Buffer>();
  for (const size of PNG_SIZES) {
    pngs.set(size, Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng()));
  }
  const png = (size: number): Buffer => {
    const bytes = pngs.get(size);
    if (!bytes) throw new Error(`no ${size} px rendering`);
    return bytes;
  };
  const ico = await pngToIco(ICO_SIZES.map((size) => png(size)));
  const icns = new Icns();
  for (const [type, size] of ICNS_TYPES) icns.append(IcnsImage.fromPNG(png(size), type));
  return { pngs, ico, icns: icns.data };
}

export function iconFiles(set: IconSet): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [size, bytes] of set.pngs) files.set(join('icons', `${size}x${size}.png`), bytes);
  files.set('icon.ico', set.ico);
  files.set('icon.icns', set.icns);
  return files;
}

async function main(): Promise<void> {
  const files = iconFiles(await renderIcons(await readFile(join(ASSETS, 'icon.svg'))));
  for (const [name, bytes] of files) {
    await mkdir(dirname(join(ASSETS, name)), { recursive: true });
    await writeFile(join(ASSETS, name), bytes);
    process.stdout.write(`assets/${name}  ${bytes.length} bytes\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
