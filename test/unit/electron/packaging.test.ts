import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  readonly asar?: boolean;
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
});
