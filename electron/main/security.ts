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
      // The scanner cannot evaluate CSP_HEADER (an imported constant) and reports it unparsable.
      responseHeaders: { // eng-disable CSP_GLOBAL_CHECK -- value is shared/security/csp.ts, checked by test/unit/shared/format.test.ts and e2e
        ...details.responseHeaders,
        'Content-Security-Policy': [CSP_HEADER],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/**
 * Links the app may hand to the system browser: help pages of standards we cite. Parsed with
 * URL and compared exactly, so "https://www.aicpa-cima.com.evil.example" or a javascript:
 * URL never reaches shell.openExternal.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = ['www.aicpa-cima.com', 'www.rfc-editor.org', 'pages.nist.gov'];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_URL_ALLOWLIST.includes(url.hostname);
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Navigation and window guards for every web contents. A link to an allow-listed page opens
 * in the system browser through `openExternal`; nothing ever opens inside the app.
 */
export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => void = () => {}): void {
  // The app is one page with hash routes: any real navigation is an attack or an accident.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
