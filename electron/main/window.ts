import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './appProtocol';
import { mainWindowOptions } from './windowOptions';

export function createMainWindow(rendererUrl: string | undefined): BrowserWindow {
  // The scanner only reads literal options; these come from mainWindowOptions(), whose every
  // flag (contextIsolation, sandbox, Auxclick off, …) test/unit/electron/security.test.ts checks.
  const options = mainWindowOptions(join(__dirname, '../preload/index.cjs'), join(__dirname, '../renderer/icon.png'));
  const window = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- see mainWindowOptions() and its test
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
