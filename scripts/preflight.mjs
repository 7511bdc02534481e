#!/usr/bin/env node
// Checks, before anything is built or tested, that this machine has what the command needs:
// the Node.js that package.json's engines names, and for `npm test` / `npm run bench` the
// system tools the tests drive (Chromium, an X server, ImageMagick, zip, openssl, …).
// Where it can install missing tools (root or passwordless sudo, with apt), it does and says
// so, as `playwright install --with-deps` does; otherwise it prints the one command to run
// and exits before any test starts.
//
// Plain JavaScript on purpose: it must run on any Node a newcomer has, before `npm install`
// has built anything, and say clearly when that Node is too old.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses ">=22.12.0" (the only form our engines field uses) into [22, 12, 0]. */
export function minimumOf(range) {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`package.json engines.node should read ">=X.Y.Z", not ${JSON.stringify(range)}`);
  return match.slice(1).map(Number);
}

export function isAtLeast(version, minimum) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i];
  }
  return true;
}

export function requiredNode() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
}

/** null when this Node is recent enough, else the message that says what to do. */
export function nodeProblem(version = process.versions.node, range = requiredNode()) {
  const minimum = minimumOf(range);
  if (isAtLeast(version, minimum)) return null;
  return [
    `Evidence Locker needs Node.js ${minimum.join('.')} or newer; this is Node.js ${version.replace(/^v/, '')}.`,
    `(Electron ${electronVersion()}'s installer and electron-builder require it.)`,
    `Install Node.js ${minimum[0]} LTS from https://nodejs.org/en/download (or: nvm install ${minimum[0]}),`,
    'then run `npm install` and this command again.',
  ].join('\n');
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

function onPath(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

const hasDisplay = () => Boolean(process.env.DISPLAY) && spawnSync('xrandr', ['--current'], { stdio: 'ignore' }).status === 0;

/**
 * What `npm test` drives, each with the Debian package that provides it. `needed` is false
 * where the tool is only required in some setups (xauth when there is no X display).
 */
export function testRequirements(env = process.env) {
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const display = hasDisplay();
  return [
    { what: `Chromium (${chromium})`, pkg: 'chromium', ok: () => existsSync(chromium), needed: true },
    // Xvfb always: each e2e worker starts its own display (test/e2e/fixtures.ts); xvfb-run only without one.
    { what: display ? 'Xvfb (a display for each e2e worker)' : 'Xvfb and xvfb-run (no X display here)', pkg: 'xvfb', ok: () => onPath('Xvfb') && (display || onPath('xvfb-run')), needed: true },
    { what: 'xauth (used by xvfb-run)', pkg: 'xauth', ok: () => onPath('xauth'), needed: !display },
    { what: 'xrandr (lists displays for capture)', pkg: 'x11-xserver-utils', ok: () => onPath('xrandr'), needed: true },
    { what: 'ImageMagick import (captures the screen)', pkg: 'imagemagick', ok: () => onPath('import') && onPath('convert'), needed: true },
    {
      what: 'Liberation fonts (screenshots render as they do in CI)',
      pkg: 'fonts-liberation',
      ok: () => existsSync('/usr/share/fonts/truetype/liberation'),
      needed: true,
    },
    { what: 'zip (builds hostile test bundles)', pkg: 'zip', ok: () => onPath('zip'), needed: true },
    { what: 'unzip (bundles are checked with it)', pkg: 'unzip', ok: () => onPath('unzip'), needed: true },
    { what: 'openssl (signatures are checked with it)', pkg: 'openssl', ok: () => onPath('openssl'), needed: true },
    { what: 'git (the team locker is tested against real bare repositories)', pkg: 'git', ok: () => onPath('git'), needed: true },
    { what: 'python3 (crafts hostile ZIPs, reads bundles)', pkg: 'python3', ok: () => onPath('python3'), needed: true },
    // Debian's own python3, not whatever python3 is first on PATH: the package installs there.
    {
      what: "PyICU (look-alike refs are checked against ICU's UTS #39 skeletons)",
      pkg: 'python3-icu',
      ok: () => spawnSync('/usr/bin/python3', ['-c', 'import icu'], { stdio: 'ignore' }).status === 0,
      needed: true,
    },
    // The streaming extractors: they read local headers only, as an auditor's `jar x <` does.
    { what: 'bsdtar (reads bundles from a pipe)', pkg: 'libarchive-tools', ok: () => onPath('bsdtar'), needed: true },
    { what: 'jar (Java ZipInputStream, reads bundles from stdin)', pkg: 'default-jdk-headless', ok: () => onPath('jar'), needed: true },
  ];
}

/** `npm run bench` needs what the tests need, plus GNU time for peak RSS. */
export function benchRequirements(env = process.env) {
  return [...testRequirements(env), { what: 'GNU time (/usr/bin/time, measures peak RSS)', pkg: 'time', ok: () => existsSync('/usr/bin/time'), needed: true }];
}

function canInstall() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo'];
  return null;
}

/**
 * Returns 0 when everything is there (after installing it if it could), else 1 with the one
 * command printed.
 */
export function ensureTools(requirements, label) {
  const missing = requirements.filter((r) => r.needed && !r.ok());
  if (missing.length === 0) return 0;
  const packages = [...new Set(missing.map((r) => r.pkg))];
  const list = missing.map((r) => `  - ${r.what}`).join('\n');
  const prefix = canInstall();
  if (prefix) {
    process.stderr.write(`${label}: this machine lacks\n${list}\n${label}: installing ${packages.join(' ')} with apt-get${prefix.length ? ' (sudo)' : ''}…\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => spawnSync(prefix[0] ?? args[0], prefix.length ? args : args.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
    if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])) {
      process.stderr.write(`${label}: apt-get could not install them (see above).\n`);
      return 1;
    }
    const still = missing.filter((r) => !r.ok());
    if (still.length === 0) return 0;
    process.stderr.write(`${label}: still missing after apt-get:\n${still.map((r) => `  - ${r.what}`).join('\n')}\n`);
    return 1;
  }
  const command = process.platform === 'linux' && onPath('apt-get') ? `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}` : null;
  process.stderr.write(
    command
      ? `${label}: this machine lacks\n${list}\nInstall them with:\n\n  ${command}\n\nthen run the command again. Nothing was run.\n`
      : `${label}: this machine lacks\n${list}\nThe tests run on Linux with these Debian/Ubuntu packages: ${packages.join(' ')}. Nothing was run.\n`,
  );
  return 1;
}

function main(argv) {
  const [what] = argv;
  const problem = nodeProblem();
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  if (what === 'node') return 0;
  if (what === 'test') return ensureTools(testRequirements(), 'npm test');
  if (what === 'bench') return ensureTools(benchRequirements(), 'npm run bench');
  process.stderr.write('usage: node scripts/preflight.mjs node|test|bench\n');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
