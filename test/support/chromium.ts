import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { API_METHODS, EVENT_NAMES } from '../../shared/bridge/contract';
import type { BridgeHarness } from './bridgeHarness';
import { decodeWire, encodeWire } from './wire';

/** Debian's Chromium; Playwright cannot download its own browsers here (TOOLCHAIN.md). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Installs window.evidenceLocker in the page the way the preload does, but over a Playwright
 * binding: every call goes through the same dispatcher (sender check, validation) and the
 * same handler table as main's ipcMain registration. When the page defines
 * `__evidenceLockerSettled` (the benchmark does), it is told when each call's answer arrived.
 */
function installBridge({ methods, eventNames }: { methods: Record<string, string>; eventNames: readonly string[] }): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Chromium's native base64 (Uint8Array.prototype.toBase64 / fromBase64) where it has it: the
  // JavaScript loop below made each 4 MiB chunk a long task of its own, a cost of this
  // Playwright bridge that Electron's IPC (structured clone) does not have.
  type Base64Bytes = { toBase64?: () => string };
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array && typeof (value as Base64Bytes).toBase64 === 'function') return { __bytes: (value as Base64Bytes).toBase64?.() };
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
      if (typeof bytes === 'string' && Object.keys(record).length === 1) return fromBase64 ? fromBase64(bytes) : Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const scope = globalThis as unknown as {
    __evidenceLockerInvoke: (channel: string, payload: unknown) => Promise<unknown>;
    __evidenceLockerSettled?: (channel: string) => void;
  };
  const call = scope.__evidenceLockerInvoke;
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(methods)) {
    api[method] = async (request: unknown) => {
      const result = decode(await call(channel, encode(request)));
      scope.__evidenceLockerSettled?.(channel);
      return result;
    };
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

export interface LaunchOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Loaded first; defaults to the app's index.html. */
  readonly startPath?: string;
  /** Scripts run in every page before its own (the benchmark's probe). */
  readonly initScripts?: readonly string[];
}

/** One installation of the app: a persistent Chromium profile and main's handler table. */
export async function launchInstance(
  origin: string,
  bridge: BridgeHarness,
  profile: string,
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1366, height: 860 },
    acceptDownloads: true,
  });
  await context.exposeBinding('__evidenceLockerInvoke', async (source, channel: unknown, payload: unknown) => {
    const result = await bridge.dispatch(channel, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, decodeWire(payload));
    return encodeWire(result);
  });
  // As source text with a stand-in for `__name`: tsx (the benchmark's runner) compiles with
  // esbuild's keepNames, which wraps inner functions in a helper the page does not have.
  const bridgeArgs = { methods: { ...API_METHODS }, eventNames: [...EVENT_NAMES] };
  await context.addInitScript({ content: `(() => { const __name = (target) => target; (${installBridge.toString()})(${JSON.stringify(bridgeArgs)}); })();` });
  for (const content of options.initScripts ?? []) await context.addInitScript({ content });
  bridge.onEvent((name, payload) => {
    for (const p of context.pages()) {
      void p
        .evaluate(([n, d]) => (globalThis as unknown as { __evidenceLockerEmit: (n: unknown, d: unknown) => void }).__evidenceLockerEmit(n, d), [name, payload] as const)
        .catch(() => {});
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}${options.startPath ?? '/index.html'}`);
  return { context, page };
}
