import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingDirOf } from '../../../electron/main/bundle/staging';
import { createTempLedger, sweepLeftovers } from '../../../electron/main/sweep';
import { startWorker } from '../../support/runWorker';

/**
 * Issue #14, "Litter": a killed export's hidden .partial was removed only by a later export to
 * the same name, and "Use the built-in sample audit" left its temporary folder behind. The
 * start-up sweep clears our own leftovers older than the run, and nothing else.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sweep-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const anHourAgo = (): Date => new Date(Date.now() - 3_600_000);

async function waitUntil(condition: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the start-up sweep', () => {
  it('removes the .partial of an export killed midway through the app, and only that', async () => {
    const out = join(dir, 'exports');
    await mkdir(out);
    const ledger = join(dir, 'ledger');
    const target = join(out, 'acme.zip');
    // Someone else's files in the same folder, one even named like ours but not hidden.
    await writeFile(join(out, 'notes.partial'), 'mine');
    await writeFile(join(out, 'acme.zip.1.partial'), 'mine too');
    const worker = await startWorker('test/support/workers/killedExport.ts', [target, join(dir, 'export-store'), ledger, '384']);
    await worker.waitFor('EXPORTING');
    const partial = async (): Promise<string | undefined> => (await readdir(out)).find((n) => n.startsWith('.acme.zip.') && n.endsWith('.partial'));
    await waitUntil(async () => {
      const name = await partial();
      return name !== undefined && (await stat(join(out, name))).size > 4 * 1024 * 1024;
    }, 'the export to be under way');
    worker.child.kill('SIGKILL');
    await new Promise((r) => worker.child.once('exit', r));
    expect(worker.lines).not.toContain('DONE');
    const left = await partial();
    if (!left) throw new Error('the killed export left no .partial');
    expect(await readdir(ledger)).toHaveLength(1);

    // The generated files staged for it stay too: nothing will ever export them now.
    const staging = stagingDirOf(join(dir, 'export-store'));
    const staged = await readdir(staging);
    expect(staged.length).toBeGreaterThan(3);

    // The next start, a moment later.
    const removed = await sweepLeftovers({ ledgerDir: ledger, tmpDir: join(dir, 'no-tmp'), startedAt: Date.now() + 1, stagingDir: staging });
    expect(removed.sort()).toEqual([join(out, left), ...staged.map((n) => join(staging, n))].sort());
    expect((await readdir(out)).sort()).toEqual(['acme.zip.1.partial', 'notes.partial']);
    expect(await readdir(ledger)).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
  }, 120_000);

  it('removes our temporary folders from before this run, and leaves newer ones and anything not ours', async () => {
    const tmp = await mkdtemp(join(dir, 'tmp-'));
    const ours = ['evidence-locker-sample-Ab12Cd', 'evidence-locker-sample-store-x9Y8z7'];
    const notOurs = ['evidence-locker-notes', 'evidence-locker-sample-toolongname', 'my-evidence-locker-sample-Ab12Cd'];
    for (const name of [...ours, ...notOurs]) {
      await mkdir(join(tmp, name, 'store'), { recursive: true });
      await writeFile(join(tmp, name, 'sample-audit.zip'), 'zip');
    }
    // A file with our folder name is not one of our folders.
    await writeFile(join(tmp, 'evidence-locker-sample-Fi1e00'), 'a file');
    const current = 'evidence-locker-sample-Nw0000';
    await mkdir(join(tmp, current));
    for (const name of [...ours, ...notOurs, 'evidence-locker-sample-Fi1e00']) await utimes(join(tmp, name), anHourAgo(), anHourAgo());

    const startedAt = Date.now() - 60_000;
    const removed = await sweepLeftovers({ ledgerDir: join(dir, 'no-ledger'), tmpDir: tmp, startedAt });
    expect(removed.sort()).toEqual(ours.map((n) => join(tmp, n)).sort());
    expect((await readdir(tmp)).sort()).toEqual([...notOurs, 'evidence-locker-sample-Fi1e00', current].sort());
  });

  it('keeps a temporary file newer than the run, and drops ledger entries it cannot trust', async () => {
    const out = await mkdtemp(join(dir, 'out-'));
    const ledger = join(dir, 'ledger-2');
    const forget = await createTempLedger(ledger).note({ dir: out, prefix: '.b.zip.', suffix: '.partial' });
    await writeFile(join(out, '.b.zip.0b7e.partial'), 'being written right now');
    // Damaged or hostile entries: not hidden, no suffix, not JSON.
    await writeFile(join(ledger, 'bad-1.json'), JSON.stringify({ dir: out, prefix: '', suffix: '' }));
    await writeFile(join(ledger, 'bad-2.json'), JSON.stringify({ dir: '/', prefix: 'etc', suffix: 'd' }));
    await writeFile(join(ledger, 'bad-3.json'), '{not json');
    await writeFile(join(out, 'keep.txt'), 'x');
    await utimes(join(out, 'keep.txt'), anHourAgo(), anHourAgo());

    // A file this run is staging for its export right now.
    const staging = await mkdtemp(join(dir, 'staging-'));
    await writeFile(join(staging, 'a1b2.part'), 'BagIt-Version: 1.0');

    expect(await sweepLeftovers({ ledgerDir: ledger, tmpDir: join(dir, 'no-tmp'), startedAt: Date.now() - 60_000, stagingDir: staging })).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['.b.zip.0b7e.partial', 'keep.txt']);
    expect(await readdir(staging)).toEqual(['a1b2.part']);
    expect(await readdir(ledger)).toEqual([]);
    await forget();
  });

  it('has nothing to find after `evidence-locker sample-bundle`, which removes its scratch store itself', async () => {
    const { main } = await import('../../../electron/cli/main');
    const ours = async (): Promise<string[]> => (await readdir(tmpdir())).filter((n) => n.startsWith('evidence-locker-sample-store-'));
    const before = await ours();
    const out: string[] = [];
    const sink = { write: (text: string) => void out.push(text) };
    expect(await main(['sample-bundle', join(dir, 'sample.zip')], sink, sink)).toBe(0);
    expect(out.join('')).toMatch(/^Wrote /);
    expect(await ours()).toEqual(before);
  });
});
