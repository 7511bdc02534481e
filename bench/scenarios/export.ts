import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MiB } from '../lib/corpus';
import { prepareExportDraft } from '../lib/exportCorpus';
import { interleave, runSubject, summarize, timeCommand } from '../lib/measure';
import type { BenchRow, Scenario } from '../lib/table';

const SIZES = [
  { count: 2_000, bytes: 1024 * MiB, label: '2,000 files / 1 GiB' },
  { count: 6_000, bytes: 3 * 1024 * MiB, label: '6,000 files / 3 GiB' },
] as const;

/**
 * Issue #15: main's export (stage the generated files, write the ZIP, every byte re-hashed,
 * fsynced) against `zip -0 -r` of the same stored files, at two sizes, so that the two peak
 * RSS figures show whether memory grows with the item count.
 */
export const exportScenario: Scenario = {
  id: 'export',
  title: 'Export a bundle (2,000 files / 1 GiB and 6,000 / 3 GiB)',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const peaks: number[] = [];
    for (const size of SIZES) {
      const root = join(ctx.workDir, `store-${size.count}`);
      const draftDir = join(ctx.workDir, `draft-${size.count}`);
      ctx.log(`writing the seeded corpus and planning its bundle: ${size.label}`);
      await prepareExportDraft(root, draftDir, size.count, size.bytes, ctx.seed);
      const out = join(ctx.workDir, 'out.zip');
      const baselineOut = join(ctx.workDir, 'baseline.zip');
      const { subject, baseline } = await interleave(
        ctx.runs,
        async () => {
          await rm(out, { force: true });
          const result = await runSubject(new URL('../subjects/exportBundle.ts', import.meta.url).pathname, [root, draftDir, out]);
          await rm(out, { force: true });
          return result;
        },
        async () => {
          await rm(baselineOut, { force: true });
          const result = await timeCommand('zip', ['-0', '-r', '-q', baselineOut, 'sha256'], { cwd: root });
          await rm(baselineOut, { force: true });
          return result;
        },
      );
      await rm(root, { recursive: true, force: true });
      const s = summarize(subject);
      const b = summarize(baseline);
      const rate = (seconds: number): string => `${(size.bytes / MiB / seconds).toFixed(0)} MiB/s`;
      const ratio = b.seconds / s.seconds;
      peaks.push(s.peakRssMiB);
      rows.push({
        scenario: 'export',
        subject: `export ${size.label}`,
        subjectFigure: rate(s.seconds),
        baseline: 'zip -0 -r',
        baselineFigure: rate(b.seconds),
        ratio,
        peakRssMiB: s.peakRssMiB,
        target: '≥ 0.9× zip -0 -r, RSS < 150 MB',
        met: ratio >= 0.9 && s.peakRssMiB * 1.048576 < 150,
      });
    }
    const growth = Math.abs((peaks[1] ?? 0) - (peaks[0] ?? 0)) * 1.048576;
    rows.push({
      scenario: 'export',
      subject: 'peak RSS growth, 2,000 → 6,000 files',
      subjectFigure: `${growth.toFixed(1)} MB`,
      baseline: '—',
      baselineFigure: '—',
      ratio: null,
      peakRssMiB: null,
      target: 'within 20 MB (flat)',
      met: growth <= 20,
    });
    return rows;
  },
};
