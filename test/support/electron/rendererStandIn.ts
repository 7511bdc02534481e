import { EventEmitter } from 'node:events';
import type { ContextBridge, IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';

/**
 * The renderer half of the `electron` module, as a sandboxed preload sees it: contextBridge,
 * ipcRenderer and webUtils, typed as Picks of Electron's own interfaces. ipcRenderer is wired
 * to a transport (the main stand-in's ipcMain, called as from the window's top frame), and
 * whatever main sends the window arrives on its listeners through `deliver`.
 */
type Listener = Parameters<IpcRenderer['on']>[1];

/** ipcRenderer as the preload uses it; on() and removeListener() return the stand-in, not a whole IpcRenderer. */
type IpcRendererPart = Pick<IpcRenderer, 'invoke'> & {
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
};

export interface RendererElectron {
  readonly contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>;
  readonly ipcRenderer: IpcRendererPart;
  readonly webUtils: Pick<WebUtils, 'getPathForFile'>;
}

export interface RendererControl {
  /** What the preload put into the page's main world, by key. */
  readonly exposed: Map<string, unknown>;
  /** Hands the preload's listeners a message main sent to the window. */
  deliver(channel: string, args: unknown[]): void;
  /** Channels the preload listens on now (listeners registered and not removed). */
  listening(): string[];
}

export function createRendererStandIn(
  invoke: (channel: string, args: unknown[]) => Promise<unknown>,
  pathOf: (file: File) => string = () => '',
): { module: RendererElectron; control: RendererControl } {
  const exposed = new Map<string, unknown>();
  const emitter = new EventEmitter();
  class IpcRendererStandIn implements IpcRendererPart {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return invoke(channel, args);
    }
    on(channel: string, listener: Listener): this {
      emitter.on(channel, listener);
      return this;
    }
    removeListener(channel: string, listener: Listener): this {
      emitter.removeListener(channel, listener);
      return this;
    }
  }
  const ipcRenderer = new IpcRendererStandIn();
  const module = {
    contextBridge: {
      exposeInMainWorld: (apiKey: string, api: unknown): void => {
        // contextBridge refuses to overwrite a key and hands the page a frozen copy.
        if (exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
        exposed.set(apiKey, Object.freeze({ ...(api as object) }));
      },
    },
    ipcRenderer,
    webUtils: { getPathForFile: pathOf },
  } satisfies RendererElectron;
  return {
    module,
    control: {
      exposed,
      deliver: (channel, args) => {
        // The listener's first argument is the IPC event, which carries the sender: the preload
        // must never pass it on (test/unit/electron/preload.test.ts), so it is made recognisable.
        const event = { sender: ipcRenderer, senderId: 0, ports: [] } as unknown as IpcRendererEvent;
        emitter.emit(channel, event, ...structuredClone(args));
      },
      listening: () => emitter.eventNames().map(String).filter((name) => emitter.listenerCount(name) > 0),
    },
  };
}
