import type { RendererElectron } from '../support/electron/rendererStandIn';

/**
 * The renderer half of Electron, inside the test's Chromium page: what the shipped preload's
 * `require('electron')` returns there. This function is serialized into an init script (so it
 * uses nothing from outside itself) and returns the `require` the preload is run with.
 *
 * - ipcRenderer.invoke crosses to Node through the `__electronIpcInvoke` binding, where the
 *   stand-in ipcMain hands the call to main's registered handler with this frame as sender.
 * - What main sends the window arrives through `__electronIpcEmit`, to the listeners the
 *   preload registered.
 * - contextBridge puts a frozen copy of the API on window, as Electron's does (the page here
 *   shares its world with the preload; in the app they are isolated).
 * - webUtils.getPathForFile answers '': Playwright's dropped files have no path on disk.
 *
 * Bindings carry JSON only, so bytes cross as base64 (test/support/wire.ts is the Node twin).
 */
export function preloadHost(): (id: string) => unknown {
  type Listener = Parameters<RendererElectron['ipcRenderer']['on']>[1];
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
  const invoke = (globalThis as unknown as { __electronIpcInvoke: (channel: string, args: unknown) => Promise<unknown> }).__electronIpcInvoke;
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer: RendererElectron['ipcRenderer'] = {
    invoke: async (channel: string, ...args: unknown[]) => decode(await invoke(channel, encode(args))),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return ipcRenderer;
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(globalThis, '__electronIpcEmit', {
    value: (channel: string, args: unknown) => {
      const decoded = decode(args) as unknown[];
      // The IPC event carries the sender; the preload must not pass it on, so it is a marker here.
      const event = { sender: 'ipcRenderer' } as unknown as Parameters<Listener>[0];
      for (const listener of listeners.get(channel) ?? []) listener(event, ...decoded);
    },
  });
  const electron: RendererElectron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (key in globalThis) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        Object.defineProperty(globalThis, key, { value: Object.freeze({ ...(api as object) }), enumerable: true });
      },
    },
    ipcRenderer,
    webUtils: { getPathForFile: () => '' },
  };
  return (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can require only 'electron')`);
  };
}

/** The init script: the preload host, then the built preload run as Electron's sandbox runs it, in the top frame only. */
export function preloadInitScript(preloadSource: string): string {
  return `(() => {
  if (globalThis.top !== globalThis) return;
  const require = (${preloadHost.toString()})();
  (function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {
${preloadSource}
  })(require, undefined, undefined, globalThis, undefined, undefined, {}, { exports: {} });
})();`;
}
