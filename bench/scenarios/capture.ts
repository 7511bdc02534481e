import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runSubject, summarize, timeCommand, type Measurement } from '../lib/measure';
import type { Scenario } from '../lib/table';

const COUNT = 15;
const WIDTH = 1920;
const HEIGHT = 1080;

/** Its own Xvfb, on a display number no one else is likely to use, painted with a blend. */
async function startDisplay(): Promise<{ display: string; stop: () => void }> {
  const display = `:${90 + (process.pid % 100)}`;
  const server: ChildProcess = spawn('Xvfb', [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp', '-noreset'], { stdio: 'ignore' });
  const env = { ...process.env, DISPLAY: display };
  for (let i = 0; i < 100; i += 1) {
    if (spawnSync('xrandr', ['--current'], { env, stdio: 'ignore' }).status === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // A screen of varied pixels, as real screens are (a black one is refused as blank).
  const file = join(process.env['TMPDIR'] ?? '/tmp', `bench-root-${process.pid}.png`);
  spawnSync('convert', ['-size', `${WIDTH}x${HEIGHT}`, 'xc:', '-sparse-color', 'Bilinear', `0,0 #ff8000 ${WIDTH - 1},0 #0040ff 0,${HEIGHT - 1} #20c040 ${WIDTH - 1},${HEIGHT - 1} #ffffff`, '-depth', '8', file]);
  spawnSync('display', ['-window', 'root', file], { env, stdio: 'ignore' });
  await rm(file, { force: true });
  return { display, stop: () => void server.kill('SIGTERM') };
}

/**
 * Issue #15: capture → stored, 15 captures of a 1920 × 1080 screen through main's handlers
 * (capture, then the editor's save: stamped image and raw capture both stored), against a bare
 * `import -window root png:-` of the same display 15 times. Target: ≤ 1.0× its time.
 */
export const captureScenario: Scenario = {
  id: 'capture',
  title: `Capture → stored, ${COUNT} captures of a ${WIDTH} × ${HEIGHT} screen`,
  async run(ctx) {
    const { display, stop } = await startDisplay();
    const env = { ...process.env, DISPLAY: display };
    const storeRoot = join(ctx.workDir, 'store');
    const subject: (Measurement & { extra: Record<string, unknown> })[] = [];
    const baseline: Measurement[] = [];
    try {
      for (let i = 0; i < ctx.runs; i += 1) {
        await rm(storeRoot, { recursive: true, force: true });
        subject.push(await runSubject(new URL('../subjects/captureStored.ts', import.meta.url).pathname, [storeRoot, String(COUNT)], { env }));
        baseline.push(await timeCommand('sh', ['-c', `i=0; while [ $i -lt ${COUNT} ]; do import -silent -window root png:- > /dev/null; i=$((i+1)); done`], { env }));
        ctx.log(`run ${i + 1}: capture → stored ${subject.at(-1)?.seconds.toFixed(2)} s, import ${baseline.at(-1)?.seconds.toFixed(2)} s`);
      }
    } finally {
      stop();
      await rm(storeRoot, { recursive: true, force: true });
    }
    const s = summarize(subject);
    const b = summarize(baseline);
    const ratio = s.seconds / b.seconds;
    const toEditor = subject.map((r) => Number(r.extra['toEditorMs'])).sort((x, y) => x - y)[Math.floor(subject.length / 2)] ?? Number.NaN;
    const each = (seconds: number): string => `${((seconds * 1000) / COUNT).toFixed(0)} ms each`;
    return [
      {
        scenario: 'capture',
        subject: `capture → stored ×${COUNT}`,
        subjectFigure: each(s.seconds),
        baseline: 'import -window root png:-',
        baselineFigure: each(b.seconds),
        ratio,
        peakRssMiB: s.peakRssMiB,
        target: '≤ 1.0× the time of import',
        met: ratio <= 1.0,
      },
      {
        scenario: 'capture',
        subject: 'shortcut → editor (capture ready)',
        subjectFigure: `${toEditor.toFixed(0)} ms`,
        baseline: '—',
        baselineFigure: '—',
        ratio: null,
        peakRssMiB: null,
        target: 'reported',
        met: null,
      },
    ];
  },
};
