import { test as base, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAppServer } from '../support/appServer';
import { createBridgeHarness, type BridgeHarness } from '../support/bridgeHarness';
import { launchInstance } from '../support/chromium';

export const SCREENSHOT_DIR = resolve('.e2e-artifacts');

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
