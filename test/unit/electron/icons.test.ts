import { Icns } from '@fiahfy/icns';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ASSETS, ICNS_TYPES, ICO_SIZES, iconFiles, PNG_SIZES, renderIcons } from '../../../scripts/icons';

/**
 * The committed icons are what assets/icon.svg renders to: after a change to the SVG,
 * `npm run icons` must be run, or this fails. The ICO is read back with ImageMagick, a reader
 * we did not write.
 */
describe('the app icon', () => {
  it('matches a fresh render of assets/icon.svg, file for file and byte for byte', async () => {
    const fresh = iconFiles(await renderIcons(await readFile(join(ASSETS, 'icon.svg'))));
    expect([...fresh.keys()].sort()).toEqual([...PNG_SIZES.map((s) => join('icons', `${s}x${s}.png`)), 'icon.icns', 'icon.ico'].sort());
    for (const [name, bytes] of fresh) {
      const committed = await readFile(join(ASSETS, name)).catch(() => null);
      expect(committed, `assets/${name} is missing or stale: run \`npm run icons\``).not.toBeNull();
      expect(committed?.equals(bytes), `assets/${name} differs from the SVG's rendering: run \`npm run icons\``).toBe(true);
    }
  });

  it('is a white padlock on a blue tile with transparent corners, at every size', async () => {
    for (const size of PNG_SIZES) {
      const png = PNG.sync.read(await readFile(join(ASSETS, 'icons', `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
      const at = (fx: number, fy: number): number[] => {
        const i = (Math.floor(fy * size) * size + Math.floor(fx * size)) * 4;
        return [...png.data.subarray(i, i + 4)];
      };
      expect(at(0, 0)[3], `${size}: corner`).toBe(0);
      expect(at(0.5, 0.55), `${size}: lock body`).toEqual([255, 255, 255, 255]);
      const tile = at(0.12, 0.5);
      expect(tile[3], `${size}: tile`).toBe(255);
      expect((tile[2] ?? 0) > (tile[0] ?? 0) + 40, `${size}: the tile is blue`).toBe(true);
    }
  });

  it('has every Windows size in icon.ico, each the same pixels as its PNG', async () => {
    const ico = join(ASSETS, 'icon.ico');
    const frames = execFileSync('identify', ['-format', '%w\n', ico], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(frames).toEqual([...ICO_SIZES]);
    for (const [index, size] of ICO_SIZES.entries()) {
      const fromIco = execFileSync('convert', [`${ico}[${index}]`, '-depth', '8', 'rgba:-']);
      const png = PNG.sync.read(await readFile(join(ASSETS, 'icons', `${size}x${size}.png`)));
      expect(fromIco.length, `${size}`).toBe(png.data.length);
      expect(fromIco.equals(png.data), `${size} px frame`).toBe(true);
    }
  });

  it('has every macOS size in icon.icns, each the PNG of that size', async () => {
    const bytes = await readFile(join(ASSETS, 'icon.icns'));
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(bytes.readUInt32BE(4)).toBe(bytes.length);
    const icns = Icns.from(bytes);
    expect(icns.images.map((image) => image.osType)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [type, size] of ICNS_TYPES) {
      const image = icns.images.find((i) => i.osType === type);
      const png = await readFile(join(ASSETS, 'icons', `${size}x${size}.png`));
      expect(image?.image.equals(png), `${type} holds the ${size} px PNG`).toBe(true);
    }
  });
});
