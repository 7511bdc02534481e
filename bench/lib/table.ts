/**
 * One row of `npm run bench`'s table (issue #15): a subject measured against a baseline run
 * interleaved with it in the same run, and the target the ratio is judged by.
 */
export interface BenchRow {
  readonly scenario: string;
  readonly subject: string;
  /** What the subject achieved, in the row's own unit ("412 MiB/s", "83 ms"). */
  readonly subjectFigure: string;
  readonly baseline: string;
  readonly baselineFigure: string;
  /** subject ÷ baseline as the target states it (throughput ratio, or time ratio). */
  readonly ratio: number | null;
  readonly peakRssMiB: number | null;
  /** The target in words, e.g. "≥ 0.9× zip -0 -r, RSS < 150 MB". */
  readonly target: string;
  /** null where the row is informational only. */
  readonly met: boolean | null;
}

export interface Scenario {
  /** Short id used to select scenarios: `npm run bench -- export verify`. */
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** A scratch directory of this run, removed afterwards. */
  readonly workDir: string;
  /** Runs per measurement (medians of these), from BENCH_RUNS, default 3. */
  readonly runs: number;
  /** Seed of every generated corpus, from BENCH_SEED, default 1: the same corpus each run. */
  readonly seed: number;
  log(message: string): void;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length));

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['scenario', 'subject', 'figure', 'baseline', 'figure', 'ratio', 'peak RSS', 'target', 'met'];
  const cells = rows.map((r) => [
    r.scenario,
    r.subject,
    r.subjectFigure,
    r.baseline,
    r.baselineFigure,
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.peakRssMiB === null ? '—' : `${r.peakRssMiB.toFixed(0)} MiB`,
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max([...h].length, ...cells.map((c) => [...(c[i] ?? '')].length)));
  const line = (c: readonly string[]): string => `| ${c.map((v, i) => pad(v, widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** A small deterministic PRNG (mulberry32): corpora are the same for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
