import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Packs the Linux app as `npm run dist` would (`electron-builder --linux dir`), with a stand-in
 * Electron distribution, since Electron's binary cannot be downloaded here (TOOLCHAIN.md,
 * "Packaging and scanning"), and checks what ships: app.asar and the fuses.
 *
 * The stand-in `electron` executable carries the fuse sentinel and wire of a real Electron
 * binary (@electron/fuses' format), so electron-builder flips the fuses electron-builder.yml
 * asks for and this test reads them back with @electron/fuses.
 */

const run = promisify(execFile);

interface LockEntry {
  readonly dev?: boolean;
  readonly devOptional?: boolean;
}

/** Electron 45's fuse wire as it ships: RunAsNode, NODE_OPTIONS, inspect and file privileges on. */
const STOCK_WIRE = '10110001';

let work: string;
let appDir: string;
let files: Set<string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pack-linux-'));
  const dist = join(work, 'electron-dist');
  await run('mkdir', ['-p', dist]);
  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const stub = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n'),
    Buffer.from(sentinel),
    Buffer.from([1, STOCK_WIRE.length]),
    Buffer.from(STOCK_WIRE),
  ]);
  await writeFile(join(dist, 'electron'), stub);
  await chmod(join(dist, 'electron'), 0o755);
  await run(
    join('node_modules', '.bin', 'electron-builder'),
    ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${join(work, 'dist')}`],
    { env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  );
  appDir = join(work, 'dist', 'linux-unpacked');
  files = new Set(listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((p) => p.replaceAll('\\', '/')));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed Linux app', () => {
  it('holds main, preload and the renderer as built, and package.json', async () => {
    for (const built of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(files.has(`/${built}`), built).toBe(true);
    }
    const html = await readFile('out/renderer/index.html', 'utf8');
    for (const [, asset] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(files.has(`/out/renderer/${asset}`), String(asset)).toBe(true);
  });

  it('holds every production dependency, at the path Node resolves it from', async () => {
    const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
    const production = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
    expect(production.length).toBeGreaterThan(10);
    for (const [path] of production) expect(files.has(`/${path}/package.json`), path).toBe(true);
  });

  it('holds no tests, sources, build tooling or development dependencies', async () => {
    const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev === true)
      .map(([path]) => `/${path}`);
    expect(devOnly).toEqual(expect.arrayContaining(['/node_modules/electron', '/node_modules/vitest', '/node_modules/typescript', '/node_modules/@playwright/test']));
    for (const path of devOnly) expect(files.has(path), path).toBe(false);
    const ours = [...files].filter((f) => f !== '/node_modules' && !f.startsWith('/node_modules/'));
    expect(ours.filter((f) => !f.startsWith('/out/') && f !== '/package.json' && f !== '/out')).toEqual([]);
    // Inside out/: only what the build wrote, no TypeScript, no source maps.
    expect(ours.filter((f) => /\.(ts|tsx|map)$/.test(f))).toEqual([]);
    for (const folder of ['/test', '/electron', '/renderer', '/shared', '/scripts', '/bench', '/assets', '/.e2e-artifacts']) expect(files.has(folder), folder).toBe(false);
  });

  it("unpacks screenshot-desktop's Windows helper next to the archive, where the library looks for it", () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'screenshot-desktop', 'lib', 'win32');
    expect(existsSync(join(unpacked, 'screenCapture_1.3.2.bat'))).toBe(true);
    expect(existsSync(join(unpacked, 'app.manifest'))).toBe(true);
  });

  it('flips the fuses electron-builder.yml sets in the packed executable', async () => {
    const wire = (await getCurrentFuseWire(join(appDir, 'evidence-locker'))) as Partial<Record<FuseV1Options, number>>;
    // A fuse is the byte '1' (on) or '0' (off) in the executable.
    const state = (fuse: FuseV1Options): string => ({ 0x31: 'on', 0x30: 'off' })[wire[fuse] ?? 0] ?? String(wire[fuse]);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: 'off',
      cookieEncryption: 'on',
      nodeOptions: 'off',
      inspectArguments: 'off',
      asarIntegrity: 'on',
      onlyLoadAppFromAsar: 'on',
      grantFileProtocolExtraPrivileges: 'off',
    });
  });
});
