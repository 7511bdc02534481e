import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { compileFunction } from 'node:vm';

/**
 * Runs a built CommonJS file (out/main/index.cjs, out/preload/index.cjs) as Electron would, with
 * `require('electron')` answered by a stand-in. The real `electron` package must never load
 * here: without its binary, requiring it tries to download one.
 *
 * - main: CommonJS with Node's require for everything else; its own chunks (./chunks/…) are
 *   loaded the same way, fresh for each call, so two instances of main share no module state.
 * - preload, sandboxed: Electron's sandbox wraps the file in (require, process, Buffer, global,
 *   …) with a require that knows only a handful of modules and no __dirname; a preload that
 *   needs more fails here as it would in the app.
 */
export type Runtime = 'main' | 'sandboxed-preload';

/** What a sandboxed preload may require besides 'electron' (Electron's docs, "Process Sandboxing"). */
const SANDBOX_MODULES = new Set(['events', 'timers', 'url']);

export function loadBuilt(file: string, electron: unknown, runtime: Runtime): unknown {
  const root = dirname(resolve(file));
  const cache = new Map<string, { exports: unknown }>();

  const load = (path: string): unknown => {
    const cached = cache.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(path, module);
    const source = readFileSync(path, 'utf8');
    const nodeRequire = createRequire(path);
    const require = (id: string): unknown => {
      if (id === 'electron') return electron;
      if (runtime === 'sandboxed-preload') {
        if (SANDBOX_MODULES.has(id)) return nodeRequire(id);
        throw new Error(`module not found: ${id} (a sandboxed preload can require only 'electron' and ${[...SANDBOX_MODULES].join(', ')})`);
      }
      if (id.startsWith('./') || id.startsWith('../')) {
        const target = resolve(dirname(path), id);
        // Only the build's own files go through this loader; they are where 'electron' is required.
        if (target.startsWith(root + sep) || dirname(target) === root) return load(target);
      }
      return nodeRequire(id);
    };
    if (runtime === 'sandboxed-preload') {
      const run = compileFunction(source, ['require', 'process', 'Buffer', 'global', 'setImmediate', 'clearImmediate', 'exports', 'module'], {
        filename: path,
      }) as (...args: unknown[]) => void;
      run(require, process, Buffer, globalThis, setImmediate, clearImmediate, module.exports, module);
    } else {
      const run = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: path }) as (...args: unknown[]) => void;
      run(module.exports, require, module, path, dirname(path));
    }
    return module.exports;
  };

  return load(resolve(file));
}
