import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MiB, writeSeededFile } from '../lib/corpus';
import { runSubject, summarize, timeCommand, type Measurement } from '../lib/measure';
import type { BenchRow, Scenario } from '../lib/table';

const SIZE = 1024 * MiB;

/**
 * Issue #15: storing a file into the evidence store (as "Attach files…" does) against
 * `openssl dgst -sha256` of it, the target's baseline, which reads and hashes but writes
 * nothing. The store also writes every byte and fsyncs it, so `cp` + `sync` of the same file
 * runs interleaved too: how fast this disk takes 1 GiB at that moment (informational).
 */
export const storeScenario: Scenario = {
  id: 'store',
  title: 'Store a 1 GiB file (dialog, drop, bundle import)',
  async run(ctx) {
    const file = join(ctx.workDir, 'input.bin');
    ctx.log('writing the seeded 1 GiB input');
    await writeSeededFile(file, SIZE, ctx.seed);
    const storeRoot = join(ctx.workDir, 'store');
    const copy = join(ctx.workDir, 'copy.bin');
    const subject: Measurement[] = [];
    const openssl: Measurement[] = [];
    const cp: Measurement[] = [];
    // Interleaved (s, openssl, cp, s, …) so load from other processes falls on all three.
    for (let i = 0; i < ctx.runs; i += 1) {
      await rm(storeRoot, { recursive: true, force: true });
      subject.push(await runSubject(new URL('../subjects/storeFile.ts', import.meta.url).pathname, [file, storeRoot]));
      openssl.push(await timeCommand('openssl', ['dgst', '-sha256', file]));
      await rm(copy, { force: true });
      cp.push(await timeCommand('sh', ['-c', 'cp "$1" "$2" && sync "$2"', 'sh', file, copy]));
      ctx.log(`run ${i + 1}: store ${subject.at(-1)?.seconds.toFixed(2)} s, openssl ${openssl.at(-1)?.seconds.toFixed(2)} s, cp + sync ${cp.at(-1)?.seconds.toFixed(2)} s`);
    }
    await rm(storeRoot, { recursive: true, force: true });
    await rm(copy, { force: true });
    const s = summarize(subject);
    const rate = (seconds: number): string => `${(SIZE / MiB / seconds).toFixed(0)} MiB/s`;
    const row = (baseline: string, b: Measurement, target: string, met: (ratio: number) => boolean | null): BenchRow => {
      const ratio = b.seconds / s.seconds;
      return { scenario: 'store', subject: 'importFile 1 GiB', subjectFigure: rate(s.seconds), baseline, baselineFigure: rate(b.seconds), ratio, peakRssMiB: s.peakRssMiB, target, met: met(ratio) };
    };
    return [
      row('openssl dgst -sha256', summarize(openssl), '≥ 0.8× openssl, flat memory', (ratio) => ratio >= 0.8),
      row('cp + sync', summarize(cp), 'the disk, for reference', () => null),
    ];
  },
};
