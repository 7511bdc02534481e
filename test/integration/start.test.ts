import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's first command, `npm start`, as a newcomer runs it: Electron's binary is
 * fetched by the electron package's own installer when missing, the app is built, and the
 * built main is what Electron is launched on. No real Electron can be downloaded here, so the
 * download is served by a local mirror and the binary is a stand-in that records how it was
 * started.
 */

const root = resolve(import.meta.dirname, '../..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const electronVersion = readJson<{ version: string }>(join(root, 'node_modules/electron/package.json')).version;

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

/** An executable that records its arguments and working directory as JSON, then exits. */
function standInElectron(dir: string): { path: string; record: string } {
  const record = join(dir, 'launched.json');
  const path = join(dir, 'electron');
  writeFileSync(
    path,
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));\n`,
  );
  chmodSync(path, 0o755);
  return { path, record };
}

const cleanEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env = { ...process.env, ...extra };
  delete env['ELECTRON_EXEC_PATH'];
  delete env['ELECTRON_MIRROR'];
  for (const key of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) delete env[key];
  return { ...env, ...extra };
};

describe('npm start', () => {
  it('builds the app and launches Electron on the built main', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-'));
    const electron = standInElectron(dir);
    const startedAt = Date.now();
    const result = await run('npm', ['start'], { cwd: root, env: cleanEnv({ ELECTRON_EXEC_PATH: electron.path }) });
    expect(result.code, result.output).toBe(0);

    const launched = JSON.parse(readFileSync(electron.record, 'utf8')) as { argv: string[]; cwd: string };
    expect(launched.argv).toEqual(['.']);
    const appDir = resolve(launched.cwd, launched.argv[0] ?? '');
    expect(appDir).toBe(root);
    const main = readJson<{ main: string }>(join(appDir, 'package.json')).main;
    expect(main).toBe('out/main/index.cjs');
    for (const built of [main, 'out/preload/index.cjs', 'out/renderer/index.html']) {
      // Built by this very start, not left over from an earlier build.
      expect(statSync(join(appDir, built)).mtimeMs, built).toBeGreaterThanOrEqual(startedAt - 1000);
    }
    expect(result.output).not.toContain('Electron uninstall');
  });

  it('refuses an ELECTRON_EXEC_PATH that is not an executable, before building', async () => {
    const result = await run('npm', ['start'], { cwd: root, env: cleanEnv({ ELECTRON_EXEC_PATH: '/nonexistent/electron' }) });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('ELECTRON_EXEC_PATH is set to /nonexistent/electron, which is not an executable file');
    expect(result.output).not.toContain('built in');
  });
});

/**
 * A project folder with the start scripts and a fresh copy of the electron package (nothing
 * downloaded yet); the installer's own dependencies are linked from the real node_modules.
 */
function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'scripts'));
  for (const file of ['start.mjs', 'preflight.mjs']) cpSync(join(root, 'scripts', file), join(dir, 'scripts', file));
  mkdirSync(join(dir, 'node_modules'));
  cpSync(join(root, 'node_modules/electron'), join(dir, 'node_modules/electron'), {
    recursive: true,
    filter: (source) => !/[\\/]electron[\\/](dist|path\.txt)$/.test(source),
  });
  for (const dep of ['@electron', '@electron-internal']) symlinkSync(join(root, 'node_modules', dep), join(dir, 'node_modules', dep));
  expect(existsSync(join(dir, 'node_modules/electron/path.txt'))).toBe(false);
  return dir;
}

describe('npm start on a fresh clone fetches Electron with the electron package installer', () => {
  let mirror: Server;
  let mirrorUrl: string;
  let slow = false;
  const requests: string[] = [];

  beforeAll(async () => {
    // What the Electron release host serves: the zip of this version for this platform, and
    // SHASUMS256.txt (used with electron_use_remote_checksums, as the stand-in is not the
    // release the electron package's checksums.json names).
    const files = mkdtempSync(join(tmpdir(), 'mirror-'));
    const payload = join(files, 'payload');
    mkdirSync(payload);
    writeFileSync(join(payload, 'electron'), '#!/bin/sh\necho stand-in electron\n');
    chmodSync(join(payload, 'electron'), 0o755);
    writeFileSync(join(payload, 'version'), `v${electronVersion}`);
    const zipName = `electron-v${electronVersion}-linux-x64.zip`;
    expect(spawnSync('zip', ['-q', join(files, zipName), 'electron', 'version'], { cwd: payload }).status).toBe(0);
    const zip = readFileSync(join(files, zipName));
    const sha = spawnSync('sha256sum', [zipName], { cwd: files, encoding: 'utf8' }).stdout.split(' ')[0];
    const shasums = `${sha} *${zipName}\n`;
    mirror = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === `/v${electronVersion}/${zipName}`) {
        response.writeHead(200, { 'Content-Length': zip.length });
        if (!slow) return void response.end(zip);
        // The installer draws its progress bar once a download has run for 30 s: send half,
        // then the rest after that.
        response.write(zip.subarray(0, zip.length >> 1));
        setTimeout(() => response.end(zip.subarray(zip.length >> 1)), 31_000);
      }
      else if (request.url === `/v${electronVersion}/SHASUMS256.txt`) response.writeHead(200).end(shasums);
      else response.writeHead(404).end('Not Found');
    });
    await new Promise<void>((done) => mirror.listen(0, '127.0.0.1', done));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((done) => mirror.close(() => done())));

  it('downloads it once and then finds it in place', async () => {
    const project = freshProject();
    const cache = mkdtempSync(join(tmpdir(), 'electron-cache-'));
    const env = cleanEnv({ ELECTRON_MIRROR: mirrorUrl, electron_use_remote_checksums: '1', electron_config_cache: cache });
    requests.length = 0;
    const first = await run(process.execPath, ['scripts/start.mjs', '--prepare-only'], { cwd: project, env });
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`Electron ${electronVersion} is not downloaded yet`);
    expect(first.output).toContain(`Electron ${electronVersion} is ready`);
    expect(requests).toContain(`/v${electronVersion}/electron-v${electronVersion}-linux-x64.zip`);
    expect(readFileSync(join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(existsSync(join(project, 'node_modules/electron/dist/electron'))).toBe(true);

    requests.length = 0;
    requests.length = 0;
    const second = await run(process.execPath, ['scripts/start.mjs', '--prepare-only'], { cwd: project, env });
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('not downloaded yet');
    expect(requests).toEqual([]);
    rmSync(project, { recursive: true, force: true });
  });

  it('downloads through the proxy named in the environment', async () => {
    const project = freshProject();
    const tunnels: string[] = [];
    const proxy = createServer((_request, response) => response.writeHead(405).end());
    proxy.on('connect', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      tunnels.push(request.url ?? '');
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    try {
      const env = cleanEnv({
        ELECTRON_MIRROR: mirrorUrl,
        electron_use_remote_checksums: '1',
        electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')),
        HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      });
      const result = await run(process.execPath, ['scripts/start.mjs', '--prepare-only'], { cwd: project, env });
      expect(result.code, result.output).toBe(0);
      expect(tunnels).toContain(new URL(mirrorUrl).host);
    } finally {
      proxy.close();
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('shows the installer\'s own progress bar on a terminal', { timeout: 90_000 }, async () => {
    const project = freshProject();
    const env = cleanEnv({ ELECTRON_MIRROR: mirrorUrl, electron_use_remote_checksums: '1', electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')) });
    slow = true;
    try {
      // A pseudo-terminal (util-linux `script`), as when a person runs `npm start`.
      const tty = await run('script', ['-qec', `${process.execPath} scripts/start.mjs --prepare-only`, '/dev/null'], { cwd: project, env });
      expect(tty.code, tty.output).toBe(0);
      expect(tty.output).toMatch(new RegExp(`Downloading electron-v${electronVersion.replace(/\./g, '\\.')}-linux-x64\\.zip: \\[[^\\]]*\\] +100%`));
    } finally {
      slow = false;
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('says what happened and what to do when the download fails, never "Electron uninstall"', async () => {
    const project = freshProject();
    // A port nothing listens on: the connection is refused, as behind a firewall.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const env = cleanEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')) });
    const result = await run(process.execPath, ['scripts/start.mjs'], { cwd: project, env });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Electron could not be downloaded: the connection to the mirror http://127.0.0.1:${port}/ failed (ECONNREFUSED).`);
    for (const advice of ['Offline:', 'HTTPS_PROXY', 'ELECTRON_MIRROR=', 'ELECTRON_EXEC_PATH=']) expect(result.output).toContain(advice);
    expect(result.output).not.toContain('Electron uninstall');
    expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false);

    const missing = await run(process.execPath, ['scripts/start.mjs'], { cwd: project, env: { ...env, ELECTRON_MIRROR: mirrorUrl.replace(/\/$/, '/nothing/') } });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('has no Electron build for this version and platform (HTTP 404)');
    rmSync(project, { recursive: true, force: true });
  });
});
