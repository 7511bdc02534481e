import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MiB, writeSeededFile } from '../lib/corpus';
import { interleave, runSubject, summarize, timeCommand } from '../lib/measure';
import type { Scenario } from '../lib/table';

const SIZE = 1024 * MiB;

/** Issue #15: storing a file into the evidence store against `openssl dgst -sha256` of it. */
export const storeScenario: Scenario = {
  id: 'store',
  title: 'Store a 1 GiB file (dialog, drop, bundle import)',
  async run(ctx) {
    const file = join(ctx.workDir, 'input.bin');
    ctx.log('writing the seeded 1 GiB input');
    await writeSeededFile(file, SIZE, ctx.seed);
    const storeRoot = join(ctx.workDir, 'store');
    const { subject, baseline } = await interleave(
      ctx.runs,
      async () => {
        await rm(storeRoot, { recursive: true, force: true });
        return runSubject(new URL('../subjects/storeFile.ts', import.meta.url).pathname, [file, storeRoot]);
      },
      () => timeCommand('openssl', ['dgst', '-sha256', file]),
    );
    const s = summarize(subject);
    const b = summarize(baseline);
    const rate = (seconds: number): string => `${(SIZE / MiB / seconds).toFixed(0)} MiB/s`;
    const ratio = b.seconds / s.seconds;
    return [
      {
        scenario: 'store',
        subject: 'store.put 1 GiB',
        subjectFigure: rate(s.seconds),
        baseline: 'openssl dgst -sha256',
        baselineFigure: rate(b.seconds),
        ratio,
        peakRssMiB: s.peakRssMiB,
        target: '≥ 0.8× openssl, flat memory',
        met: ratio >= 0.8,
      },
    ];
  },
};
