import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { API_METHODS, EVENT_NAMES } from '../../shared/bridge/contract';
import { startAppServer } from '../support/appServer';
import { createBridgeHarness, type BridgeHarness } from '../support/bridgeHarness';
import { decodeWire, encodeWire } from '../support/wire';

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
 * Installs window.evidenceLocker in the page the way the preload does, but over a Playwright
 * binding: every call goes through the same dispatcher (sender check, validation) and the
 * same handler table as main's ipcMain registration.
 */
function installBridge({ methods, eventNames }: { methods: Record<string, string>; eventNames: readonly string[] }): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { __bytes: btoa(binary) };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const bytes = record['__bytes'];
      if (typeof bytes === 'string' && Object.keys(record).length === 1) return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const call = (globalThis as unknown as { __evidenceLockerInvoke: (channel: string, payload: unknown) => Promise<unknown> })
    .__evidenceLockerInvoke;
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(methods)) {
    api[method] = async (request: unknown) => decode(await call(channel, encode(request)));
  }
  api['onEvent'] = (name: string, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(name)) throw new Error(`unknown event ${name}`);
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  Object.defineProperty(globalThis, '__evidenceLockerEmit', {
    value: (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)),
  });
  Object.defineProperty(globalThis, 'evidenceLocker', { value: Object.freeze(api) });
}

export interface AppInstance {
  readonly page: Page;
  readonly bridge: BridgeHarness;
}

export interface AppHarness extends AppInstance {
  readonly origin: string;
  /** Closes the browser and starts it again on the same profile: the app restarts. */
  restart(): Promise<Page>;
  /** A second installation: its own browser profile (IndexedDB) and its own evidence store. */
  launchFresh(): Promise<AppInstance>;
  snap(name: string, page?: Page): Promise<void>;
}

/** One installation of the app: a persistent Chromium profile and main's handler table. */
async function launchInstance(origin: string, bridge: BridgeHarness, profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
  });
  await context.exposeBinding('__evidenceLockerInvoke', async (source, channel: unknown, payload: unknown) => {
    const result = await bridge.dispatch(channel, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, decodeWire(payload));
    return encodeWire(result);
  });
  await context.addInitScript(installBridge, { methods: { ...API_METHODS }, eventNames: [...EVENT_NAMES] });
  bridge.onEvent((name, payload) => {
    for (const p of context.pages()) {
      void p
        .evaluate(([n, d]) => (globalThis as unknown as { __evidenceLockerEmit: (n: unknown, d: unknown) => void }).__evidenceLockerEmit(n, d), [name, payload] as const)
        .catch(() => {});
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}/index.html`);
  return { context, page };
}

export const test = base.extend<{ app: AppHarness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures.
  app: async ({}, use) => {
    const server = await startAppServer(resolve(process.env['RENDERER_OUT_DIR'] ?? 'out/renderer'));
    const bridge = await createBridgeHarness(server.origin);
    const profile = await mkdtemp(join(tmpdir(), 'evidence-profile-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const cleanups: (() => Promise<void>)[] = [];
    let current = await launchInstance(server.origin, bridge, profile);

    await use({
      get page() {
        return current.page;
      },
      bridge,
      origin: server.origin,
      restart: async () => {
        await current.context.close();
        // As main's window reports it: what the page had open in main ends with it.
        bridge.pageGone('the window was closed.');
        current = await launchInstance(server.origin, bridge, profile);
        return current.page;
      },
      launchFresh: async () => {
        const freshBridge = await createBridgeHarness(server.origin);
        const freshProfile = await mkdtemp(join(tmpdir(), 'evidence-profile-'));
        const fresh = await launchInstance(server.origin, freshBridge, freshProfile);
        cleanups.push(async () => {
          await fresh.context.close();
          await rm(freshProfile, { recursive: true, force: true });
          await rm(freshBridge.store.root, { recursive: true, force: true });
        });
        return { page: fresh.page, bridge: freshBridge };
      },
      snap: async (name, page) => {
        await (page ?? current.page).screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      },
    });
    for (const cleanup of cleanups) await cleanup();
    await current.context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
    await rm(bridge.store.root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
