import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, type BenchRow } from './lib/table';
import { SCENARIOS } from './scenarios/index';

/**
 * `npm run bench [-- <scenario id>…]`: runs the selected scenarios (all by default) and prints
 * one table of subject vs baseline ratios. Not part of `npm test`: timings on this shared
 * machine are only meaningful as ratios against a baseline measured in the same run.
 */
async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
    return 2;
  }
  const selected = wanted.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => wanted.includes(s.id));
  const workDir = await mkdtemp(join(tmpdir(), 'el-bench-'));
  const rows: BenchRow[] = [];
  try {
    for (const scenario of selected) {
      process.stderr.write(`\n== ${scenario.title}\n`);
      rows.push(
        ...(await scenario.run({
          workDir: await mkdtemp(join(workDir, `${scenario.id}-`)),
          runs: Number(process.env['BENCH_RUNS'] ?? 3),
          seed: Number(process.env['BENCH_SEED'] ?? 1),
          log: (message) => process.stderr.write(`   ${message}\n`),
        })),
      );
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);
  return rows.some((r) => r.met === false) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
