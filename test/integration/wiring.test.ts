import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, CHANNELS } from '../../shared/bridge/contract';
import type { Result } from '../../shared/bridge/result';
import type { BundlePlan, PlanEntry } from '../../shared/bundle/planTypes';
import { CAPTURE_ACCELERATOR } from '../../shared/capture/shortcut';
import { MIN_STAMP_WIDTH } from '../../shared/image/raster';
import { CSP_HEADER } from '../../shared/security/csp';
import { paintRoot, requireDisplay } from '../support/display';
import { projectVersion, startShippedApp, type ShippedApp } from '../support/electron/shippedApp';
import { PARTIAL_SUFFIX, partialPrefix } from '../../electron/main/bundle/writer';
import { createTempLedger } from '../../electron/main/sweep';

/**
 * The app as it ships: out/main/index.cjs and out/preload/index.cjs, built by `npm run build`,
 * run in Node under the stand-in Electron (test/support/electron). Everything here goes through
 * what main registered: ipcMain handlers, the app:// protocol handler, the window's preload.
 */

const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const roots: string[] = [];
const running: ShippedApp[] = [];

async function start(options: { gotLock?: boolean; shortcutsTakenByOthers?: string[]; root?: string } = {}): Promise<ShippedApp> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'shipped-app-')));
  roots.push(root);
  const app = await startShippedApp({ ...options, root });
  running.push(app);
  return app;
}

