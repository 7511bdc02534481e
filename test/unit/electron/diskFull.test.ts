import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { buildSampleAudit, signAndWrite, signPlan, type SampleAudit } from '../../../electron/main/bundle/sample';
import { createTextStaging } from '../../../electron/main/bundle/staging';
import { createEvidenceStore } from '../../../electron/main/store';
import type { BundleInspection, FileImportResult, PendingCapture, UploadStarted } from '../../../shared/bridge/contract';
import { MIN_STAMP_WIDTH } from '../../../shared/image/raster';
import { APP_SENDER, createBridgeHarness, valueOf } from '../../support/bridgeHarness';
import { limitWrites, refuseRemovals, type FullCode } from '../../support/faultyFs';
import { sampleWithFile } from '../../support/sampleWithFile';

vi.mock('node:fs/promises', async (importOriginal) => (await import('../../support/faultyFs')).withFaults(await importOriginal()));

/**
 * Issue #14: "disk full during an import shows a raw ENOSPC; disk full during a dropped-file
 * upload shows 'internal: files:upload-chunk failed unexpectedly: The operation was aborted'",
 * and what to build: "disk full and quota exhausted (ENOSPC, EDQUOT) read 'the disk is full' on
 * every path". Every path main writes on, through main's real handlers, with the write that
 * does not fit failing as the kernel fails it — for a full disk and for an exhausted quota
 * (test/support/faultyFs.ts says why the quota cannot be a real one here; faults.test.ts has the
 * real full tmpfs). Each must say "the disk is full" in its own words, never the errno, never
 * `internal`, and leave nothing behind.
 */
const LIMIT = 256 * 1024;
const CODES: readonly FullCode[] = ['ENOSPC', 'EDQUOT'];

let dir: string;
let sample: SampleAudit;
/** A bundle of the sample with a 1 MiB file of noise, made where there is room. */
let zip: string;
let files: { path: string; sha256: string }[];
let large: { path: string; sha256: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'disk-full-'));
  sample = await buildSampleAudit(join(dir, 'sample-store'));
  const big = await sample.store.put(randomBytes(1024 * 1024));
  zip = join(dir, 'with-big-file.zip');
  const { plan } = await signAndWrite(sampleWithFile(sample, big), zip);
  const blobs = plan.entries.flatMap((e) => (e.kind === 'blob' ? [{ path: e.path, sha256: e.sha256 }] : []));
  const found = blobs.find((b) => b.sha256 === big.sha256);
  if (!found) throw new Error('the large file is not in the plan');
  large = found;
  files = [...blobs.filter((b) => b !== found).slice(0, 2), found];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A folder whose writes stop fitting after LIMIT bytes, failing with `code`. */
async function fullFolder(code: FullCode, limit = LIMIT): Promise<{ root: string; lift: () => void }> {
  const root = await mkdtemp(join(dir, `${code}-`));
  return { root, lift: limitWrites(root, limit, code) };
}

