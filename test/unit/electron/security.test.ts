import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentTypeFor, resolveAppAsset } from '../../../electron/main/appProtocol';
import { applySessionSecurity, guardWebContents, isAllowedExternalUrl } from '../../../electron/main/security';
import { mainWindowOptions } from '../../../electron/main/windowOptions';
import { CSP_HEADER } from '../../../shared/security/csp';

type Listener = (event: { preventDefault: () => void; defaultPrevented?: boolean }, ...args: unknown[]) => void;

/** A stand-in with the shape of the WebContents methods the guards use. */
function fakeContents(): {
  contents: Parameters<typeof guardWebContents>[0];
  emit: (name: string) => boolean;
  openWindow: (url?: string) => unknown;
} {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      windowOpenHandler = handler;
    },
  } as unknown as Parameters<typeof guardWebContents>[0];
  return {
    contents,
    emit: (name) => {
      let prevented = false;
      for (const listener of listeners.get(name) ?? []) listener({ preventDefault: () => (prevented = true) }, 'https://evil.example');
      return prevented;
    },
    openWindow: (url = 'https://evil.example/') => windowOpenHandler?.({ url }),
  };
}

describe('the main window options', () => {
  const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences ?? {};

  it('isolates and sandboxes the renderer with no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and turns risky features off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads only the given preload', () => {
    expect(prefs.preload).toBe('/app/preload/index.cjs');
  });
});

describe('the web contents guards', () => {
  it('blocks every navigation, redirect and webview', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents);
    expect(fake.emit('will-navigate')).toBe(true);
    expect(fake.emit('will-redirect')).toBe(true);
    expect(fake.emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents);
    expect(fake.openWindow()).toEqual({ action: 'deny' });
  });

  it('hands only allow-listed https links to the system browser, and still opens no window', () => {
    const opened: string[] = [];
    const fake = fakeContents();
    guardWebContents(fake.contents, (url) => opened.push(url));
    expect(fake.openWindow('https://www.aicpa-cima.com/resources/soc')).toEqual({ action: 'deny' });
    expect(fake.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.aicpa-cima.com/resources/soc']);
  });
});

describe('the external link allow-list', () => {
  it('accepts https links to the listed hosts', () => {
    expect(isAllowedExternalUrl('https://www.aicpa-cima.com/x')).toBe(true);
    expect(isAllowedExternalUrl('https://www.rfc-editor.org/rfc/rfc8493')).toBe(true);
  });

  const hostile = [
    'http://www.aicpa-cima.com/',
    'https://www.aicpa-cima.com.evil.example/',
    'https://evil.example/?https://www.aicpa-cima.com/',
    'https://user@www.aicpa-cima.com/',
    'https://www.aicpa-cima.com:8443/',
    'javascript:alert(1)//www.aicpa-cima.com',
    'file:///etc/passwd',
    'smb://www.aicpa-cima.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
    '',
  ];
  for (const url of hostile) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      expect(isAllowedExternalUrl(url)).toBe(false);
    });
  }
});

describe('the session policy', () => {
  type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type HeadersHandler = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  let permissionRequest: PermissionHandler | null = null;
  let permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  let headers: HeadersHandler | null = null;
  const session = {
    setPermissionRequestHandler: (h: PermissionHandler) => (permissionRequest = h),
    setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (permissionCheck = h),
    webRequest: { onHeadersReceived: (h: HeadersHandler) => (headers = h) },
  } as unknown as Parameters<typeof applySessionSecurity>[0];
  applySessionSecurity(session);

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | null = null;
      permissionRequest?.({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(permissionCheck?.({}, permission)).toBe(false);
    }
  });

  it('adds the CSP header to every response and keeps the other headers', () => {
    let out: Record<string, string[]> | undefined;
    headers?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (out = r.responseHeaders));
    expect(out).toMatchObject({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP_HEADER], 'X-Content-Type-Options': ['nosniff'] });
  });
});

describe('the app:// protocol resolver', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'renderer-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html for the root and files below the renderer folder', () => {
    expect(resolveAppAsset(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset(root, `${APP_ORIGIN}/index.html#/audits/1`)).toBe(join(root, 'index.html'));
  });

  const hostile = [
    `${APP_ORIGIN}/../../etc/passwd`,
    `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`,
    `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`,
    `${APP_ORIGIN}/..%5c..%5cwindows%5cwin.ini`,
    `${APP_ORIGIN}/index.html%00.png`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://other-host/index.html',
    'app://evidence-locker.evil/index.html',
    'not a url',
  ];
  for (const url of hostile) {
    it(`refuses ${url}`, () => {
      const resolved = resolveAppAsset(root, url);
      // Either refused, or (for dot segments the URL parser folds away) still inside the folder.
      if (resolved !== null) expect(resolved.startsWith(root + '/')).toBe(true);
      if (/%00|%5c|%E0|other-host|evil|not a url|%2f/i.test(url)) expect(resolved).toBeNull();
    });
  }

  it('labels scripts and styles with their real types so nosniff lets them run', () => {
    expect(contentTypeFor('/x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/index.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
