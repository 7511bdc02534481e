import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN } from '../../electron/main/appProtocol';

/**
 * Serves the app's pages over http on loopback, every response made by main's own app://
 * protocol handler: Chromium here cannot load app:// itself, so only the scheme differs. The
 * handler is looked up per request, so a restarted main serves the same origin (IndexedDB is
 * kept per origin, port included).
 */
export interface AppServer {
  readonly origin: string;
  /** app://evidence-locker/x → http://127.0.0.1:port/x */
  toHttp(appUrl: string): string;
  /** The app:// URL main sees for a page on this server; other URLs are left as they are. */
  toApp(httpUrl: string): string;
  close(): Promise<void>;
}

export async function startAppServer(fetchApp: () => (appUrl: string) => Promise<Response>): Promise<AppServer> {
  const server: Server = createServer((request, response) => {
    fetchApp()(`${APP_ORIGIN}${request.url ?? '/'}`)
      .then(async (answer) => {
        const headers = Object.fromEntries(answer.headers.entries());
        response.writeHead(answer.status, { ...headers, 'Cache-Control': 'no-store' }).end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    toHttp: (appUrl) => (appUrl.startsWith(`${APP_ORIGIN}/`) ? `${origin}${appUrl.slice(APP_ORIGIN.length)}` : appUrl),
    toApp: (httpUrl) => (httpUrl === origin || httpUrl.startsWith(`${origin}/`) ? `${APP_ORIGIN}${httpUrl.slice(origin.length)}` : httpUrl),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
