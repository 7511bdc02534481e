import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { FileImportResult } from '../../../shared/bridge/contract';
import { visibleName } from '../../../shared/files/visibleName';
import { createBridgeHarness, type BridgeHarness } from '../../support/bridgeHarness';
import { HOSTILE_NAMES } from '../../support/hostileNames';


describe('hostile file names', () => {
  let bridge: BridgeHarness;
  let dir: string;
  let result: FileImportResult;
  const contents = new Map<string, Buffer>();

  beforeAll(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
    dir = await mkdtemp(join(tmpdir(), 'hostile-names-'));
    const paths: string[] = [];
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const path = join(dir, name);
      const bytes = Buffer.from(`evidence #${i}: ${name}\n`);
      await writeFile(path, bytes);
      contents.set(path, bytes);
      paths.push(path);
    }
    bridge.answerFileDialog(paths);
    const response = await bridge.dispatch('files:import', { url: `${APP_ORIGIN}/`, isMainFrame: true }, {});
    if (!response.ok) throw new Error(response.error.message);
    result = response.value as FileImportResult;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  it('imports every one of them, nothing lost', () => {
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual(HOSTILE_NAMES);
  });

  for (const name of HOSTILE_NAMES) {
    it(`stores the exact bytes of ${JSON.stringify(name.length > 60 ? `${name.slice(0, 40)}…` : name)} under their hash only`, async () => {
      const file = result.files.find((f) => f.name === name);
      if (!file) throw new Error('missing');
      const expected = contents.get(file.path);
      const stored = await readFile(bridge.store.pathOf(file.sha256));
      expect(stored.equals(expected ?? Buffer.alloc(0))).toBe(true);
      expect(file.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
      // The name never becomes part of a path inside the store.
      expect(bridge.store.pathOf(file.sha256)).not.toContain(name);
    });
  }

  it('names an unreadable hostile file with its hidden characters made visible', async () => {
    const missing = join(dir, 'gone\u202Efdp.exe');
    bridge.answerFileDialog([missing]);
    const response = await bridge.dispatch('files:import', { url: `${APP_ORIGIN}/`, isMainFrame: true }, {});
    const value = response.ok ? (response.value as FileImportResult) : null;
    expect(value?.failures[0]?.message).toBe(`"${visibleName('gone\u202Efdp.exe')}" no longer exists. Nothing was stored.`);
    expect(value?.failures[0]?.message).not.toContain('\u202E');
  });
});