/** Every file under `root` (the folders a store or an export makes may stay; no file may). */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.each(CODES)('a write that fails with %s', (code) => {
  it('stops a bundle import with "the disk is full", naming where, and removes what it had stored', async () => {
    const full = await fullFolder(code);
    try {
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(full.root, 'store'));
      bridge.answerImportDialog(zip);
      const inspected = valueOf<BundleInspection>(await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [] }));
      if (inspected.status !== 'inspected') throw new Error('not inspected');
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: inspected.token, files, confirmedExporter: sample.keys.fingerprint })).toEqual({
        ok: false,
        error: {
          code: 'io-error',
          message: `The disk is full: the import stopped at ${large.path} (file 3 of 3). Nothing was added: the 2 files it had stored were removed again. Free some space and import again.`,
        },
      });
      expect(await filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('stops a dropped file’s upload with "the disk is full" at the chunk that did not fit, and leaves nothing behind', async () => {
    const full = await fullFolder(code);
    try {
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(full.root, 'store'));
      const size = 2 * 1024 * 1024;
      const { uploadId } = valueOf<UploadStarted>(await bridge.dispatch('files:upload-begin', APP_SENDER, { name: 'siem-export.bin', size, modifiedAt: null, path: '' }));
      let failure: unknown = null;
      for (let offset = 0; offset < size && failure === null; offset += 64 * 1024) {
        const sent = await bridge.dispatch('files:upload-chunk', APP_SENDER, { uploadId, offset, bytes: randomBytes(64 * 1024) });
        if (!sent.ok) failure = sent.error;
      }
      const said = { code: 'io-error', message: 'The disk is full: "siem-export.bin" could not be stored. Nothing was stored; free some space and add it again.' };
      expect(failure).toEqual(said);
      expect(await bridge.dispatch('files:upload-finish', APP_SENDER, { uploadId })).toEqual({ ok: false, error: said });
      await expect.poll(() => filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('refuses "Attach files…" with "the disk is full" and stores nothing', async () => {
    const full = await fullFolder(code);
    try {
      const source = join(dir, `attach-${code}.bin`);
      await writeFile(source, randomBytes(1024 * 1024));
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(full.root, 'store'));
      bridge.answerFileDialog([source]);
      expect(valueOf<FileImportResult>(await bridge.dispatch('files:import', APP_SENDER, {}))).toEqual({
        files: [],
        failures: [{ name: `attach-${code}.bin`, path: source, message: `The disk is full: "attach-${code}.bin" could not be stored. Nothing was stored; free some space and attach it again.` }],
      });
      expect(await filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('keeps a capture open when saving it finds the disk full, and stores nothing', async () => {
    const full = await fullFolder(code);
    try {
      // Noise does not compress: a 640 × 400 capture is far larger than the limit.
      const noise = new PNG({ width: 640, height: 400 });
      noise.data = randomBytes(640 * 400 * 4);
      for (let i = 3; i < noise.data.length; i += 4) noise.data[i] = 255;
      const screen = PNG.sync.write(noise);
      const display = { id: 'screen', name: 'screen', width: 640, height: 400, x: 0, y: 0, primary: true };
      const bridge = await createBridgeHarness(
        APP_ORIGIN,
        { store: createEvidenceStore(join(full.root, 'store')), capturer: { listDisplays: async () => [display], capturePng: async () => ({ png: screen, display }) } },
        join(full.root, 'unused'),
      );
      const { token } = valueOf<PendingCapture>(await bridge.dispatch('capture:screen', APP_SENDER, { displayId: null, delayMs: 0 }));
      const stamp = PNG.sync.write(Object.assign(new PNG({ width: MIN_STAMP_WIDTH, height: 20 }), { data: Buffer.alloc(MIN_STAMP_WIDTH * 20 * 4, 255) }));
      expect(await bridge.dispatch('capture:save', APP_SENDER, { token, crop: null, redactions: [], stamp })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full, so the capture could not be saved. Free some space and save again; the capture is still open.' },
      });
      expect(await filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('stops an export with "the disk is full" and leaves no partial file', async () => {
    const full = await fullFolder(code);
    try {
      const staging = createTextStaging(join(dir, `staging-export-${code}`));
      const bridge = await createBridgeHarness(APP_ORIGIN, { store: sample.store, staging }, join(dir, `unused-${code}`));
      const big = await sample.store.put(randomBytes(1024 * 1024));
      const { plan } = await signPlan(sampleWithFile(sample, big), staging);
      bridge.answerSaveDialog(join(full.root, 'bundle.zip'));
      expect(await bridge.dispatch('bundle:export', APP_SENDER, { exportId: randomUUID(), plan })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full: the bundle could not be written. Nothing was left behind; free some space and export again.' },
      });
      expect(await filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('stops preparing a generated bag file with "the disk is full" and keeps no part of it', async () => {
    const full = await fullFolder(code, 64 * 1024);
    try {
      const staging = createTextStaging(join(full.root, 'staging'));
      const bridge = await createBridgeHarness(APP_ORIGIN, { staging }, join(dir, `unused-stage-${code}`));
      const stageId = randomUUID();
      const chunk = new TextEncoder().encode('x'.repeat(48 * 1024));
      valueOf(await bridge.dispatch('bundle:stage', APP_SENDER, { stageId, offset: 0, bytes: chunk, last: false }));
      expect(await bridge.dispatch('bundle:stage', APP_SENDER, { stageId, offset: chunk.length, bytes: chunk, last: true })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full: the bundle could not be prepared. Free some space and export again.' },
      });
      expect(await filesUnder(full.root)).toEqual([]);
    } finally {
      full.lift();
    }
  });

  it('refuses to save a key card with "the disk is full" and leaves no cut-off card', async () => {
    const full = await fullFolder(code, 1024);
    try {
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(dir, `unused-card-${code}`));
      const card = join(full.root, 'dana-key-card.html');
      const html = `<!doctype html><p>${'k'.repeat(4096)}</p>`;
      bridge.answerKeyCardDialog(card);
      expect(await bridge.dispatch('keycard:save', APP_SENDER, { suggestedName: 'dana-key-card.html', html })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full, so the key card could not be saved. Free some space and try again.' },
      });
      expect(await readdir(full.root)).toEqual([]);
      // With room again, the same save writes the whole card.
      full.lift();
      bridge.answerKeyCardDialog(card);
      expect(valueOf(await bridge.dispatch('keycard:save', APP_SENDER, { suggestedName: 'dana-key-card.html', html }))).toEqual({ status: 'written', path: card });
      expect(await readFile(card, 'utf8')).toBe(html);
    } finally {
      full.lift();
    }
  });

  it('stops purging unused bytes with "the disk is full" when its log cannot be written, removing nothing it did not record', async () => {
    const full = await fullFolder(code, 1024 * 1024);
    const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(full.root, 'store'));
    const { sha256 } = await bridge.store.put(Buffer.from('bytes of a deleted audit'));
    const lift = limitWrites(full.root, 0, code);
    try {
      expect(await bridge.dispatch('evidence:purge', APP_SENDER, { candidates: [sha256], referenced: [], reason: 'audit deleted' })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full, so the unused evidence files could not all be removed. Free some space and try again.' },
      });
      // Still there, as the (unwritten) log says: bytes nothing refers to are harmless, a removal nobody recorded is not.
      expect(await bridge.store.has(sha256)).toBe(true);
    } finally {
      lift();
      full.lift();
    }
  });

  it('refuses to prepare the built-in sample audit with "the disk is full" and leaves no temporary folder', async () => {
    const full = await fullFolder(code, 16 * 1024);
    const savedTmp = process.env['TMPDIR'];
    try {
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(dir, `unused-sample-${code}`));
      // The sample is built in the system's temporary folder: here, one that is nearly full.
      process.env['TMPDIR'] = full.root;
      expect(await bridge.dispatch('sample:open', APP_SENDER, { trusted: [] })).toEqual({
        ok: false,
        error: { code: 'io-error', message: 'The disk is full, so the sample audit could not be prepared. Free some space and try again.' },
      });
      expect(await readdir(full.root)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
      full.lift();
    }
  });
});

describe('an import that cannot take back what it stored', () => {
  it('says exactly which stored files stay, referenced by nothing', async () => {
    const full = await fullFolder('ENOSPC');
    // Removing them fails as when another program holds them open.
    const unstick = refuseRemovals(join(full.root, 'store', 'sha256'), 'EBUSY');
    try {
      const bridge = await createBridgeHarness(APP_ORIGIN, {}, join(full.root, 'store'));
      bridge.answerImportDialog(zip);
      const inspected = valueOf<BundleInspection>(await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [] }));
      if (inspected.status !== 'inspected') throw new Error('not inspected');
      const [first, second] = files;
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: inspected.token, files, confirmedExporter: sample.keys.fingerprint })).toEqual({
        ok: false,
        error: {
          code: 'io-error',
          message:
            `The disk is full: the import stopped at ${large.path} (file 3 of 3). Nothing was added. 2 stored files could not be removed and stay in the evidence store, ` +
            `referenced by nothing: ${first?.sha256}, ${second?.sha256}. Free some space and import again.`,
        },
      });
      // They are there, as said; and once they can be removed, nothing else is.
      unstick();
      expect((await filesUnder(join(full.root, 'store'))).map((p) => p.split('/').at(-1)).sort()).toEqual([first?.sha256, second?.sha256].sort());
    } finally {
      unstick();
      full.lift();
    }
  });
});

describe('the limited folder itself', () => {
  it('fails the write that does not fit with the code asked for, and lets everything before it through', async () => {
    const full = await fullFolder('EDQUOT', 10);
    try {
      const { open } = await import('node:fs/promises');
      const handle = await open(join(full.root, 'f'), 'w');
      try {
        await handle.write(Buffer.from('12345678'));
        await expect(handle.write(Buffer.from('abc'))).rejects.toMatchObject({ code: 'EDQUOT', syscall: 'write' });
      } finally {
        await handle.close();
      }
      expect(createHash('sha256').update(await readFile(join(full.root, 'f'))).digest('hex')).toBe(createHash('sha256').update('12345678').digest('hex'));
      await mkdir(join(full.root, 'sub'));
    } finally {
      full.lift();
    }
  });
});
