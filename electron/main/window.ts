import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './appProtocol';
import { guardWebContents } from './security';
import { mainWindowOptions } from './windowOptions';

export function createMainWindow(rendererUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