afterEach(async () => {
  for (const app of running.splice(0)) app.quit();
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

describe('the shipped main process', () => {
  it('registers one ipcMain handler for every bridge channel, and nothing else', async () => {
    const app = await start();
    expect([...app.electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('registers app:// as a standard, secure scheme before ready, with no CSP or CORS bypass', async () => {
    const app = await start();
    expect(app.electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the built renderer over app:// with the CSP header', async () => {
    const app = await start();
    const index = await app.electron.protocol.fetch('app://evidence-locker/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await index.text();
    expect(html).toBe(await readFile(join(app.outDir, 'renderer', 'index.html'), 'utf8'));

    const root = await app.electron.protocol.fetch('app://evidence-locker/');
    expect(await root.text()).toBe(html);

    // Every script and stylesheet the page names is served with its type and the same policy.
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await app.electron.protocol.fetch(`app://evidence-locker/${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(response.headers.get('content-security-policy'), asset).toBe(CSP_HEADER);
    }
  });

  it("serves the app's own icon as the page's favicon, and gives the window the same icon", async () => {
    const app = await start();
    const html = await (await app.electron.protocol.fetch('app://evidence-locker/index.html')).text();
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="./favicon.svg" />');
    const favicon = await app.electron.protocol.fetch('app://evidence-locker/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toBe('image/svg+xml');
    expect(Buffer.from(await favicon.arrayBuffer()).equals(await readFile('assets/icon.svg'))).toBe(true);
    const icon = join(app.outDir, 'renderer', 'icon.png');
    expect(app.window.options.icon).toBe(icon);
    expect((await readFile(icon)).equals(await readFile('assets/icons/256x256.png'))).toBe(true);
  });

  it('refuses traversal out of the renderer folder, other hosts and missing files with 404', async () => {
    const app = await start();
    // The files these reach for exist: a 404 means refused, not absent.
    expect(existsSync(join(app.outDir, 'main', 'index.cjs'))).toBe(true);
    expect(existsSync(join(app.outDir, 'preload', 'index.cjs'))).toBe(true);
    const hostile = [
      'app://evidence-locker/%2e%2e/main/index.cjs',
      'app://evidence-locker/..%2fmain%2findex.cjs',
      'app://evidence-locker/..%2F..%2Fpackage.json',
      'app://evidence-locker/%2e%2e%2fpreload%2findex.cjs',
      'app://evidence-locker/..%5cmain%5cindex.cjs',
      'app://evidence-locker/index.html%00.png',
      'app://evidence-locker/%E0%A4%A',
      'app://other-host/index.html',
      'app://evidence-locker.evil.example/index.html',
      'app://evidence-locker/no-such-file.js',
    ];
    for (const url of hostile) {
      const response = await app.electron.protocol.fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
    }
  });

  it('denies every permission and puts the CSP on every response of the session', async () => {
    const app = await start();
    const session = app.electron.session;
    const granted: boolean[] = [];
    const request = session.permissionRequest as unknown as (wc: unknown, permission: string, callback: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture']) request(null, permission, (ok) => granted.push(ok));
    expect(granted).toEqual([false, false, false, false, false]);
    const check = session.permissionCheck as unknown as (wc: unknown, permission: string) => boolean;
    expect(check(null, 'media')).toBe(false);
    const headers = session.headers as unknown as (details: unknown, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
    let answered: Record<string, string[]> = {};
    headers({ responseHeaders: { 'X-Other': ['kept'] } }, (response) => (answered = response.responseHeaders));
    expect(answered).toEqual({ 'X-Other': ['kept'], 'Content-Security-Policy': [CSP_HEADER], 'X-Content-Type-Options': ['nosniff'] });
  });

  it('opens one hardened window on app://, shown once ready, whose navigation and new windows are denied', async () => {
    const app = await start();
    expect(app.electron.windows).toHaveLength(1);
    const window = app.window;
    expect(window.loadedUrl).toBe('app://evidence-locker/index.html');
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    await expect.poll(() => window.isVisible()).toBe(true);

    expect(app.electron.contentsCreated).toEqual([window.webContents]);
    expect(window.webContents.tryNavigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.tryNavigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(window.webContents.tryOpenWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(window.webContents.tryOpenWindow('https://www.rfc-editor.org/rfc/rfc8493')).toEqual({ action: 'deny' });
    // An allow-listed page goes to the system browser, never into the app.
    expect(app.electron.shell.opened).toEqual(['https://www.rfc-editor.org/rfc/rfc8493']);
  });

  it('loads a preload that exists in the build and exposes exactly the API, as functions', async () => {
    const app = await start();
    const preload = app.window.options.webPreferences?.preload ?? '';
    expect(preload).toBe(join(app.outDir, 'preload', 'index.cjs'));
    expect(existsSync(preload)).toBe(true);
    const { api, renderer } = app.loadPreload();
    expect([...renderer.exposed.keys()]).toEqual(['evidenceLocker']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'onEvent', 'pathForFile'].sort());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    // Nothing of the IPC layer leaks into the page.
    expect(Object.isFrozen(api)).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
  });

  it('answers a call from the window through the whole chain, and refuses one from another page or a subframe', async () => {
    const app = await start();
    const { api } = app.loadPreload();
    const info = valueOf(await api.systemInfo({}));
    expect(info.appVersion).toBe(projectVersion());

    const foreign = app.loadPreload({ url: 'https://evil.example/index.html', isMainFrame: true }).api;
    expect(await foreign.systemInfo({})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const subframe = app.loadPreload({ url: 'app://evidence-locker/index.html', isMainFrame: false }).api;
    expect(await subframe.systemInfo({})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    // And a payload the schema refuses never reaches a handler.
    expect(await api.captureScreen({ displayId: null, delayMs: 60_000 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it("reads files only from main's own dialog, parented to the window; Cancel stores nothing", async () => {
    const app = await start();
    const { api } = app.loadPreload();
    const dir = await mkdtemp(join(tmpdir(), 'shipped-files-'));
    roots.push(dir);
    const file = join(dir, 'okta-users.csv');
    await writeFile(file, 'user,role\nalice,admin\n');

    app.electron.dialog.answerOpen([file]);
    const imported = valueOf(await api.importFiles({}));
    expect(imported.failures).toEqual([]);
    expect(imported.files.map((f) => [f.name, f.sha256])).toEqual([['okta-users.csv', sha('user,role\nalice,admin\n')]]);
    expect(existsSync(join(app.userData, 'evidence', 'sha256'))).toBe(true);
    expect(app.electron.dialog.asked[0]).toMatchObject({ kind: 'open', parent: true, options: { title: 'Attach evidence files', properties: ['openFile', 'multiSelections'] } });

    const cancelled = valueOf(await api.importFiles({}));
    expect(cancelled).toEqual({ files: [], failures: [] });
  });

  it('claims the global capture shortcut; a press reaches the page as an event carrying only its payload; quitting releases it', async () => {
    const app = await start();
    expect(app.electron.globalShortcut.isRegistered(CAPTURE_ACCELERATOR)).toBe(true);
    const { api } = app.loadPreload();
    const received: unknown[][] = [];
    const off = api.onEvent('capture:shortcut', (...args: unknown[]) => void received.push(args));
    app.electron.globalShortcut.press(CAPTURE_ACCELERATOR);
    expect(received).toEqual([[{ accelerator: CAPTURE_ACCELERATOR }]]);
    off();
    app.electron.globalShortcut.press(CAPTURE_ACCELERATOR);
    expect(received).toHaveLength(1);

    app.quit();
    expect(app.electron.globalShortcut.isRegistered(CAPTURE_ACCELERATOR)).toBe(false);
  });

  it('sets an application menu whose File and Help items reach the page as menu commands', async () => {
    const app = await start();
    const menu = app.electron.menu.application;
    if (!menu) throw new Error('main set no application menu');
    expect(menu.items.map((i) => i.label ?? i.role)).toEqual(['&File', 'editMenu', 'viewMenu', '&Help']);
    const file = menu.find('File').submenu as { label?: string; role?: string; accelerator?: string }[];
    expect(file.map((i) => i.label ?? i.role ?? '—')).toEqual(['New Audit…', '—', 'Import Bundle…', 'Export Bundle…', '—', 'quit']);
    expect(menu.find('File', 'New Audit…').accelerator).toBe('CommandOrControl+N');
    expect(menu.find('Help', 'Keyboard Shortcuts').accelerator).toBe('F1');

    const { api } = app.loadPreload();
    const received: unknown[] = [];
    api.onEvent('menu:command', (payload) => received.push(payload));
    for (const path of [
      ['File', 'New Audit…'],
      ['File', 'Import Bundle…'],
      ['File', 'Export Bundle…'],
      ['Help', 'Keyboard Shortcuts'],
      ['Help', 'Verify a Bundle…'],
    ]) {
      menu.click(app.window, ...path);
    }
    expect(received).toEqual(['new-audit', 'import-bundle', 'export-bundle', 'shortcuts', 'verify-bundle'].map((command) => ({ command })));
  });

  it('starts without the global shortcut when another application owns it', async () => {
    const app = await start({ shortcutsTakenByOthers: [CAPTURE_ACCELERATOR] });
    expect(app.electron.globalShortcut.isRegistered(CAPTURE_ACCELERATOR)).toBe(false);
    expect(app.window.loadedUrl).toBe('app://evidence-locker/index.html');
    expect([...app.electron.ipcMain.handlers.keys()]).toHaveLength(CHANNELS.length);
  });

  it('as a second instance, quits and starts nothing: no window, no handlers, no protocol, no shortcut', async () => {
    const app = await start({ gotLock: false });
    expect(app.electron.app.quitCount).toBe(1);
    expect(app.electron.windows).toEqual([]);
    expect(app.electron.ipcMain.handlers.size).toBe(0);
    expect(app.electron.protocol.handlers.size).toBe(0);
    expect(app.electron.globalShortcut.attempted).toEqual([]);
  });

  it('as the first instance, brings its window back when a second one starts', async () => {
    const app = await start();
    await expect.poll(() => app.window.isVisible()).toBe(true);
    app.window.minimize();
    expect(app.window.isFocused()).toBe(false);
    app.electron.app.emit('second-instance', { preventDefault: () => {} }, ['evidence-locker'], '/', {});
    expect(app.window.isMinimized()).toBe(false);
    expect(app.window.isFocused()).toBe(true);
  });

  it('sweeps at start what a killed run left: an export’s hidden .partial, the sample’s old folder, staged files', async () => {
    // Issue #14 'Litter'. Laid out as a run killed an hour ago leaves it, before main starts.
    const root = await mkdtemp(join(tmpdir(), 'shipped-app-'));
    roots.push(root);
    const tmp = await mkdtemp(join(tmpdir(), 'shipped-tmp-'));
    roots.push(tmp);
    const exports = join(root, 'documents');
    await mkdir(exports, { recursive: true });
    const target = join(exports, 'acme.zip');
    const partial = join(exports, `${partialPrefix(target)}${randomUUID()}${PARTIAL_SUFFIX}`);
    const notOurs = join(exports, 'acme.zip.partial');
    await createTempLedger(join(root, 'userData', 'temp-ledger')).note({ dir: exports, prefix: partialPrefix(target), suffix: PARTIAL_SUFFIX });
    const sampleDir = join(tmp, 'evidence-locker-sample-Ab12Cd');
    await mkdir(sampleDir);
    await writeFile(join(sampleDir, 'sample-audit.zip'), 'PK');
    const staging = join(root, 'userData', 'evidence', 'staging');
    await mkdir(staging, { recursive: true });
    const staged = join(staging, 'a'.repeat(64));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const [path, bytes] of [[partial, 'half a bundle'], [notOurs, 'somebody else’s'], [staged, 'manifest']] as const) await writeFile(path, bytes);
    for (const path of [partial, notOurs, staged, join(sampleDir, 'sample-audit.zip'), sampleDir]) await utimes(path, anHourAgo, anHourAgo);

    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      await start({ root });
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
    }
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(sampleDir)).toBe(false);
    expect(existsSync(staged)).toBe(false);
    expect(readdirSync(join(root, 'userData', 'temp-ledger'))).toEqual([]);
    expect(readdirSync(exports)).toEqual(['acme.zip.partial']);
  });

  it('ends what a reloaded or crashed page had open in main: its uploads and their temporary files, the sample audit’s folder', async () => {
    // Issue #14: sixteen drops abandoned by a reload held their temporary files until restart.
    const app = await start();
    const { api } = app.loadPreload();
    const temp = join(app.userData, 'evidence', 'tmp');
    const sampleDirs = (): string[] => readdirSync(tmpdir()).filter((n) => /^evidence-locker-sample-[A-Za-z0-9]{6}$/.test(n));
    const samplesBefore = sampleDirs();
    const begin = async (name: string): Promise<string> => {
      const { uploadId } = valueOf(await api.beginUpload({ name, size: 2000, modifiedAt: null, path: '' }));
      valueOf(await api.uploadChunk({ uploadId, offset: 0, bytes: new Uint8Array(1000) }));
      return uploadId;
    };
    const dropped = await begin('dropped.bin');
    await expect.poll(() => readdirSync(temp).length).toBe(1);
    valueOf(await api.openSample({ trusted: [] }));
    expect(sampleDirs()).toHaveLength(samplesBefore.length + 1);

    // A route change inside the page is not a reload: nothing ends.
    app.window.webContents.emit('did-start-navigation', { url: 'app://evidence-locker/index.html#/import', isMainFrame: true, isSameDocument: true, preventDefault: () => {} });
    valueOf(await api.uploadChunk({ uploadId: dropped, offset: 1000, bytes: new Uint8Array(500) }));

    app.window.webContents.emit('did-start-navigation', { url: 'app://evidence-locker/index.html', isMainFrame: true, isSameDocument: false, preventDefault: () => {} });
    await expect.poll(() => readdirSync(temp)).toEqual([]);
    await expect.poll(sampleDirs).toEqual(samplesBefore);
    expect(await api.uploadChunk({ uploadId: dropped, offset: 1500, bytes: new Uint8Array(500) })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: '"dropped.bin" was not stored: the window was reloaded. Add it again.' },
    });

    await begin('after-reload.bin');
    app.window.webContents.emit('render-process-gone', { preventDefault: () => {} }, { reason: 'crashed', exitCode: 139 });
    await expect.poll(() => readdirSync(temp)).toEqual([]);
  });

  it('quits when its last window is closed', async () => {
    const app = await start();
    app.window.close();
    expect(app.electron.app.quitCount).toBe(1);
  });
});

describe('a capture and an export through the registered handlers', () => {
  it('says what to install when xrandr and ImageMagick are missing, at the moment of capture', async () => {
    requireDisplay();
    const app = await start();
    const { api } = app.loadPreload();
    const path = process.env['PATH'];
    const empty = await mkdtemp(join(tmpdir(), 'no-tools-'));
    roots.push(empty);
    process.env['PATH'] = empty;
    try {
      const result = await api.captureScreen({ displayId: null, delayMs: 0 });
      expect(result).toMatchObject({ ok: false, error: { code: 'capture-unavailable' } });
      // Electron's own capturer is tried next (here it cannot work either); the advice comes first.
      expect(result.ok ? '' : result.error.message).toMatch(
        /^The screen cannot be captured here\. Screen capture needs xrandr \(lists the screens\) and ImageMagick's import \(reads the screen\), which are not installed\. On Debian or Ubuntu run: sudo apt-get install x11-xserver-utils imagemagick /,
      );
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('captures the real screen, saves it stamped, exports it in a bundle that sha256sum and unzip accept', async () => {
    requireDisplay();
    paintRoot('#3a7d44');
    const app = await start();
    const { api } = app.loadPreload();
    const events: string[] = [];
    api.onEvent('bundle:progress', () => events.push('bundle:progress'));

    // Capture: the window steps aside while the pixels are read, and comes back.
    const hidden: boolean[] = [];
    app.window.on('hide', () => hidden.push(true));
    const displays = valueOf(await api.listDisplays({}));
    expect(displays.length).toBeGreaterThanOrEqual(1);
    const shot = valueOf(await api.captureScreen({ displayId: null, delayMs: 0 }));
    expect(hidden).toEqual([true]);
    expect(app.window.isVisible()).toBe(true);
    const raw = PNG.sync.read(Buffer.from(shot.png));
    expect([raw.data[0], raw.data[1], raw.data[2]]).toEqual([0x3a, 0x7d, 0x44]);
    expect(shot.sha256).toBe(sha(shot.png));

    const stamp = new PNG({ width: Math.max(shot.width, MIN_STAMP_WIDTH), height: 40 });
    stamp.data.fill(230);
    const saved = valueOf(await api.saveCapture({ token: shot.token, crop: null, redactions: [], stamp: new Uint8Array(PNG.sync.write(stamp)) }));
    expect(saved.processing).toEqual(['stamped']);
    const image = valueOf(await api.readEvidence({ sha256: saved.image.sha256 }));
    expect(sha(image)).toBe(saved.image.sha256);
    expect(PNG.sync.read(Buffer.from(image)).height).toBe(shot.height + 40);

    // Export: a bag of the stamped image and its raw original, saved where the dialog says.
    // Generated files reach main by reference: staged first, then named by hash in the plan.
    const stage = async (path: string, text: string): Promise<PlanEntry> => {
      const staged = valueOf(await api.stageBundleFile({ stageId: randomUUID(), offset: 0, bytes: new TextEncoder().encode(text), last: true }));
      if (!('sha256' in staged)) throw new Error('the last chunk should answer with the hash');
      expect(staged.sha256).toBe(sha(text));
      return { kind: 'staged', path, sha256: staged.sha256, size: staged.size };
    };
    const blobs: PlanEntry[] = [
      { kind: 'blob', path: 'data/evidence/AC-01/2026-Q1/001-screen.png', sha256: saved.image.sha256, size: saved.image.size, compress: false },
      { kind: 'blob', path: 'data/evidence/AC-01/2026-Q1/001-screen.original.png', sha256: shot.sha256, size: shot.size, compress: false },
    ];
    const notes = 'captured through the shipped main process\n';
    const payload = [...blobs, await stage('data/notes.txt', notes)];
    const manifest = payload.map((e) => `${e.sha256}  ${e.path}\n`).join('');
    const tags = [
      await stage('bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
      await stage('bag-info.txt', 'Payload-Oxum: 3.3\n'),
      await stage('manifest-sha256.txt', manifest),
    ];
    const plan: BundlePlan = {
      bagName: 'shipped-bag',
      generatedAt: '2026-04-02T10:00:00.000Z',
      entries: [...payload, ...tags, await stage('tagmanifest-sha256.txt', tags.map((t) => `${t.sha256}  ${t.path}\n`).join(''))],
    };
    const out = await mkdtemp(join(tmpdir(), 'shipped-export-'));
    roots.push(out);
    const target = join(out, 'acme.zip');
    app.electron.dialog.answerSave(target);
    const exportId = randomUUID();
    const written = valueOf(await api.exportBundle({ exportId, plan }));
    expect(written).toMatchObject({ status: 'written', path: target });
    const asked = app.electron.dialog.asked.at(-1);
    expect(asked).toMatchObject({ kind: 'save', parent: true, options: { filters: [{ name: 'ZIP bundle', extensions: ['zip'] }] } });
    expect((asked?.options as { defaultPath?: string }).defaultPath?.startsWith(join(app.electron.app.getPath('documents'), 'shipped-bag'))).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(sha(await readFile(target))).toBe(written.status === 'written' ? written.sha256 : '');

    const unzipped = join(out, 'unzipped');
    await mkdir(unzipped);
    execFileSync('unzip', ['-q', target, '-d', unzipped]);
    const bag = join(unzipped, 'shipped-bag');
    expect(execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag, encoding: 'utf8' })).toMatch(/001-screen\.png: OK/);
    execFileSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag });

    expect(valueOf(await api.revealExport({ exportId }))).toEqual({ shown: true });
    expect(app.electron.shell.revealed).toEqual([target]);
  });
});
