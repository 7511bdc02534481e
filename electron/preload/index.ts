import { contextBridge, ipcRenderer } from 'electron';
import { createApi, isEventName, type EvidenceLockerApi } from '../../shared/bridge/contract';

/**
 * Exposes named functions only: never ipcRenderer itself, never the raw IPC event (which
 * carries `sender`), never sendSync.
 */
const api: EvidenceLockerApi = createApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (name, listener) => {
    if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(`event:${name}`, wrapped);
    return () => {
      ipcRenderer.removeListener(`event:${name}`, wrapped);
    };
  },
) satisfies EvidenceLockerApi;

contextBridge.exposeInMainWorld('evidenceLocker', api);
