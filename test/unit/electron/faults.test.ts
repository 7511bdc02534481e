import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleAudit, signAndWrite, signPlan } from '../../../electron/main/bundle/sample';
import { createTextStaging, stagingDirOf } from '../../../electron/main/bundle/staging';
import { verifyBundle } from '../../../electron/main/bundle/verify';
import { createTempLedger } from '../../../electron/main/sweep';
import { importFile } from '../../../electron/main/bridge/files';
import { createEvidenceStore } from '../../../electron/main/store';
import { startWorker } from '../../support/runWorker';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { PendingCapture } from '../../../shared/bridge/contract';
import { MIN_STAMP_WIDTH } from '../../../shared/image/raster';
import { createBridgeHarness } from '../../support/bridgeHarness';
import { sampleWithFile } from '../../support/sampleWithFile';

/**
 * Fault tests (issue #7): a process killed mid-export or mid-import, and a disk that fills
 * during an export. Real kills (SIGKILL) of real processes, and a real full filesystem: a
 * 256 KiB tmpfs, which CI can mount because it runs as root.
 */
const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function waitUntil(condition: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a process killed in the middle', () => {
  it('of an export leaves no bundle, and the next export of that name cleans up after it', async () => {
    const out = join(dir, 'export');
    await mkdir(out);
    const target = join(out, 'bundle.zip');
    const worker = await startWorker('test/support/workers/slowExport.ts', [target, join(dir, 'export-store'), '384']);
    await worker.waitFor('EXPORTING');
    const partialName = async (): Promise<string | undefined> => (await readdir(out)).find((n) => n.endsWith('.partial'));
    await waitUntil(async () => {
      const name = await partialName();
      return name !== undefined && (await stat(join(out, name))).size > 4 * 1024 * 1024;
    }, 'the export to be under way');
    worker.child.kill('SIGKILL');
    await new Promise((r) => worker.child.once('exit', r));
    expect(worker.lines).not.toContain('DONE');

    // No file under the bundle's name; only the hidden, clearly named temporary file.
    const left = await readdir(out);
    expect(left).not.toContain('bundle.zip');
    expect(left).toEqual([expect.stringMatching(/^\.bundle\.zip\.[0-9a-f-]{36}\.partial$/)]);

    const sample = await buildSampleAudit(join(dir, 'export-store-2'));
    const { written } = await signAndWrite(sample, target);
    expect(await readdir(out)).toEqual(['bundle.zip']);
    expect(written.size).toBeGreaterThan(0);
  }, 90_000);

  it('of a file import leaves no stored file and nothing that refers to a half-written one', async () => {
    const root = join(dir, 'import-store');
    const worker = await startWorker('test/support/workers/slowImport.ts', [root]);
    await worker.waitFor('STORING');
    worker.child.kill('SIGKILL');
    await new Promise((r) => worker.child.once('exit', r));

    // Bytes only become visible under sha256/ once complete and hashed; the metadata that
    // would refer to them is written by the renderer only after that. So: nothing visible.
    expect(await readdir(join(root, 'sha256')).catch(() => [])).toEqual([]);
    const temp = await readdir(join(root, 'tmp'));
    expect(temp).toEqual([expect.stringMatching(/\.part$/)]);
    const store = createEvidenceStore(root);
    expect(await store.sweepTemp()).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  }, 60_000);
});

