import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadApi } from './api';

contextBridge.exposeInMainWorld(
  'evidenceLocker',
  createPreloadApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => void ipcRenderer.removeListener(channel, listener),
    getPathForFile: (file) => webUtils.getPathForFile(file),
  }),
);
