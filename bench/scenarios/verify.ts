import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MiB } from '../lib/corpus';
import { prepareExportDraft } from '../lib/exportCorpus';
import { interleave, runSubject, summarize, timeCommand } from '../lib/measure';
import type { Scenario } from '../lib/table';

/**
 * Issue #15: `evidence-locker verify` of a 1 GiB bundle (2,000 files) against
 * `openssl dgst -sha256` of the same file, which reads and hashes every byte once.
 */
export const verifyScenario: Scenario = {
  id: 'verify',
  title: 'Verify a 1 GiB bundle (2,000 files)',
  async run(ctx) {
    const root = join(ctx.workDir, 'store');
    const draftDir = join(ctx.workDir, 'draft');
    const zip = join(ctx.workDir, 'bundle.zip');
    ctx.log('writing the seeded corpus and exporting its bundle');
    await prepareExportDraft(root, draftDir, 2_000, 1024 * MiB, ctx.seed);
    await runSubject(new URL('../subjects/exportBundle.ts', import.meta.url).pathname, [root, draftDir, zip]);
    await rm(root, { recursive: true, force: true });
    const { size } = await stat(zip);
    const { subject, baseline } = await interleave(
      ctx.runs,
      () => runSubject(new URL('../subjects/verifyBundle.ts', import.meta.url).pathname, [zip]),
      () => timeCommand('openssl', ['dgst', '-sha256', zip]),
    );
    const s = summarize(subject);
    const b = summarize(baseline);
    const rate = (seconds: number): string => `${(size / MiB / seconds).toFixed(0)} MiB/s`;
    const ratio = b.seconds / s.seconds;
    return [
      {
        scenario: 'verify',
        subject: 'verify 1 GiB bundle, 2,000 files',
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
