import { spawn } from 'node:child_process';

/**
 * How the bench measures: wall time and peak RSS of one run, subject or baseline. Every run is
 * its own process, so peak RSS is that run's alone (a process's high-water mark never drops).
 */
export interface Measurement {
  readonly seconds: number;
  /** Peak resident set of the measured process, MiB. */
  readonly peakRssMiB: number;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command under GNU time (`apt-get install time`), which reports the child's own
 * maximum RSS: the right baseline figure for `zip`, `openssl`, `import`, `cp`.
 */
export async function timeCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '@@BENCH %M', command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`${command} exited ${code}: ${err.slice(-500)}`))));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const match = /@@BENCH (\d+)/.exec(stderr);
  return { seconds, peakRssMiB: match ? Number(match[1]) / 1024 : Number.NaN };
}

/**
 * Runs a TypeScript subject (bench/subjects/*.ts) in its own Node process through tsx. The
 * subject times its own work and prints one JSON line `{"seconds": n}` last; its peak RSS is
 * read from GNU time, so tsx's start-up is in the memory figure but not in the time.
 */
export async function runSubject(script: string, args: readonly string[], options: CommandOptions = {}): Promise<Measurement & { readonly extra: Record<string, unknown> }> {
  const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
  let stdout = '';
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '@@BENCH %M', tsx, script, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`))));
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  const parsed = JSON.parse(last) as { seconds: number } & Record<string, unknown>;
  const match = /@@BENCH (\d+)/.exec(stderr);
  const { seconds, ...extra } = parsed;
  return { seconds, peakRssMiB: match ? Number(match[1]) / 1024 : Number.NaN, extra };
}

/** Subjects call this last: the one line runSubject reads. */
export function reportSubject(seconds: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ seconds, ...extra })}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Subject and baseline alternate (s, b, s, b, …) so that load from other processes on this
 * shared machine falls on both; the ratio of medians is what a row reports.
 */
export async function interleave(
  runs: number,
  subject: () => Promise<Measurement>,
  baseline: () => Promise<Measurement>,
): Promise<{ subject: Measurement[]; baseline: Measurement[] }> {
  const s: Measurement[] = [];
  const b: Measurement[] = [];
  for (let i = 0; i < runs; i += 1) {
    s.push(await subject());
    b.push(await baseline());
  }
  return { subject: s, baseline: b };
}

export const summarize = (runs: readonly Measurement[]): Measurement => ({
  seconds: median(runs.map((r) => r.seconds)),
  peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
});
