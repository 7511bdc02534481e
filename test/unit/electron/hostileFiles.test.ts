import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { importFile } from '../../../electron/main/bridge/files';
import { buildSampleAudit, signAndWrite } from '../../../electron/main/bundle/sample';
import { openBundleFile } from '../../../electron/main/bundle/bundleFile';
import { verifyBundle } from '../../../electron/main/bundle/verify';
import { createEvidenceStore } from '../../../electron/main/store';
import type { FileImportResult } from '../../../shared/bridge/contract';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';
import { startWorker } from '../../support/runWorker';

/**
 * Issue #14: "a FIFO hangs both `verify` and 'Attach files…'". Every entry point that opens a
 * user-chosen path is given a named pipe, a device and a socket, and must answer at once with
 * what the file is; a file whose reads never answer (a real one, on a FUSE mount that stalls)
 * must fail after the stall timeout. Every call runs under a deadline that fails the test
 * instead of hanging it, and the process's descriptors are counted before and after.
 */
const APP = APP_SENDER;
const openFds = (): number => readdirSync('/proc/self/fd').length;

/** Fails (rather than hangs) when `work` has not settled within `ms`. */
async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not return within ${ms} ms: it hangs`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-files-'));
  const sample = await buildSampleAudit(join(dir, 'sample-store'));
  bundle = join(dir, 'good.zip');
  await signAndWrite(sample, bundle);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a named pipe, a device or a socket chosen as a file', () => {
  let bridge: BridgeHarness;
  let fifo: string;
  let socketServer: Server;
  let socket: string;

  beforeEach(async () => {
    bridge = await createBridgeHarness(APP_ORIGIN);
    const here = await mkdtemp(join(dir, 'case-'));
    fifo = join(here, 'pipe.zip');
    execFileSync('mkfifo', [fifo]);
    socket = join(here, 'agent.sock');
    socketServer = createServer();
    await new Promise<void>((resolve) => socketServer.listen(socket, resolve));
  });
  afterEach(async () => {
    // Had anything opened the pipe for reading and blocked, a writer lets it go, so a failing
    // test cannot leave the worker stuck.
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it, as it should be.
    }
    await new Promise((resolve) => socketServer.close(resolve));
    await rm(bridge.store.root, { recursive: true, force: true });
  });

  const storedNothing = async (): Promise<void> => {
    const entries = await readdir(bridge.store.root, { recursive: true, withFileTypes: true }).catch(() => []);
    expect(entries.filter((e) => e.isFile()).map((e) => e.name)).toEqual([]);
  };

  it('"Attach files…" names each one at once, stores nothing and leaves no descriptor open', async () => {
    const before = openFds();
    bridge.answerFileDialog([fifo, '/dev/zero', socket]);
    const result = valueOf<FileImportResult>(await within(5_000, bridge.dispatch('files:import', APP, {}), 'files:import'));
    expect(result).toEqual({
      files: [],
      failures: [
        { name: 'pipe.zip', path: fifo, message: '"pipe.zip" is a named pipe (FIFO), not a regular file, so it was not read. Nothing was stored.' },
        { name: 'zero', path: '/dev/zero', message: '"zero" is a character device, not a regular file, so it was not read. Nothing was stored.' },
        { name: 'agent.sock', path: socket, message: '"agent.sock" is a socket or a device, not a file. Nothing was stored.' },
      ],
    });
    await storedNothing();
    await expect.poll(openFds).toBe(before);
  });

  it('bundle import names the pipe instead of verifying it, and so does the sample of a device', async () => {
    const before = openFds();
    bridge.answerImportDialog(fifo);
    expect(await within(5_000, bridge.dispatch('bundle:inspect', APP, { trusted: [] }), 'bundle:inspect')).toEqual({
      ok: false,
      error: { code: 'io-error', message: '"pipe.zip" is a named pipe (FIFO), not a regular file, so it was not read.' },
    });
    bridge.answerImportDialog('/dev/zero');
    expect(await within(5_000, bridge.dispatch('bundle:inspect', APP, { trusted: [] }), 'bundle:inspect')).toMatchObject({
      ok: false,
      error: { code: 'io-error', message: '"zero" is a character device, not a regular file, so it was not read.' },
    });
    await expect.poll(openFds).toBe(before);
  });

  it('`evidence-locker verify` reports the pipe and the device by name and exits 1', async () => {
    const { main } = await import('../../../electron/cli/main');
    const before = openFds();
    for (const [path, what] of [
      [fifo, '"pipe.zip" is a named pipe (FIFO), not a regular file, so it was not read.'],
      ['/dev/zero', '"zero" is a character device, not a regular file, so it was not read.'],
    ] as const) {
      const out: string[] = [];
      const sink = { write: (text: string) => void out.push(text) };
      expect(await within(5_000, main(['verify', path], sink, sink), `verify ${path}`)).toBe(1);
      expect(out.join('')).toContain(`FAIL  Bag folder: not a readable ZIP: ${what}`);
    }
    await expect.poll(openFds).toBe(before);
  });

  it('`evidence-locker verify --trust` names a pipe or a device given as a key card, and stops', async () => {
    const { main } = await import('../../../electron/cli/main');
    const before = openFds();
    for (const [path, what] of [
      [fifo, '"pipe.zip" is a named pipe (FIFO), not a regular file, so it was not read.'],
      ['/dev/zero', '"zero" is a character device, not a regular file, so it was not read.'],
    ] as const) {
      const err: string[] = [];
      const code = await within(5_000, main(['verify', bundle, '--trust', path], { write: () => {} }, { write: (text) => void err.push(text) }), `verify --trust ${path}`);
      expect(code).toBe(2);
      expect(err.join('')).toBe(`evidence-locker: --trust ${path}: ${what}\n`);
    }
    await expect.poll(openFds).toBe(before);
  });
});

/**
 * A regular file whose reads never answer, as on a hung network drive: a FUSE file system
 * (test/support/workers/stalledFuse.ts) that answers lookups and opens but never a read, or
 * never an open. Mounting needs root, as the full-disk tests do.
 */
describe('a file whose reads never answer', () => {
  async function mountStalled(mode: 'read' | 'open'): Promise<{ file: string; stop: () => Promise<void> }> {
    const mountPoint = await mkdtemp(join(dir, `fuse-${mode}-`));
    const worker = await startWorker('test/support/workers/stalledFuse.ts', [mountPoint, mode]);
    try {
      await worker.waitFor('READY');
    } catch (error) {
      throw new Error('The stalled-file tests mount a FUSE file system and need root and /dev/fuse (CI runs as root).', { cause: error });
    }
    return {
      file: join(mountPoint, 'stalled.zip'),
      stop: async () => {
        // Killing the file system fails the waiting requests (ENOTCONN); then it can be unmounted.
        worker.child.kill('SIGKILL');
        await new Promise((resolve) => worker.child.once('exit', resolve));
        execFileSync('umount', ['-l', mountPoint]);
      },
    };
  }

  it('stops storing it after the stall timeout, names it, and releases everything once the drive goes', async () => {
    const before = openFds();
    const fuse = await mountStalled('read');
    const root = join(dir, 'stall-store');
    await mkdir(root);
    const store = createEvidenceStore(root);
    try {
      const started = performance.now();
      await expect(within(10_000, importFile(store, fuse.file, () => {}, undefined, { stallTimeoutMs: 500 }), 'importFile')).rejects.toThrow(
        '"stalled.zip" did not answer for 0.5 s while it was being read (a disconnected network drive or device?). Nothing was stored.',
      );
      expect(performance.now() - started).toBeLessThan(5_000);
      // Nothing half-stored: the temporary file is closed and removed at once.
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
      expect(await readdir(join(root, 'sha256')).catch(() => [])).toEqual([]);

      // Verifying it as a bundle has the same deadline: the strict reader reads through the safe open.
      const report = await within(10_000, verifyBundle(fuse.file, { openFile: (p) => openBundleFile(p, { stallTimeoutMs: 500 }) }), 'verifyBundle');
      expect(report.report.verdict).toBe('fail');
      expect(report.report.problems).toEqual([
        'not a readable ZIP: "stalled.zip" did not answer for 0.5 s while it was being read (a disconnected network drive or device?).',
      ]);
    } finally {
      await fuse.stop();
    }
    // The reads the kernel was still waiting on fail now, and their descriptors close.
    await expect.poll(openFds, { timeout: 10_000 }).toBe(before);
  }, 60_000);

  it('gives up on an open that never answers, through "Attach files…"', async () => {
    const before = openFds();
    const fuse = await mountStalled('open');
    const bridge = await createBridgeHarness(APP_ORIGIN, { stallTimeoutMs: 500 });
    try {
      bridge.answerFileDialog([fuse.file]);
      const result = valueOf<FileImportResult>(await within(10_000, bridge.dispatch('files:import', APP, {}), 'files:import'));
      expect(result.failures).toEqual([
        {
          name: 'stalled.zip',
          path: fuse.file,
          message: '"stalled.zip" did not answer for 0.5 s while it was being opened (a disconnected network drive or device?). Nothing was stored.',
        },
      ]);
    } finally {
      await fuse.stop();
      await rm(bridge.store.root, { recursive: true, force: true });
    }
    await expect.poll(openFds, { timeout: 10_000 }).toBe(before);
  }, 60_000);
});
