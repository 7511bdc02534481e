import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { copyFile, mkdtemp, open, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { buildSampleAudit, signAndWrite, type SampleAudit } from '../../../electron/main/bundle/sample';
import type { BundlePlan } from '../../../shared/bundle/planTypes';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';

/**
 * Issue #14: "an import that fails midway (file swapped after inspect, or disk full) says
 * 'nothing was added' but leaves unreferenced blobs in the store". Importing a bundle's files
 * is one store transaction: what it stored goes again when it stops, and the message says so.
 * (The full-disk case is in faults.test.ts, on its small tmpfs.)
 */
const APP = APP_SENDER;
const openFds = (): number => readdirSync('/proc/self/fd').length;

let dir: string;
let sample: SampleAudit;
let bundle: string;
let plan: BundlePlan;
/** The bundle's evidence files as the renderer asks for them: path and expected hash. */
let files: { path: string; sha256: string }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-files-'));
  sample = await buildSampleAudit(join(dir, 'sample-store'));
  bundle = join(dir, 'sample.zip');
  ({ plan } = await signAndWrite(sample, bundle));
  files = plan.entries.flatMap((e) => (e.kind === 'blob' ? [{ path: e.path, sha256: e.sha256 }] : []));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const trustedSample = () => ({ fingerprint: sample.keys.fingerprint, publicKey: sample.keys.publicKeyRaw, name: 'Dana Whitfield', role: 'IT Manager', source: 'keyring' });
/** The key that signed the bag, as the user confirms it on import. */
const signerOf = (inspected: unknown): string | null =>
  (inspected as { report: { signers: { fingerprint: string; signed: { bag: boolean } }[] } }).report.signers.find((s) => s.signed.bag)?.fingerprint ?? null;

describe('importing the files of a bundle', () => {
  let bridge: BridgeHarness;
  let path: string;
  beforeEach(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
    path = join(await mkdtemp(join(dir, 'case-')), 'bundle.zip');
    await copyFile(bundle, path);
    return async () => {
      await rm(bridge.store.root, { recursive: true, force: true });
    };
  });

  const stored = async (): Promise<string[]> => {
    const entries = await readdir(join(bridge.store.root, 'sha256'), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  };
  const inspect = async (): Promise<string> => {
    bridge.answerImportDialog(path);
    // The sample's reviewer key, trusted as the user's keyring would: the bundle may be imported.
    const inspected = valueOf<{ token: string; report: { verdict: string } }>(await bridge.dispatch('bundle:inspect', APP, { trusted: [trustedSample()] }));
    expect(inspected.report.verdict).toBe('pass');
    return inspected.token;
  };

  it('that stops midway because the bundle changed while it was read removes what it stored, and says so', async () => {
    const token = await inspect();
    // While the import runs, right after its first file (progress events are throttled, but the
    // first always comes), the second file's bytes are changed inside the ZIP (a PNG, stored as
    // is): the reader's CRC-32 check tells, before its hash does.
    const zipBytes = await readFile(path);
    const originals = await Promise.all(files.map((f) => readFile(sample.store.pathOf(f.sha256))));
    // A file stored as is in the ZIP (a PNG), asked for second.
    const pick = files.findIndex((_, i) => i > 0 && zipBytes.indexOf(originals[i] as Buffer) > 0);
    const third = files[pick];
    const original = originals[pick];
    if (!third || !original) throw new Error('the sample has no second file stored as is');
    const order = [files[0] as { path: string; sha256: string }, third, ...files.filter((_, i) => i !== 0 && i !== pick)];
    const at = zipBytes.indexOf(original);
    bridge.onEvent((name, payload) => {
      if (name === 'bundle:import-progress' && (payload as { done: number }).done === 1) {
        const fd = openSync(path, 'r+');
        writeSync(fd, Buffer.from([original[100] === 0 ? 1 : 0]), 0, 1, at + 100);
        closeSync(fd);
      }
    });

    const before = openFds();
    const result = await bridge.dispatch('bundle:import-files', APP, { token, files: order, confirmedExporter: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'file-changed' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(
      new RegExp(
        `^The import stopped at ${third.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(file 2 of ${files.length}\\): its CRC-32 does not match its bytes \\(the entry is damaged or altered\\); the bundle changed after it was verified\\. Nothing was added: the 1 file it had stored was removed again\\.$`,
      ),
    );
    expect(await stored()).toEqual([]);
    expect(await readdir(join(bridge.store.root, 'tmp'))).toEqual([]);
    await expect.poll(openFds).toBe(before);
  });

  it('refuses a bundle changed in place after it was verified, even with its old modification time, before storing anything', async () => {
    const token = await inspect();
    const times = await stat(path);
    const handle = await open(path, 'r+');
    await handle.write(Buffer.from('x'), 0, 1, 100);
    await handle.close();
    await utimes(path, times.atime, times.mtime);
    expect(await bridge.dispatch('bundle:import-files', APP, { token, files, confirmedExporter: null })).toEqual({
      ok: false,
      error: { code: 'file-changed', message: 'The bundle file was changed or replaced after it was verified. Nothing was added; choose it again to verify it anew.' },
    });
    expect(await stored()).toEqual([]);
  });

  it('refuses a bundle replaced by another file after it was verified, before storing anything', async () => {
    const token = await inspect();
    const other = join(dir, 'other.zip');
    await copyFile(bundle, other);
    await copyFile(other, `${path}.new`);
    const { rename } = await import('node:fs/promises');
    await rename(`${path}.new`, path);
    expect(await bridge.dispatch('bundle:import-files', APP, { token, files, confirmedExporter: null })).toEqual({
      ok: false,
      error: { code: 'file-changed', message: 'The bundle file was changed or replaced after it was verified. Nothing was added; choose it again to verify it anew.' },
    });
    expect(await stored()).toEqual([]);
  });

  it('keeps blobs that were in the store before, and takes back only its own when the renderer cannot write the rows', async () => {
    const first = files[0];
    if (!first) throw new Error('the sample has no files');
    // One file is in the store already, as if attached by hand before the import.
    await bridge.store.put(await readFile(sample.store.pathOf(first.sha256)));
    const token = await inspect();
    const imported = valueOf<{ stored: number; existed: number }>(await bridge.dispatch('bundle:import-files', APP, { token, files, confirmedExporter: null }));
    const unique = new Set(files.map((f) => f.sha256));
    expect(imported).toEqual({ stored: unique.size - 1, existed: files.length - (unique.size - 1) });
    expect(await stored()).toEqual([...unique].sort());

    // The rows could not be written: main takes back what this import added, and only that.
    expect(valueOf(await bridge.dispatch('bundle:import-settle', APP, { token, applied: false }))).toEqual({ removed: unique.size - 1, kept: [] });
    expect(await stored()).toEqual([first.sha256]);

    // The same inspection can be imported again, and once the rows are written, everything stays.
    valueOf(await bridge.dispatch('bundle:import-files', APP, { token, files, confirmedExporter: null }));
    expect(valueOf(await bridge.dispatch('bundle:import-settle', APP, { token, applied: true }))).toEqual({ removed: 0, kept: [] });
    expect(await stored()).toEqual([...unique].sort());
    expect(await bridge.dispatch('bundle:import-settle', APP, { token, applied: false })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'This import is no longer open.' },
    });
    expect(await stored()).toEqual([...unique].sort());
  });

  it('never takes back bytes that something else stored meanwhile', async () => {
    const token = await inspect();
    valueOf(await bridge.dispatch('bundle:import-files', APP, { token, files, confirmedExporter: null }));
    const first = files[0];
    if (!first) throw new Error('the sample has no files');
    // A file attached while the rows were being written holds the same bytes as one imported.
    expect((await bridge.store.put(await readFile(sample.store.pathOf(first.sha256)))).existed).toBe(true);
    const unique = new Set(files.map((f) => f.sha256));
    expect(valueOf(await bridge.dispatch('bundle:import-settle', APP, { token, applied: false }))).toEqual({ removed: unique.size - 1, kept: [] });
    expect(await stored()).toEqual([first.sha256]);
  });
});

describe('"Use the built-in sample audit"', () => {
  const sampleDirs = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('evidence-locker-sample-'));

  it('removes its temporary folder once the import is done', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const before = sampleDirs();
      const inspected = valueOf<{ token: string; report: { verdict: string }; manifestJson: string }>(await bridge.dispatch('sample:open', APP, { trusted: [] }));
      expect(inspected.report.verdict).not.toBe('fail');
      const [created, ...more] = sampleDirs().filter((n) => !before.includes(n));
      expect(more).toEqual([]);
      if (!created) throw new Error('no sample folder');
      // Only the bundle is left in it: the sample's own store went as soon as the bundle was written.
      expect(await readdir(join(tmpdir(), created))).toEqual(['sample-audit.zip']);
      const manifest = JSON.parse(inspected.manifestJson) as { evidence: { path: string; sha256: string }[] };
      valueOf(await bridge.dispatch('bundle:import-files', APP, { token: inspected.token, files: manifest.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })), confirmedExporter: signerOf(inspected) }));
      valueOf(await bridge.dispatch('bundle:import-settle', APP, { token: inspected.token, applied: true }));
      expect(sampleDirs()).toEqual(before);
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });

  it('removes its temporary folder when the window goes away without importing', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const before = sampleDirs();
      valueOf(await bridge.dispatch('sample:open', APP, { trusted: [] }));
      expect(sampleDirs()).toHaveLength(before.length + 1);
      bridge.pageGone('the window was closed.');
      // Gone before the call returns: closing the window quits the app, which would cut short
      // a removal left for later.
      expect(sampleDirs()).toEqual(before);
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });

  it('keeps one temporary folder however often it is opened: a new sample replaces one not imported', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const before = sampleDirs();
      const first = valueOf<{ token: string; manifestJson: string }>(await bridge.dispatch('sample:open', APP, { trusted: [] }));
      for (let i = 0; i < 3; i += 1) valueOf(await bridge.dispatch('sample:open', APP, { trusted: [] }));
      expect(sampleDirs()).toHaveLength(before.length + 1);
      // The replaced one can no longer be imported from (its bundle is gone with its folder).
      const manifest = JSON.parse(first.manifestJson) as { evidence: { path: string; sha256: string }[] };
      expect(
        await bridge.dispatch('bundle:import-files', APP, { token: first.token, files: manifest.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })), confirmedExporter: null }),
      ).toEqual({ ok: false, error: { code: 'not-found', message: 'Choose the bundle again: this import is no longer open.' } });
      bridge.pageGone('the window was closed.');
      expect(sampleDirs()).toEqual(before);
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });
});
