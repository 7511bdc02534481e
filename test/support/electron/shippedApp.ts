import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EvidenceLockerApi } from '../../../shared/bridge/contract';
import { loadBuilt } from './loadBuilt';
import { createMainStandIn, type StandInBrowserWindow, type StandInControl, type StandInFrame } from './mainStandIn';
import { createRendererStandIn, type RendererControl } from './rendererStandIn';

/**
 * The shipped app, started: the built out/main/index.cjs run under the stand-in Electron until
 * it has made its window, with helpers to load the preload that window names and to act as
 * the user and the desktop (dialogs, shortcuts, menus) where Electron would.
 */
export interface ShippedApp {
  readonly electron: StandInControl;
  readonly outDir: string;
  /** app.getPath('userData'): main keeps the evidence store under it. */
  readonly userData: string;
  /** The main window; throws when main made none (another instance held the lock). */
  readonly window: StandInBrowserWindow;
  /** Loads the preload the window names, in Node, calling ipcMain as the window's `frame`. */
  loadPreload(frame?: StandInFrame, pathOf?: (file: File) => string): { api: EvidenceLockerApi; renderer: RendererControl };
  /** app.quit(), as the Quit menu item or closing the last window does. */
  quit(): void;
}

export interface StartOptions {
  /** The build: <outDir>/main/index.cjs, <outDir>/preload, <outDir>/renderer. */
  readonly outDir?: string;
  /** Root of the app's paths (userData, documents, …); reuse it to restart the same installation. */
  readonly root: string;
  readonly gotLock?: boolean;
  readonly shortcutsTakenByOthers?: readonly string[];
}

export const DEFAULT_OUT_DIR = resolve(process.env['OUT_DIR'] ?? 'out');

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function projectVersion(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

export async function startShippedApp(options: StartOptions): Promise<ShippedApp> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const mainFile = join(outDir, 'main', 'index.cjs');
  if (!existsSync(mainFile)) throw new Error(`${mainFile} is missing: run \`npm run build\` first (these tests run the built app).`);
  const { module, control } = createMainStandIn({
    root: options.root,
    version: projectVersion(),
    ...(options.gotLock === undefined ? {} : { gotLock: options.gotLock }),
    ...(options.shortcutsTakenByOthers ? { shortcutsTakenByOthers: options.shortcutsTakenByOthers } : {}),
  });
  loadBuilt(mainFile, module, 'main');
  control.app.becomeReady();
  if (options.gotLock === false) {
    // Nothing should happen now; give a wrongly started ready handler the time to show itself.
    await new Promise((r) => setTimeout(r, 200));
  } else {
    // The last things main does on ready: the window loads its page, the shortcut is claimed.
    await waitFor('main to open its window', () => control.windows[0]?.loadedUrl != null && control.globalShortcut.attempted.length > 0);
  }

  return {
    electron: control,
    outDir,
    userData: control.app.getPath('userData'),
    get window() {
      const window = control.windows[0];
      if (!window) throw new Error('main opened no window');
      return window;
    },
    loadPreload(frame, pathOf) {
      const window = control.windows[0];
      if (!window) throw new Error('main opened no window');
      const preload = window.options.webPreferences?.preload;
      if (!preload) throw new Error('the window names no preload');
      const from: StandInFrame = frame ?? { url: window.loadedUrl ?? '', isMainFrame: true };
      const { module: rendererModule, control: renderer } = createRendererStandIn(
        (channel, args) => control.ipcMain.invoke(window.webContents, from, channel, ...args),
        pathOf,
      );
      window.webContents.connect((channel, args) => renderer.deliver(channel, args));
      loadBuilt(preload, rendererModule, 'sandboxed-preload');
      return { api: renderer.exposed.get('evidenceLocker') as EvidenceLockerApi, renderer };
    },
    quit: () => control.app.quit(),
  };
}
