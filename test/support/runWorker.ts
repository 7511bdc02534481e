import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

/**
 * Runs a TypeScript worker in its own Node process, so a test can kill it for real
 * (SIGKILL: no finally blocks, no cleanup). The worker is bundled with rolldown (Vite's
 * bundler) into one ES module; packages stay external and load from node_modules.
 */
export async function startWorker(entry: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<{ child: ChildProcess; lines: string[]; waitFor: (line: string) => Promise<void> }> {
  // Inside the project, so the worker's bare imports resolve from its node_modules.
  await mkdir(resolve('node_modules/.cache'), { recursive: true });
  const outDir = await mkdtemp(resolve('node_modules/.cache/worker-'));
  await build({
    input: resolve(entry),
    platform: 'node',
    external: (id) => builtinModules.includes(id.replace(/^node:/, '')) || id.startsWith('node:') || !/^[./]/.test(id) && !id.startsWith(resolve('.')),
    output: { dir: outDir, format: 'esm', entryFileNames: 'worker.mjs' },
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, [...nodeArgs, join(outDir, 'worker.mjs'), ...args], { cwd: resolve('.'), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { line: string; done: () => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.line === line)) w.done();
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const waitFor = (line: string): Promise<void> =>
    lines.includes(line)
      ? Promise.resolve()
      : new Promise((done, fail) => {
          waiters.push({ line, done });
          child.once('exit', (code) => fail(new Error(`worker exited (${String(code)}) before "${line}": ${stderr.slice(0, 2000)}`)));
        });
  return { child, lines, waitFor };
}
