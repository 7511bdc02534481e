import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventName } from '../../shared/bridge/contract';
import { createEvidenceStore, type EvidenceStore } from '../../electron/main/store';
import { startAppServer, type AppServer } from '../support/appServer';
import { startOwnDisplay } from '../support/display';
import type { StandInControl } from '../support/electron/mainStandIn';
import { DEFAULT_OUT_DIR, startShippedApp, type ShippedApp } from '../support/electron/shippedApp';
import { decodeWire, encodeWire } from '../support/wire';
import { preloadInitScript } from './preloadHost';

/** Debian's Chromium; Playwright cannot download its own browsers here (TOOLCHAIN.md). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = resolve('.e2e-artifacts');

/**
 * What a test does where Electron and the desktop would: answer main's dialogs, press the global
 * shortcut, click the application menu. Main itself is the shipped out/main/index.cjs, run under
 * the stand-in Electron (DESIGN.md §2); the page runs the shipped preload.
 */
export interface MainHarness {
  /** main's evidence store (under app.getPath('userData')), to check what was written. */
  readonly store: EvidenceStore;
  /** Every event main sent the window. */
  readonly events: { name: EventName; payload: unknown }[];
  /** The paths the next "Attach files" dialog returns; empty means the user cancelled. */
  answerFileDialog(paths: string[]): void;
  /** Where the next "Save bundle" dialog saves; null means the user cancelled. */
  answerSaveDialog(path: string | null): void;
  /** The bundle the next "Import bundle" dialog returns; null means the user cancelled. */
  answerImportDialog(path: string | null): void;
  /** Where the next "Save your key card" dialog saves; null means the user cancelled. */
  answerKeyCardDialog(path: string | null): void;
  /** Folders main asked the system to show (shell.showItemInFolder). */
  readonly revealed: string[];
  /** The user pressing a global shortcut main registered. */
  pressGlobalShortcut(accelerator: string): void;
  /** The stand-in Electron main runs under, for what the helpers above do not cover. */
  readonly electron: StandInControl;
}

export interface AppInstance {
  readonly page: Page;
  readonly bridge: MainHarness;
}

export interface AppHarness extends AppInstance {
  readonly origin: string;
  /** Quits the app (browser and main) and starts it again on the same profile and data. */
  restart(): Promise<Page>;
  /** A second installation: its own browser profile (IndexedDB), main and evidence store. */
  launchFresh(): Promise<AppInstance>;
  snap(name: string, page?: Page): Promise<void>;
}

function harnessFor(main: () => ShippedApp, userData: string, events: MainHarness['events']): MainHarness {
  // Attaching files and importing a bundle both use an open dialog; a bundle's asks for a ZIP.
  const isZipDialog = (options: { filters?: { extensions: string[] }[] }): boolean =>
    (options.filters ?? []).some((f) => f.extensions.includes('zip'));
  return {
    store: createEvidenceStore(join(userData, 'evidence')),
    events,
    answerFileDialog: (paths) => main().electron.dialog.answerOpen(paths, (o) => !isZipDialog(o)),
    answerImportDialog: (path) => main().electron.dialog.answerOpen(path === null ? null : [path], isZipDialog),
    answerSaveDialog: (path) => main().electron.dialog.answerSave(path),
    // A key card is saved through main's save dialog too, answered in the order asked.
    answerKeyCardDialog: (path) => main().electron.dialog.answerSave(path),
    get revealed() {
      return main().electron.shell.revealed;
    },
    pressGlobalShortcut: (accelerator) => main().electron.globalShortcut.press(accelerator),
    get electron() {
      return main().electron;
    },
  };
}

/**
 * One installation of the app: a data folder (app.getPath) and a browser profile (IndexedDB)
 * that outlive restarts, served on one origin. Running it starts the shipped main, then a
 * browser showing the page main's window loads, with the shipped preload in it.
 */
class Installation {
  readonly events: MainHarness['events'] = [];
  readonly harness: MainHarness;
  private running: { main: ShippedApp; context: BrowserContext; page: Page } | null = null;

