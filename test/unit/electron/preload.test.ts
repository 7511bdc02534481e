import { describe, expect, it } from 'vitest';
import { createPreloadApi, type PreloadElectron } from '../../../electron/preload/api';
import { API_METHODS } from '../../../shared/bridge/contract';
import { ok } from '../../../shared/bridge/result';

/**
 * The object the preload exposes as window.evidenceLocker, built over a stand-in for
 * ipcRenderer and webUtils: exactly the named functions, and nothing of the IPC underneath.
 */
function fakeElectron(getPathForFile: (file: File) => string = () => '') {
  const invoked: { channel: string; request: unknown }[] = [];
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const electron: PreloadElectron = {
    invoke: async (channel, request) => {
      invoked.push({ channel, request });
      return ok({ echoed: channel });
    },
    on: (channel, listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) => void listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
    getPathForFile,
  };
  const send = (channel: string, payload: unknown): void => {
    // What ipcRenderer hands a listener: an event that carries the sender, then the payload.
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipcRenderer itself' }, payload);
  };
  return { electron, invoked, listeners, send };
}

describe('the preload API', () => {
  it('exposes exactly the bridge methods, onEvent and pathForFile, all of them functions', () => {
    const api = createPreloadApi(fakeElectron().electron);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'onEvent', 'pathForFile'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each method on its channel through invoke', async () => {
    const fake = fakeElectron();
    const api = createPreloadApi(fake.electron);
    await expect(api.listDisplays({})).resolves.toEqual(ok({ echoed: 'capture:displays' }));
    expect(fake.invoked).toEqual([{ channel: 'capture:displays', request: {} }]);
  });

  it('hands a listener only the payload, never the IPC event, and unsubscribes it', () => {
    const fake = fakeElectron();
    const api = createPreloadApi(fake.electron);
    const received: unknown[][] = [];
    const off = api.onEvent('capture:shortcut', (...args: unknown[]) => void received.push(args));
    fake.send('event:capture:shortcut', { accelerator: 'CommandOrControl+Shift+E' });
    expect(received).toEqual([[{ accelerator: 'CommandOrControl+Shift+E' }]]);
    off();
    fake.send('event:capture:shortcut', { accelerator: 'CommandOrControl+Shift+E' });
    expect(received).toHaveLength(1);
    expect(fake.listeners.get('event:capture:shortcut')).toEqual([]);
  });

  it('refuses to subscribe to a name that is not a declared event', () => {
    const fake = fakeElectron();
    const api = createPreloadApi(fake.electron);
    expect(() => api.onEvent('capture:screen' as 'capture:shortcut', () => {})).toThrow(/unknown event/);
    expect(fake.listeners.size).toBe(0);
  });

  describe('pathForFile', () => {
    const file = new File(['x'], 'policy.pdf');

    it("answers with webUtils' path for a file from disk", () => {
      const seen: File[] = [];
      const api = createPreloadApi(fakeElectron((f) => (seen.push(f), '/home/ana/policy.pdf')).electron);
      expect(api.pathForFile?.(file)).toBe('/home/ana/policy.pdf');
      expect(seen).toEqual([file]);
    });

    it('answers "" for a file with no path, as a pasted image', () => {
      const api = createPreloadApi(fakeElectron(() => '').electron);
      expect(api.pathForFile?.(file)).toBe('');
    });

    it('answers "" instead of throwing when webUtils refuses the object', () => {
      const api = createPreloadApi(
        fakeElectron(() => {
          throw new TypeError('Expected a File');
        }).electron,
      );
      expect(api.pathForFile?.({ name: 'not a file' } as unknown as File)).toBe('');
    });
  });
});
