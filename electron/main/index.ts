import { app, type BrowserWindow, desktopCapturer, dialog, globalShortcut, ipcMain, Menu, protocol, screen, session, shell, systemPreferences } from 'electron';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNELS, type EventName, type Events } from '../../shared/bridge/contract';
import { APP_ORIGIN, APP_SCHEME, appAssetResponse } from './appProtocol';
import { createDispatcher } from './bridge/dispatch';
import { createHandlers } from './bridge/handlers';
import { createScreenCapturer, requireScreenAccess, withFallback } from './capture';
import { createDesktopCapturer } from './desktopCapture';
import { applySessionSecurity, guardWebContents } from './security';
import { registerCaptureShortcut } from './shortcut';
import { createEvidenceStore } from './store';
import { createTempLedger, sweepLeftovers } from './sweep';
import { stagingDirOf } from './bundle/staging';
import { openAllowedExternal } from './external';
import { menuTemplate } from './menu';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;

// A second copy of the app only hands over to the first (its 'second-instance' event). It must
// start nothing itself: quit() does not stop 'ready' from firing (electron/electron#25527), and
// a second main would sweep the first one's half-written imports out of the shared store.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  // Registered before ready: a standard, secure scheme gets an origin, so IndexedDB and the
  // bridge's sender check work; it is not granted any file or CORS bypass.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  // Every web contents, including any a bug might create, gets the same guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openAllowedExternal));

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const rendererRoot = join(__dirname, '../renderer');
    // electron-vite sets this for `npm run dev` only; a packaged app always serves app://.
    const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
    const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;

    protocol.handle(APP_SCHEME, (request) => appAssetResponse(rendererRoot, request.url));
    applySessionSecurity(session.defaultSession);

    const emit = <E extends EventName>(name: E, payload: Events[E]): void => {
      mainWindow?.webContents.send(`event:${name}`, payload);
    };

    const store = createEvidenceStore(join(app.getPath('userData'), 'evidence'));
    // Before any write can start (the bridge is registered below): files of an import the last
    // run was killed in the middle of.
    await store.sweepTemp();
    // And what a killed run left elsewhere: an export's hidden .partial, the sample's folder, staged files.
    const ledgerDir = join(app.getPath('userData'), 'temp-ledger');
    const tempLedger = createTempLedger(ledgerDir);
    const swept = await sweepLeftovers({ ledgerDir, tmpDir: tmpdir(), startedAt: Date.now() - process.uptime() * 1000, stagingDir: stagingDirOf(store.root) });
    if (swept.length > 0) console.warn(`start-up sweep: removed what an earlier run left behind: ${swept.join(', ')}`);
    const fallbackCapturer = createDesktopCapturer({
      getSources: (options) => desktopCapturer.getSources(options),
      getAllDisplays: () => screen.getAllDisplays(),
      primaryDisplayId: () => screen.getPrimaryDisplay().id,
    });
    const capturer = requireScreenAccess(
      withFallback(createScreenCapturer(), fallbackCapturer, (line) => console.warn(line)),
      {
        platform: process.platform,
        status: () => systemPreferences.getMediaAccessStatus('screen'),
        // Reading sources is what makes macOS prompt and list the app under Screen Recording.
        request: async () => void (await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 1, height: 1 } })),
      },
    );
    // What the page had open in main (uploads, captures, imports) ends with the page.
    const pageGoneListeners: ((reason: string) => void)[] = [];
    const pageGone = (reason: string): void => pageGoneListeners.forEach((listener) => listener(reason));
    const handlers = createHandlers({
      onPageGone: (listener) => void pageGoneListeners.push(listener),
      tempLedger,
      store,
      capturer,
      appVersion: app.getVersion(),
      emit,
      chooseFilesToImport: async () => {
        const options: Electron.OpenDialogOptions = { title: 'Attach evidence files', properties: ['openFile', 'multiSelections'] };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      chooseBundlePath: async (suggestedName) => {
        const options: Electron.SaveDialogOptions = {
          title: 'Save the audit bundle',
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'ZIP bundle', extensions: ['zip'] }],
        };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      revealInFolder: (path) => shell.showItemInFolder(path),
      chooseKeyCardPath: async (suggestedName) => {
        const options: Electron.SaveDialogOptions = {
          title: 'Save your key card',
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'Key card (HTML)', extensions: ['html'] }],
        };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      chooseBundleToImport: async () => {
        const options: Electron.OpenDialogOptions = {
          title: 'Import an Evidence Locker bundle',
          properties: ['openFile'],
          filters: [{ name: 'ZIP bundle', extensions: ['zip'] }],
        };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      hideWindowForCapture: async () => {
        const window = mainWindow;
        if (!window) return () => {};
        if (window.isVisible() && !window.isMinimized()) {
          window.hide();
          // The compositor needs a moment to take the window off screen before the pixels are read.
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        // The editor opens next, so the window comes forward with focus, also after a capture
        // started by the global shortcut while the app was minimized or behind other windows.
        return () => {
          if (window.isDestroyed()) return;
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        };
      },
    });
    const dispatch = createDispatcher(handlers, appOrigin, (line) => console.warn(line));
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, payload: unknown) =>
        dispatch(channel, { url: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null }, payload),
      );
    }

    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (command) => emit('menu:command', { command }))));
    mainWindow = createMainWindow(devUrl);
    mainWindow.on('closed', () => {
      mainWindow = null;
      pageGone('the window was closed.');
    });
    mainWindow.webContents.on('did-start-navigation', (details) => {
      // A reload or a new document; hash routes within the app are same-document and keep everything.
      if (details.isMainFrame && !details.isSameDocument) pageGone('the window was reloaded.');
    });
    mainWindow.webContents.on('render-process-gone', (_event, details) => pageGone(`the window's page stopped (${details.reason}).`));

    const releaseShortcut = registerCaptureShortcut({
      register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
      emit,
      warn: (line) => console.warn(line),
    });
    app.on('will-quit', releaseShortcut);
  });
}