  private constructor(
    readonly root: string,
    readonly profile: string,
    readonly server: AppServer,
  ) {
    this.harness = harnessFor(() => this.main, join(root, 'userData'), this.events);
  }

  static async create(): Promise<Installation> {
    const root = await mkdtemp(join(tmpdir(), 'evidence-app-'));
    const profile = await mkdtemp(join(tmpdir(), 'evidence-profile-'));
    let installation: Installation | null = null;
    const server = await startAppServer(() => {
      const main = installation?.main;
      if (!main) throw new Error('main is not running');
      return (url) => main.electron.protocol.fetch(url);
    });
    installation = new Installation(root, profile, server);
    await installation.start();
    return installation;
  }

  get main(): ShippedApp {
    if (!this.running) throw new Error('the app is not running');
    return this.running.main;
  }

  get page(): Page {
    if (!this.running) throw new Error('the app is not running');
    return this.running.page;
  }

  async start(): Promise<Page> {
    const main = await startShippedApp({ root: this.root, outDir: DEFAULT_OUT_DIR });
    const window = main.window;
    const preload = window.options.webPreferences?.preload;
    if (!preload) throw new Error('the window names no preload');
    const context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 860 },
      acceptDownloads: true,
    });
    // ipcRenderer.invoke from the page: main's registered handler, with this frame as sender.
    await context.exposeBinding('__electronIpcInvoke', async (source, channel: unknown, args: unknown) => {
      const decoded: unknown = decodeWire(args);
      const frame = { url: this.server.toApp(source.frame.url()), isMainFrame: source.frame === source.page.mainFrame() };
      return encodeWire(await main.electron.ipcMain.invoke(window.webContents, frame, String(channel), ...(Array.isArray(decoded) ? (decoded as unknown[]) : [])));
    });
    await context.addInitScript({ content: preloadInitScript(readFileSync(preload, 'utf8')) });
    // webContents.send from main: to the preload's listeners in the page.
    window.webContents.connect((channel, args) => {
      if (channel.startsWith('event:')) this.events.push({ name: channel.slice('event:'.length) as EventName, payload: args[0] });
      for (const p of context.pages()) {
        void p
          .evaluate(([c, a]) => (globalThis as unknown as { __electronIpcEmit: (c: string, a: unknown) => void }).__electronIpcEmit(c, a), [channel, encodeWire(args)] as const)
          .catch(() => {});
      }
    });
    const page = context.pages()[0] ?? (await context.newPage());
    this.running = { main, context, page };
    await page.goto(this.server.toHttp(window.loadedUrl ?? ''));
    return page;
  }

  /** Closes the window's page and quits main, as the user quitting the app does. */
  async quit(): Promise<void> {
    if (!this.running) return;
    const { main, context } = this.running;
    this.running = null;
    await context.close();
    main.quit();
  }

  async uninstall(): Promise<void> {
    await this.quit();
    await this.server.close();
    await rm(this.profile, { recursive: true, force: true });
    await rm(this.root, { recursive: true, force: true });
  }
}

export const test = base.extend<{ app: AppHarness }, { ownDisplay: string }>({
  // Each worker its own X display: main (run in this process) captures from DISPLAY, and the
  // capture tests paint the root window, so two workers must never share one.
  ownDisplay: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures.
    async ({}, use) => {
      const own = await startOwnDisplay();
      process.env['DISPLAY'] = own.display;
      await use(own.display);
      own.stop();
    },
    { scope: 'worker', auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures.
  app: async ({}, use) => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const first = await Installation.create();
    const others: Installation[] = [];

    await use({
      get page() {
        return first.page;
      },
      bridge: first.harness,
      origin: first.server.origin,
      restart: async () => {
        await first.quit();
        return first.start();
      },
      launchFresh: async () => {
        const fresh = await Installation.create();
        others.push(fresh);
        return { page: fresh.page, bridge: fresh.harness };
      },
      snap: async (name, page) => {
        await (page ?? first.page).screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      },
    });
    for (const installation of others) await installation.uninstall();
    await first.uninstall();
  },
});

export { expect } from '@playwright/test';
