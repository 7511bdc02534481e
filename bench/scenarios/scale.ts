import { spawnSync } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { appAssetResponse } from '../../electron/main/appProtocol';
import { startAppServer } from '../../test/support/appServer';
import { createBridgeHarness } from '../../test/support/bridgeHarness';
import { launchInstance } from '../../test/support/chromium';
import { median } from '../lib/measure';
import type { BenchRow, Scenario } from '../lib/table';
import { ACTIONS, AUDIT_LIST_READY, heapMiB, type Action, type Measured, type Side } from '../scale/actions';
import { bundlePageScript } from '../scale/bundle';
import { startProfile, stopProfile } from '../scale/profile';
import { BENCH_PORT, cacheDir, ensureSeed, type SeededInstallation } from '../scale/seeding';

/** Issue #12 measures at 1280 px, the narrowest window the screens are laid out for. */
const VIEWPORT = { width: 1280, height: 800 } as const;
const LONG_TASK_LIMIT_MS = 50;
const DOM_LIMIT = 5000;

interface Summary {
  readonly action: Action;
  readonly scale: readonly Measured[];
  readonly baseline: readonly Measured[];
  readonly error: string | null;
}

function figureOf(action: Action, m: Measured): number {
  if (action.figure === 'ms') return m.ms;
  if (action.figure === 'afterBridge') return m.afterBridgeMs ?? Number.NaN;
  return m.measures[action.figure.measure] ?? Number.NaN;
}
const ms = (n: number): string => (Number.isNaN(n) ? '—' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n).toLocaleString('en-US')} ms`);
const maxOf = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : Math.max(...values));

async function openSide(name: Side['name'], seeded: SeededInstallation, dir: string, scripts: readonly string[], origin: string, log: (m: string) => void): Promise<Side> {
  const harness = await createBridgeHarness(origin, {}, join(dir, 'store'));
  const launch = async (): Promise<Pick<Side, 'page' | 'cdp'> & { close: () => Promise<void> }> => {
    const { context, page } = await launchInstance(origin, harness, join(dir, 'profile'), { viewport: VIEWPORT, initScripts: scripts });
    // A screen that throws never becomes ready: say why instead of only timing out.
    page.on('pageerror', (error) => log(`${name}: page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') log(`${name}: console error: ${message.text().slice(0, 300)}`);
    });
    return { page, cdp: await context.newCDPSession(page), close: () => context.close() };
  };
  let current = await launch();
  const scratch = join(dir, 'scratch');
  await mkdir(scratch, { recursive: true });
  const side: Side = {
    name,
    page: current.page,
    cdp: current.cdp,
    harness,
    seeded,
    scratch,
    async relaunch() {
      await current.close();
      current = await launch();
      side.page = current.page;
      side.cdp = current.cdp;
    },
    close: () => current.close(),
  };
  // The first open upgrades a database seeded by an older schema: not part of any figure.
  await side.page.evaluate(() => (globalThis as unknown as { __benchColdStart: Promise<unknown> }).__benchColdStart);
  return side;
}

/** `BENCH_PROFILE=<dir>`: a CPU profile of each run of each action on the scale side (not cold starts, which relaunch). */
const PROFILE_DIR = process.env['BENCH_PROFILE'] ? resolve(process.env['BENCH_PROFILE']) : null;

async function measureSide(side: Side, action: Action, run: number): Promise<Measured[]> {
  const profiling = PROFILE_DIR !== null && side.name === 'scale' && action.id !== 'cold';
  if (profiling) await startProfile(side.cdp);
  const samples = await action.measure(side, run);
  if (profiling) await stopProfile(side.cdp, PROFILE_DIR, `${action.id}-${run + 1}`);
  const heap = await heapMiB(side.cdp);
  return samples.map((s) => ({ ...s, heapMiB: heap }));
}

function markdown(summaries: readonly Summary[]): string {
  const lines = [
    '| action | median | max | longest task | long tasks | DOM nodes | JS heap | baseline median |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { action, scale, baseline, error } of summaries) {
    if (error !== null) {
      lines.push(`| ${action.label} | failed: ${error.slice(0, 120)} | | | | | | |`);
      continue;
    }
    const values = scale.map((m) => figureOf(action, m));
    lines.push(
      `| ${action.label} | ${ms(median(values))} | ${ms(maxOf(values))} | ${ms(maxOf(scale.map((m) => m.longestTaskMs)))} | ${maxOf(scale.map((m) => m.longTasks))} | ${maxOf(
        scale.map((m) => m.domNodes),
      ).toLocaleString('en-US')} | ${maxOf(scale.map((m) => m.heapMiB)).toFixed(0)} MiB | ${ms(median(baseline.map((m) => figureOf(action, m))))} |`,
    );
  }
  return lines.join('\n');
}

