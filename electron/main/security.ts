import type { Session, WebContents } from 'electron';
import { CSP_HEADER } from '../../shared/security/csp';

/**
 * Guards for everything the window could be talked into (DESIGN.md §6). They take Electron
 * objects as parameters so tests can hand them small fakes with the same shape.
 */

type HeaderSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export function applySessionSecurity(session: HeaderSession): void {
  // The app needs no permission: capture runs in main, files come from main's dialogs.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CSP_HEADER],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents): void {
  // The app is one page with hash routes: any real navigation is an attack or an accident.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