describe('a disk that fills up', () => {
  let mount: string;
  beforeAll(async () => {
    mount = join(dir, 'tiny');
    await mkdir(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      throw new Error('The full-disk tests mount a small tmpfs and need root (CI runs as root).', { cause: error });
    }
  });
  afterAll(() => {
    execFileSync('umount', [mount]);
  });

  it('during an export gives a clear error and leaves nothing behind', async () => {
    const sample = await buildSampleAudit(join(dir, 'full-store'));
    const big = await sample.store.put(Buffer.alloc(1024 * 1024, 1));
    const padded = sampleWithFile(sample, big);
    await expect(signAndWrite(padded, join(mount, 'bundle.zip'))).rejects.toThrow(
      'The disk is full: the bundle could not be written. Nothing was left behind; free some space and export again.',
    );
    expect(await readdir(mount)).toEqual([]);
  });

  it('midway through an export from the app says so, removes its partial file, and loses nothing: the earlier bundle, the store, the next export', async () => {
    const sample = await buildSampleAudit(join(dir, 'app-full-store'));
    const staging = createTextStaging(stagingDirOf(sample.store.root));
    const ledger = join(dir, 'app-full-ledger');
    const bridge = await createBridgeHarness(APP_ORIGIN, { store: sample.store, staging, tempLedger: createTempLedger(ledger) });
    const sender = { url: `${APP_ORIGIN}/index.html#/audits/1`, isMainFrame: true };
    const target = join(mount, 'bundle.zip');
    try {
      // Last quarter's bundle, already at the name the user picks again.
      bridge.answerSaveDialog(target);
      const earlier = await bridge.dispatch('bundle:export', sender, { exportId: randomUUID(), plan: (await signPlan(sample, staging)).plan });
      expect(earlier).toMatchObject({ ok: true, value: { status: 'written' } });
      const earlierSha = sha256Of(await readFile(target));

      // Now with a 1 MiB file: the 40 KB of the bundle fit, the 256 KiB disk fills partway through writing the big one.
      const big = await sample.store.put(randomBytes(1024 * 1024));
      const padded = sampleWithFile(sample, big);
      const { plan } = await signPlan(padded, staging);
      bridge.answerSaveDialog(target);
      const result = await bridge.dispatch('bundle:export', sender, { exportId: randomUUID(), plan });
      expect(result).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full: the bundle could not be written. Nothing was left behind; free some space and export again.' },
      });

      // No hidden partial file, the earlier bundle as it was and still verifying.
      expect(await readdir(mount)).toEqual(['bundle.zip']);
      expect(sha256Of(await readFile(target))).toBe(earlierSha);
      expect((await verifyBundle(target, { trusted: [{ fingerprint: sample.keys.fingerprint, publicKey: null, name: null, role: null, source: 'test' }] })).report.verdict).toBe('pass');
      // Every stored file intact; the staged generated files and the ledger entry gone.
      for (const e of [...sample.input.evidence, { sha256: big.sha256 }]) expect(sha256Of(await readFile(sample.store.pathOf(e.sha256)))).toBe(e.sha256);
      expect(await readdir(stagingDirOf(sample.store.root))).toEqual([]);
      expect(await readdir(ledger)).toEqual([]);

      // With room elsewhere, the same export is written whole.
      const elsewhere = join(dir, 'roomy.zip');
      bridge.answerSaveDialog(elsewhere);
      const retry = await bridge.dispatch('bundle:export', sender, { exportId: randomUUID(), plan: (await signPlan(padded, staging)).plan });
      expect(retry).toMatchObject({ ok: true, value: { status: 'written' } });
      expect((await verifyBundle(elsewhere, { trusted: [{ fingerprint: sample.keys.fingerprint, publicKey: null, name: null, role: null, source: 'test' }] })).report.verdict).toBe('pass');
    } finally {
      await rm(target, { force: true });
    }
  });

  it('during a file import gives a clear error and stores nothing', async () => {
    const store = createEvidenceStore(join(mount, 'store'));
    const source = join(dir, 'big-source.bin');
    execFileSync('dd', ['if=/dev/zero', `of=${source}`, 'bs=1024', 'count=1024'], { stdio: 'pipe' });
    await expect(importFile(store, source, () => {})).rejects.toThrow('The disk is full: "big-source.bin" could not be stored. Nothing was stored; free some space and attach it again.');
    expect(await readdir(join(mount, 'store', 'tmp'))).toEqual([]);
    expect(await readdir(join(mount, 'store', 'sha256')).catch(() => [])).toEqual([]);
  });

  it('during a bundle import says so, and removes what the import had stored', async () => {
    // A bundle with a 1 MiB file of noise, imported into a store on the 256 KiB disk: the small
    // files fit, the large one does not.
    const sample = await buildSampleAudit(join(dir, 'import-full-sample'));
    const big = await sample.store.put(randomBytes(1024 * 1024));
    const padded = sampleWithFile(sample, big);
    const zip = join(dir, 'import-full.zip');
    const { plan } = await signAndWrite(padded, zip);
    const blobs = plan.entries.flatMap((e) => (e.kind === 'blob' ? [{ path: e.path, sha256: e.sha256 }] : []));
    const large = blobs.find((b) => b.sha256 === big.sha256);
    if (!large) throw new Error('the large file is not in the plan');
    const files = [...blobs.filter((b) => b !== large).slice(0, 2), large];

    const root = join(mount, 'import-store');
    const bridge = await createBridgeHarness(APP_ORIGIN, { store: createEvidenceStore(root) });
    const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    bridge.answerImportDialog(zip);
    const inspected = await bridge.dispatch('bundle:inspect', sender, { trusted: [] });
    if (!inspected.ok) throw new Error(inspected.error.message);
    const { token } = inspected.value as { token: string };
    expect(await bridge.dispatch('bundle:import-files', sender, { token, files, confirmedExporter: sample.keys.fingerprint })).toEqual({
      ok: false,
      error: {
        code: 'io-error',
        message: `The disk is full: the import stopped at ${large.path} (file 3 of 3). Nothing was added: the 2 files it had stored were removed again. Free some space and import again.`,
      },
    });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readdir(join(root, 'sha256'), { recursive: true, withFileTypes: true }).then((e) => e.filter((x) => x.isFile()))).toEqual([]);
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  it('during a dropped file\'s upload says the disk is full, at the chunk that did not fit, and leaves nothing behind', async () => {
    const root = join(mount, 'upload-store');
    const bridge = await createBridgeHarness(APP_ORIGIN, { store: createEvidenceStore(root) });
    const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    const size = 2 * 1024 * 1024;
    const begun = await bridge.dispatch('files:upload-begin', sender, { name: 'siem-export.bin', size, modifiedAt: null, path: '' });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value as { uploadId: string };
    let failure: unknown = null;
    for (let offset = 0; offset < size && failure === null; offset += 64 * 1024) {
      const sent = await bridge.dispatch('files:upload-chunk', sender, { uploadId, offset, bytes: randomBytes(64 * 1024) });
      if (!sent.ok) failure = sent.error;
    }
    const full = { code: 'io-error', message: 'The disk is full: "siem-export.bin" could not be stored. Nothing was stored; free some space and add it again.' };
    expect(failure).toEqual(full);
    expect(await bridge.dispatch('files:upload-finish', sender, { uploadId })).toEqual({ ok: false, error: full });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readdir(join(root, 'sha256')).catch(() => [])).toEqual([]);
  });

  it('while preparing the built-in sample audit says the disk is full and leaves no temporary folder', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    // The sample is built in the temporary folder: here, on the 256 KiB disk, nearly full.
    const ballast = join(mount, 'ballast.bin');
    execFileSync('dd', ['if=/dev/zero', `of=${ballast}`, 'bs=1024', 'count=220'], { stdio: 'pipe' });
    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = mount;
    try {
      expect(await bridge.dispatch('sample:open', sender, { trusted: [] })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full, so the sample audit could not be prepared. Free some space and try again.' },
      });
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
      await rm(ballast);
      await rm(bridge.store.root, { recursive: true, force: true });
    }
    expect((await readdir(mount)).filter((n) => n.startsWith('evidence-locker-'))).toEqual([]);
  });

  it('while saving a capture gives a clear error, stores nothing, and keeps the capture open to save again', async () => {
    // Noise does not compress: a 640 × 400 capture is far larger than the 256 KiB disk.
    const noise = new PNG({ width: 640, height: 400 });
    noise.data = randomBytes(640 * 400 * 4);
    for (let i = 3; i < noise.data.length; i += 4) noise.data[i] = 255;
    const screen = PNG.sync.write(noise);
    const display = { id: 'screen', name: 'screen', width: 640, height: 400, x: 0, y: 0, primary: true };
    // The screen is the test's; the subject is main's save, with its real store on the full disk.
    const bridge = await createBridgeHarness(APP_ORIGIN, {
      store: createEvidenceStore(join(mount, 'capture-store')),
      capturer: { listDisplays: async () => [display], capturePng: async () => ({ png: screen, display }) },
    });
    const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    const shot = await bridge.dispatch('capture:screen', sender, { displayId: null, delayMs: 0 });
    if (!shot.ok) throw new Error(shot.error.message);
    const { token } = shot.value as PendingCapture;
    const stamp = PNG.sync.write(Object.assign(new PNG({ width: MIN_STAMP_WIDTH, height: 20 }), { data: Buffer.alloc(MIN_STAMP_WIDTH * 20 * 4, 255) }));
    const save = { token, crop: null, redactions: [], stamp };
    const result = await bridge.dispatch('capture:save', sender, save);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'io-error', message: 'The disk is full, so the capture could not be saved. Free some space and save again; the capture is still open.' },
    });
    expect(await readdir(join(mount, 'capture-store', 'tmp'))).toEqual([]);
    expect(await readdir(join(mount, 'capture-store', 'sha256')).catch(() => [])).toEqual([]);
    // Still open: a later save is not refused as unknown (here it fails on the full disk again).
    expect(await bridge.dispatch('capture:save', sender, save)).toMatchObject({ ok: false, error: { code: 'io-error' } });
  });
});
