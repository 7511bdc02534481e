import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options in one place (DESIGN.md §6), so a test can read every security
 * setting without the Electron binary. Each flag is written out even where it is Electron's
 * default: a default can change between releases, and scanners check for the explicit value.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Evidence Locker',
    backgroundColor: '#f6f7f9',
    // Windows and Linux show it in the task bar (a packaged app on Linux also has its .desktop icon).
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: true,
    },
  };
}
