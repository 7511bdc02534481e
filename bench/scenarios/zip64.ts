import { execFile } from 'node:child_process';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runSubject, timeCommand } from '../lib/measure';
import type { BenchRow, Scenario } from '../lib/table';

const run = promisify(execFile);
const GiB = 1024 * 1024 * 1024;
/** Past 4 GiB, where a ZIP needs ZIP64 sizes and offsets. */
const BIG = Math.round(4.25 * GiB);

/**
 * Issue #15: a bundle over 4 GiB is written, not refused, and every reader takes it. Not a
 * test (it writes 4.25 GiB and reads it four times, about a minute here), so it lives in the
 * bench: an evidence file of 4.25 GiB between two small generated files, so that one entry's
 * size and the next one's offset both need ZIP64. The evidence file is sparse (zeros cost the
 * disk nothing to hold); the bundle is written for real, every byte hashed and fsynced.
 */
export const zip64Scenario: Scenario = {
  id: 'zip64',
  title: 'A bundle over 4 GiB (ZIP64), read back by four readers',
  async run(ctx) {
    const root = join(ctx.workDir, 'store');
    const draftDir = join(ctx.workDir, 'draft');
    const zip = join(ctx.workDir, 'big.zip');
    await mkdir(draftDir, { recursive: true });

    ctx.log(`hashing a sparse ${(BIG / GiB).toFixed(2)} GiB evidence file`);
    const sparse = join(ctx.workDir, 'zeros.bin');
    const handle = await open(sparse, 'w');
    await handle.truncate(BIG);
    await handle.close();
    const { stdout } = await run('sha256sum', [sparse], { maxBuffer: 1024 * 1024 });
    const sha256 = stdout.slice(0, 64);
    const stored = join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    await mkdir(dirname(stored), { recursive: true });
    await run('mv', [sparse, stored]);

    await writeFile(join(draftDir, 'before.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    await writeFile(join(draftDir, 'after.txt'), 'written after the 4 GiB mark: its offset needs ZIP64\n'.repeat(100));
    await writeFile(
      join(draftDir, 'draft.json'),
      JSON.stringify({
        bagName: 'zip64-bench',
        generatedAt: '2026-12-07T12:00:00.000Z',
        entries: [
          { kind: 'generated', path: 'bagit.txt', file: 'before.txt' },
          { kind: 'blob', path: 'data/evidence/zeros.bin', sha256, size: BIG, compress: false },
          { kind: 'generated', path: 'data/after.txt', file: 'after.txt' },
        ],
      }),
    );

    ctx.log('writing the bundle');
    const written = await runSubject(new URL('../subjects/exportBundle.ts', import.meta.url).pathname, [root, draftDir, zip]);
    const { size } = await stat(zip);
    await rm(root, { recursive: true, force: true });

    // Each reader reads every byte (CRC-32 checked); ours also checks the structure strictly.
    const readers: { name: string; check: () => Promise<string | null> }[] = [
      {
        name: 'our reader (as verify hashes)',
        check: async () => {
          const read = await runSubject(new URL('../subjects/readZip.ts', import.meta.url).pathname, [zip]);
          const problems = read.extra['problems'] as string[];
          const hashes = read.extra['hashes'] as Record<string, string>;
          if (problems.length > 0) return problems.join('; ');
          return hashes['zip64-bench/data/evidence/zeros.bin'] === sha256 ? null : `the evidence file reads back as ${JSON.stringify(hashes)}`;
        },
      },
      { name: 'unzip -t', check: () => exitsZero('unzip', ['-tq', zip]) },
      // `python3 -m zipfile -t` prints a bad CRC but still exits 0: testzip() is asked directly.
      { name: 'Python zipfile', check: () => exitsZero('python3', ['-c', 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)', zip]) },
      { name: 'bsdtar', check: () => exitsZero('sh', ['-c', 'bsdtar -xOf "$1" >/dev/null', 'sh', zip]) },
    ];
    const failures: string[] = [];
    for (const reader of readers) {
      ctx.log(`reading it back: ${reader.name}`);
      const problem = await reader.check().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (problem !== null) failures.push(`${reader.name}: ${problem.slice(0, 300)}`);
    }
    for (const failure of failures) ctx.log(`NOT READ: ${failure}`);
    await rm(zip, { force: true });

    // How long the same bytes take to cross the disk, for scale.
    ctx.log('timing dd of 4.25 GiB of zeros to the disk, fsynced, for scale');
    const ddOut = join(ctx.workDir, 'dd.bin');
    const dd = await timeCommand('dd', ['if=/dev/zero', `of=${ddOut}`, 'bs=4M', `count=${Math.ceil(BIG / (4 * 1024 * 1024))}`, 'conv=fsync', 'status=none']);
    await rm(ddOut, { force: true });

    const row: BenchRow = {
      scenario: 'zip64',
      subject: `export ${(size / GiB).toFixed(2)} GiB bundle, 3 entries`,
      subjectFigure: `${(BIG / 1024 / 1024 / written.seconds).toFixed(0)} MiB/s`,
      baseline: 'dd conv=fsync',
      baselineFigure: `${(BIG / 1024 / 1024 / dd.seconds).toFixed(0)} MiB/s`,
      ratio: dd.seconds / written.seconds,
      peakRssMiB: written.peakRssMiB,
      target: 'written; read by our reader, unzip, Python, bsdtar',
      met: size > 4 * GiB && failures.length === 0,
    };
    return [row];
  },
};

async function exitsZero(command: string, args: readonly string[]): Promise<string | null> {
  try {
    await run(command, [...args], { maxBuffer: 16 * 1024 * 1024 });
    return null;
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    return `${failed.message} ${failed.stdout ?? ''} ${failed.stderr ?? ''}`.trim();
  }
}