function rowOf({ action, scale, baseline, error }: Summary): BenchRow {
  if (error !== null) {
    return { scenario: 'scale', subject: action.label, subjectFigure: 'failed', baseline: '12-item audit', baselineFigure: '—', ratio: null, peakRssMiB: null, target: '', met: false };
  }
  const s = median(scale.map((m) => figureOf(action, m)));
  const b = median(baseline.map((m) => figureOf(action, m)));
  const longest = maxOf(scale.map((m) => m.longestTaskMs));
  const nodes = maxOf(scale.map((m) => m.domNodes));
  return {
    scenario: 'scale',
    subject: action.label,
    subjectFigure: `${ms(s)} (max ${ms(maxOf(scale.map((m) => figureOf(action, m))))}), task ${ms(longest)}, ${nodes.toLocaleString('en-US')} nodes`,
    baseline: '12-item audit',
    baselineFigure: ms(b),
    ratio: s / b,
    peakRssMiB: maxOf(scale.map((m) => m.heapMiB)),
    target: `${Number.isFinite(action.targetMs) ? `< ${ms(action.targetMs)}, ` : ''}tasks ≤ ${LONG_TASK_LIMIT_MS} ms, < ${DOM_LIMIT.toLocaleString('en-US')} nodes`,
    met: s < action.targetMs && longest <= LONG_TASK_LIMIT_MS && nodes < DOM_LIMIT,
  };
}

/**
 * Issue #12: every screen of a seeded 10,000-item installation, timed in Chromium against the
 * same screen of a 12-item audit, runs interleaved. `BENCH_SCALE=control,attach` picks actions;
 * the peak RSS column holds the renderer's JS heap after the action.
 */
export const scaleScenario: Scenario = {
  id: 'scale',
  title: 'A year of evidence: every screen at 10,000 items (issue #12)',
  async run(ctx) {
    if (process.env['BENCH_NO_BUILD'] !== '1') {
      ctx.log('building the renderer');
      const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    const info = await ensureSeed(ctx.seed, (m) => ctx.log(m));
    for (const name of ['scale', 'baseline'] as const) await cp(join(cacheDir(ctx.seed), name), join(ctx.workDir, name), { recursive: true });

    const probeScript = await bundlePageScript(resolve('bench/scale/page/probe.ts'));
    const arm = `if (location.protocol === 'http:' && location.pathname === '/index.html') globalThis.__benchColdStart = globalThis.__benchProbe.load(${JSON.stringify(AUDIT_LIST_READY)}, 60000);`;
    const root = resolve('out/renderer');
    // main's own app:// answer for every file, on the fixed port the seeded profile's origin has.
    const server = await startAppServer(() => (url) => appAssetResponse(root, url), BENCH_PORT);
    const wanted = (process.env['BENCH_SCALE'] ?? '').split(',').filter(Boolean);
    const actions = wanted.length === 0 ? ACTIONS : ACTIONS.filter((a) => wanted.includes(a.id));
    const summaries: Summary[] = [];
    const sides: Side[] = [];
    try {
      ctx.log('opening both installations (a seeded older schema is upgraded here)');
      const scale = await openSide('scale', info.scale, join(ctx.workDir, 'scale'), [probeScript, arm], server.origin, (m) => ctx.log(m));
      sides.push(scale);
      const baseline = await openSide('baseline', info.baseline, join(ctx.workDir, 'baseline'), [probeScript, arm], server.origin, (m) => ctx.log(m));
      sides.push(baseline);
      for (const action of actions) {
        const s: Measured[] = [];
        const b: Measured[] = [];
        let error: string | null = null;
        for (let run = 0; run < ctx.runs && error === null; run += 1) {
          try {
            s.push(...(await measureSide(scale, action, run)));
            b.push(...(await measureSide(baseline, action, run)));
            const last = s[s.length - 1];
            if (last) {
              const marks = Object.entries(last.measures).map(([name, d]) => `${name} ${ms(d)}, longest task in it ${ms(last.measureLongestTaskMs[name] ?? Number.NaN)}`);
              ctx.log(
                `${action.id} run ${run + 1}: ${ms(figureOf(action, last))}, longest task ${ms(last.longestTaskMs)}, ${last.domNodes} nodes, heap ${last.heapMiB.toFixed(0)} MiB${marks.length > 0 ? ` (${marks.join('; ')})` : ''}`,
              );
            }
          } catch (caught) {
            error = caught instanceof Error ? caught.message.split('\n')[0] ?? 'error' : String(caught);
            ctx.log(`${action.id} failed: ${error}`);
            await scale.relaunch();
            await baseline.relaunch();
          }
        }
        summaries.push({ action, scale: s, baseline: b, error });
      }
    } finally {
      for (const side of sides) await side.close();
      await server.close();
    }
    const table = markdown(summaries);
    ctx.log(`\n${table}\n`);
    await writeFile(join(cacheDir(ctx.seed), 'last-run.md'), `${table}\n`);
    return summaries.map(rowOf);
  },
};
