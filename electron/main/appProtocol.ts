import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CSP_HEADER } from '../../shared/security/csp';

/**
 * The renderer is served from app://evidence-locker/ rather than file://, so that the bridge
 * can tell the app's own frames from any other page by origin, and file:// keeps no special
 * privileges (the GrantFileProtocolExtraPrivileges fuse is off).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'evidence-locker';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL to a file under `root`, or null. Rejects other hosts, encoded
 * separators, NUL bytes and anything that resolves outside the folder.
 */
export function resolveAppAsset(root: string, requestUrl: string, expectedHost: string = APP_HOST): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.hostname !== expectedHost) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (!file.startsWith(base + sep)) return null;
  return file;
}

/**
 * main's answer to an app:// request: the file under `root` with its type and the CSP, or 404.
 * The benchmark serves the renderer through this same function (test/support/appServer.ts).
 */
export async function appAssetResponse(root: string, requestUrl: string): Promise<Response> {
  const file = resolveAppAsset(root, requestUrl);
  if (!file) return new Response('Not found', { status: 404 });
  const body = await readFile(file).catch(() => null);
  if (!body) return new Response('Not found', { status: 404 });
  return new Response(body, {
    headers: { 'Content-Type': contentTypeFor(file), 'Content-Security-Policy': CSP_HEADER, 'X-Content-Type-Options': 'nosniff' },
  });
}
