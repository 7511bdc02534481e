#!/usr/bin/env node
// `npm start`: makes sure the Electron binary is there, then builds and launches the app.
//
// Electron 45 no longer downloads its binary when it is installed: the electron package
// fetches it on first `require` (or through its `install-electron` bin). electron-vite's
// `preview` never requires it; it reads node_modules/electron/path.txt, finds nothing and
// throws "Electron uninstall". So this runs the package's own installer first, with its
// progress shown, and where the download fails says what happened and what to do.
//
//   node scripts/start.mjs                  fetch Electron if needed, build, launch
//   node scripts/start.mjs --prepare-only   only fetch Electron (or check ELECTRON_EXEC_PATH)
//   node scripts/start.mjs --dev            the same, then `electron-vite dev` (npm run dev)
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeProblem } from './preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => process.stderr.write(`${text}\n`);

function electronPackageDir() {
  return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
}

/** The executable the electron package's own installer would have put in place, if it did. */
function installedElectron(dir) {
  try {
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8');
    const version = readFileSync(join(dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const wanted = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const executable = join(dir, 'dist', relative);
    return version === wanted && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const proxyOf = (env) => env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
const mirrorOf = (env) => env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? null;

/** The URL the electron package's installer fetches (its default layout, vX.Y.Z/electron-…zip). */
export function artifactUrl(version, env = process.env, platform = process.platform, arch = process.arch) {
  const base = mirrorOf(env) ?? DEFAULT_MIRROR;
  return new URL(`v${version}/electron-v${version}-${platform}-${arch}.zip`, base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * Asks the download host ourselves what went wrong: the installer prints Node's "fetch failed"
 * and keeps the reason (ENOTFOUND, ECONNREFUSED, a 404) out of sight.
 */
export async function probe(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    return { status: response.status };
  } catch (error) {
    const code = error?.cause?.code ?? error?.code ?? error?.name ?? 'unknown';
    return { error: String(code) };
  }
}

/** What the download failure means, from the probe of the host it came from. */
export function explainDownloadFailure(result, env = process.env) {
  const mirror = mirrorOf(env);
  const source = mirror ? `the mirror ${mirror}` : 'GitHub (github.com/electron/electron/releases)';
  const proxy = proxyOf(env);
  let cause;
  if (result.error === 'ENOTFOUND' || result.error === 'EAI_AGAIN') cause = `the host could not be found: this machine looks offline, or its DNS cannot resolve ${source}`;
  else if (result.error === 'TimeoutError' || result.error === 'UND_ERR_CONNECT_TIMEOUT' || result.error === 'ETIMEDOUT') cause = `${source} did not answer in time`;
  else if (result.error) cause = `the connection to ${source}${proxy ? ` (through the proxy ${proxy})` : ''} failed (${result.error})`;
  else if (result.status === 404) cause = `${source} has no Electron build for this version and platform (HTTP 404)`;
  else if (result.status >= 400) cause = `${source} answered HTTP ${result.status}`;
  else cause = `${source} is reachable, but the installer failed (its output is above: a checksum mismatch, a full disk, a folder it cannot write?)`;
  return [
    '',
    `Electron could not be downloaded: ${cause}.`,
    'What to do:',
    '  - Offline: connect to the internet and run `npm start` again (the download happens once).',
    '  - Behind a proxy: set HTTPS_PROXY (and NO_PROXY) in the environment; `npm start` passes them',
    '    to the download. Example: HTTPS_PROXY=http://proxy.example:3128 npm start',
    '  - Through a mirror: ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    '  - With an Electron you already have (same major version):',
    '    ELECTRON_EXEC_PATH=/path/to/electron npm start',
    '',
  ].join('\n');
}

/**
 * Runs the electron package's installer (its `install-electron` bin) attached to this terminal,
 * so its own progress bar shows.
 */
async function downloadElectron(dir) {
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  say(`Electron ${version} is not downloaded yet: fetching it once with the electron package's installer…`);
  const env = { ...process.env };
  // Node's fetch ignores HTTP(S)_PROXY unless told to (Node ≥ 22.21 / 24).
  if (proxyOf(env)) env.NODE_USE_ENV_PROXY ??= '1';
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { env, stdio: 'inherit' });
  const executable = result.status === 0 ? installedElectron(dir) : null;
  if (executable) {
    say(`Electron ${version} is ready: ${executable}`);
    return executable;
  }
  say(explainDownloadFailure(await probe(artifactUrl(version)), process.env));
  return null;
}

async function ensureElectron() {
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    if (isExecutableFile(override)) return override;
    say(`ELECTRON_EXEC_PATH is set to ${override}, which is not an executable file. Point it at an Electron binary, or unset it to download Electron.`);
    return null;
  }
  const dir = electronPackageDir();
  return installedElectron(dir) ?? downloadElectron(dir);
}

async function main() {
  const problem = nodeProblem();
  if (problem) {
    say(problem);
    return 1;
  }
  const electron = await ensureElectron();
  if (!electron) return 1;
  if (process.argv.includes('--prepare-only')) return 0;
  // electron-vite builds main, preload and renderer into out/, then launches `electron .`,
  // whose package.json "main" is out/main/index.cjs. It reads ELECTRON_EXEC_PATH first.
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, process.argv.includes('--dev') ? 'dev' : 'preview'], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: electron } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => {
    process.exitCode = code;
  });
}
