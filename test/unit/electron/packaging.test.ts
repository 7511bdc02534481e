import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  readonly asar?: boolean;
  readonly asarUnpack?: readonly string[];
  readonly linux?: { readonly icon?: string };
  readonly mac?: { readonly icon?: string };
  readonly win?: { readonly icon?: string };
  readonly deb?: { readonly depends?: readonly string[] };
  readonly electronFuses?: Readonly<Record<string, boolean>>;
  readonly [key: string]: unknown;
}

async function loadConfig(): Promise<BuilderConfig> {
  return parse(await readFile('electron-builder.yml', 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('sets every Electron fuse the security design requires', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it("passes electron-builder's own schema validation, so no key is silently ignored", async () => {
    // There is no CLI to validate the file; these are the functions electron-builder itself runs.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<unknown>;
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...(config as object), electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it("makes the deb depend on what screen capture runs, on top of electron-builder's own list", async () => {
    const config = await loadConfig();
    // `depends` replaces electron-builder's defaults, so they are listed too and must stay in step.
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as {
      default: { prototype: { getDefaultDepends(target: string): string[] } };
    };
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults.length).toBeGreaterThan(3);
    expect(config.deb?.depends).toEqual([...defaults, 'imagemagick', 'x11-xserver-utils']);
  });

  it("unpacks screenshot-desktop's Windows helper, which must run from disk", async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toEqual(['node_modules/screenshot-desktop/lib/win32/**']);
    expect(existsSync('node_modules/screenshot-desktop/lib/win32/screenCapture_1.3.2.bat')).toBe(true);
  });

  it('gives every platform the icon made from assets/icon.svg', async () => {
    const config = await loadConfig();
    expect(config.linux?.icon).toBe('assets/icons');
    expect((await readdir('assets/icons')).filter((f) => /^\d+x\d+\.png$/.test(f)).length).toBeGreaterThanOrEqual(8);
    expect(config.mac?.icon).toBe('assets/icon.icns');
    expect(config.win?.icon).toBe('assets/icon.ico');
    for (const file of ['assets/icon.icns', 'assets/icon.ico']) expect(existsSync(file), file).toBe(true);
  });
});
