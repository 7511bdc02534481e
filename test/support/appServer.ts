import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentTypeFor, resolveAppAsset } from '../../electron/main/appProtocol';
import { CSP_HEADER } from '../../shared/security/csp';

/**
 * Serves the built renderer the way main's app:// handler does: same path resolver, same CSP
 * header. Only the scheme differs (http on loopback), since Chromium cannot load app:// here.
 * `port` 0 picks a free one; the benchmark passes a fixed port, because IndexedDB belongs to an
 * origin, port included, and its seeded profile must find its database again (TOOLCHAIN.md).
 */
export async function startAppServer(root: string, port = 0): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const url = `http://127.0.0.1${request.url ?? '/'}`;
    const file = resolveAppAsset(root, url, '127.0.0.1');
    const notFound = (): void => {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    };
    if (!file) return notFound();
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, {
            'Content-Type': contentTypeFor(file),
            'Content-Security-Policy': CSP_HEADER,
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-store',
          })
          .end(body),
      notFound,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
