import { createApi, isEventName, type EvidenceLockerApi, type Invoke } from '../../shared/bridge/contract';

/** The parts of ipcRenderer and webUtils the preload uses, passed in so Node tests can run it. */
export interface PreloadElectron {
  /** ipcRenderer.invoke: main answers every channel with a Result, never a thrown error. */
  readonly invoke: Invoke;
  readonly on: (channel: string, listener: (event: unknown, payload: unknown) => void) => void;
  readonly removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => void;
  readonly getPathForFile: (file: File) => string;
}

/**
 * The object exposed as window.evidenceLocker: named functions only, never ipcRenderer itself,
 * never the raw IPC event (which carries `sender`), never sendSync.
 */
export function createPreloadApi(electron: PreloadElectron): EvidenceLockerApi {
  const api = createApi(
    (channel, request) => electron.invoke(channel, request),
    (name, listener) => {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      electron.on(`event:${name}`, wrapped);
      return () => electron.removeListener(`event:${name}`, wrapped);
    },
  );
  return {
    ...api,
    // Metadata only: main never reads a path the renderer names. webUtils throws for anything
    // that is not a File, and a pasted image has no path; both are recorded as none.
    pathForFile: (file: File): string => {
      try {
        return electron.getPathForFile(file);
      } catch {
        return '';
      }
    },
  } satisfies EvidenceLockerApi;
}
