import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAtLeast, minimumOf, nodeProblem, requiredNode } from '../../../scripts/preflight.mjs';

const root = resolve(import.meta.dirname, '../../..');
const preflight = join(root, 'scripts/preflight.mjs');
const isRoot = process.getuid?.() === 0;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

describe('the Node.js requirement', () => {
  it('is one version, read from package.json engines, that Electron and electron-builder accept', () => {
    const range = requiredNode();
    expect(range).toBe(packageJson.engines.node);
    const electronRange = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    // Ours may be stricter than Electron's installer, never looser.
    expect(isAtLeast(minimumOf(range).join('.'), minimumOf(electronRange))).toBe(true);
  });

  it('compares versions part by part', () => {
    expect(isAtLeast('22.12.0', [22, 12, 0])).toBe(true);
    expect(isAtLeast('v22.12.1', [22, 12, 0])).toBe(true);
    expect(isAtLeast('23.0.0', [22, 12, 0])).toBe(true);
    expect(isAtLeast('22.11.9', [22, 12, 0])).toBe(false);
    expect(isAtLeast('20.20.2', [22, 12, 0])).toBe(false);
    expect(isAtLeast('22.9.0', [22, 12, 0])).toBe(false);
  });

  it('refuses an older Node with what to install, and accepts this one', () => {
    const message = nodeProblem('20.20.2', '>=22.12.0');
    expect(message).toContain('needs Node.js 22.12.0 or newer; this is Node.js 20.20.2');
    expect(message).toContain('https://nodejs.org');
    expect(nodeProblem('22.12.0', '>=22.12.0')).toBeNull();
    expect(nodeProblem()).toBeNull();
  });

  it('rejects an engines field it cannot read rather than guessing', () => {
    expect(() => minimumOf('^22')).toThrow(/should read ">=X.Y.Z"/);
  });
});

/**
 * A PATH holding only `node` and the given stand-ins, so every tool the tests need is missing
 * (CHROMIUM_PATH points nowhere, and there is no DISPLAY).
 */
function barePath(standIns: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-path-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  for (const [name, script] of Object.entries(standIns)) {
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  chmodSync(dir, 0o755);
  return dir;
}

function runPreflight(path: string, options: { asNobody?: boolean } = {}) {
  return spawnSync(join(path, 'node'), [preflight, 'test'], {
    encoding: 'utf8',
    env: { PATH: path, CHROMIUM_PATH: '/nonexistent/chromium', HOME: tmpdir() },
    ...(options.asNobody && isRoot ? { uid: 65534, gid: 65534 } : {}),
  });
}

describe('npm test checks the system tools before any test starts', () => {
  it('prints the one apt-get command to run when it cannot install, and exits non-zero', () => {
    const path = barePath({ 'apt-get': '#!/bin/sh\nexit 0\n' });
    const result = runPreflight(path, { asNobody: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('this machine lacks');
    expect(result.stderr).toMatch(/sudo apt-get install -y --no-install-recommends chromium xvfb xauth x11-xserver-utils imagemagick( fonts-liberation)? zip unzip openssl git python3/);
    expect(result.stderr).toContain('Nothing was run.');
  });

  it('installs with apt-get where it may (root, or passwordless sudo), saying so, then checks again', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'preflight-log-')), 'calls');
    const apt = `#!/bin/sh\necho "apt-get $*" >> ${log}\nexit 0\n`;
    // Not root: a passwordless sudo that runs its command stands in for the real one.
    const sudo = `#!/bin/sh\n[ "$1" = -n ] && shift\necho "sudo $1" >> ${log}\nexec "$@"\n`;
    const path = barePath(isRoot ? { 'apt-get': apt } : { 'apt-get': apt, sudo });
    const result = runPreflight(path);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('apt-get update -qq');
    expect(calls).toMatch(/apt-get install -y -qq --no-install-recommends chromium xvfb xauth x11-xserver-utils imagemagick/);
    expect(result.stderr).toMatch(/installing chromium .* with apt-get/);
    // The stand-in installed nothing, so the second look still finds them missing.
    expect(result.stderr).toContain('still missing after apt-get');
    expect(result.status).toBe(1);
  });

  it('is what `npm test` runs first: with tools missing, no test starts', () => {
    const path = barePath({ 'apt-get': '#!/bin/sh\nexit 0\n' });
    const script = packageJson.scripts['test'] ?? '';
    expect(script.startsWith('node scripts/preflight.mjs test && ')).toBe(true);
    const result = spawnSync('/bin/sh', ['-c', script], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: path, CHROMIUM_PATH: '/nonexistent/chromium', HOME: tmpdir() },
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('sudo apt-get install');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/vitest|typecheck|tsc/);
  });
});
