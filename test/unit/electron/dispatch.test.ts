import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { createDispatcher, isTrustedUrl, type Sender } from '../../../electron/main/bridge/dispatch';
import { BridgeFailure } from '../../../electron/main/bridge/failure';
import type { HandlerTable } from '../../../electron/main/bridge/handlers';
import { CHANNELS, type Channel } from '../../../shared/bridge/contract';

/** A handler table that records every call, to prove refused calls never reach a handler. */
function recordingTable(impl: (channel: Channel, request: unknown) => Promise<unknown> = async () => 'ran'): {
  table: HandlerTable;
  calls: Channel[];
} {
  const calls: Channel[] = [];
  const table = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push(channel);
        return impl(channel, request);
      },
    ]),
  ) as unknown as HandlerTable;
  return { table, calls };
}

const APP: Sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };

describe('the bridge dispatcher', () => {
  const foreignSenders: [string, Sender][] = [
    ['a web page', { url: 'https://evil.example/index.html', isMainFrame: true }],
    ['a file:// page', { url: 'file:///home/user/evil.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://evidence-locker.evil.example/index.html', isMainFrame: true }],
    ['another app:// host', { url: 'app://other/index.html', isMainFrame: true }],
    ['a URL with credentials', { url: 'app://user:pw@evidence-locker/index.html', isMainFrame: true }],
    ['a subframe of the app', { url: `${APP_ORIGIN}/index.html`, isMainFrame: false }],
    ['a frame without URL', { url: undefined, isMainFrame: true }],
    ['a garbage URL', { url: 'not a url', isMainFrame: true }],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>', isMainFrame: true }],
  ];

  for (const [label, sender] of foreignSenders) {
    it(`refuses a call from ${label} before any handler runs`, async () => {
      const { table, calls } = recordingTable();
      const dispatch = createDispatcher(table, APP_ORIGIN);
      for (const channel of CHANNELS) {
        expect(await dispatch(channel, sender, {})).toEqual({
          ok: false,
          error: { code: 'forbidden-sender', message: expect.any(String) as string },
        });
      }
      expect(calls).toEqual([]);
    });
  }

  it('passes a valid call from the app window to its handler', async () => {
    const { table, calls } = recordingTable();
    const dispatch = createDispatcher(table, APP_ORIGIN);
    expect(await dispatch('system:info', APP, {})).toEqual({ ok: true, value: 'ran' });
    expect(calls).toEqual(['system:info']);
  });

  it('accepts the dev server origin when that is the app origin, port included', async () => {
    const dispatch = createDispatcher(recordingTable().table, 'http://localhost:5173');
    expect((await dispatch('system:info', { url: 'http://localhost:5173/#/', isMainFrame: true }, {})).ok).toBe(true);
    expect((await dispatch('system:info', { url: 'http://localhost:5174/', isMainFrame: true }, {})).ok).toBe(false);
  });

  it('refuses unknown channels by name, including prototype keys', async () => {
    const { table, calls } = recordingTable();
    const dispatch = createDispatcher(table, APP_ORIGIN);
    for (const channel of ['fs:write', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(channel, APP, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a malformed payload and names the field', async () => {
    const { table, calls } = recordingTable();
    const dispatch = createDispatcher(table, APP_ORIGIN);
    const result = await dispatch('capture:screen', APP, { displayId: null, delayMs: 60_000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(!result.ok && result.error.message).toContain('delayMs');
    expect(await dispatch('system:info', APP, { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(calls).toEqual([]);
  });

  it('returns a handler failure as a coded result instead of throwing', async () => {
    const dispatch = createDispatcher(
      recordingTable(() => Promise.reject(new BridgeFailure('capture-unavailable', 'No display'))).table,
      APP_ORIGIN,
    );
    expect(await dispatch('capture:displays', APP, {})).toEqual({ ok: false, error: { code: 'capture-unavailable', message: 'No display' } });
  });

  it('reports an unexpected exception as internal, with the channel named, and logs it', async () => {
    const lines: string[] = [];
    const dispatch = createDispatcher(
      recordingTable(() => Promise.reject(new TypeError('boom'))).table,
      APP_ORIGIN,
      (line) => lines.push(line),
    );
    const result = await dispatch('evidence:read', APP, { sha256: 'a'.repeat(64) });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'evidence:read failed unexpectedly: boom' } });
    expect(lines.join('\n')).toContain('TypeError: boom');
  });

  // Issue #14: "disk full during a dropped-file upload shows 'internal: … aborted'". An error
  // whose cause the system names is reported by that cause, whatever the handler.
  const errno = (code: string, syscall: string, path?: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: ${syscall} failed${path ? `, '${path}'` : ''}`), { code, syscall, ...(path ? { path } : {}) });
  const known: [string, Channel, NodeJS.ErrnoException, { code: string; message: string }][] = [
    ['a full disk', 'sample:open', errno('ENOSPC', 'write'), { code: 'io-error', message: 'The disk is full, so the sample audit could not be prepared. Free some space and try again.' }],
    ['an exhausted quota, worded as a full disk', 'capture:save', errno('EDQUOT', 'write'), { code: 'io-error', message: 'The disk is full, so the capture could not be saved. Free some space and try again.' }],
    ['a full disk on a channel with no wording of its own', 'system:info', errno('ENOSPC', 'write'), { code: 'io-error', message: 'The disk is full, so system:info could not finish. Free some space and try again.' }],
    ['a refused permission', 'bundle:inspect', errno('EACCES', 'open', '/media/usb/b.zip'), { code: 'io-error', message: 'Permission was denied, so the bundle could not be checked (/media/usb/b.zip).' }],
    ['a read-only disk', 'files:upload-chunk', errno('EROFS', 'open'), { code: 'io-error', message: 'The disk is read-only, so the file could not be stored.' }],
    ['too many open files', 'evidence:verify', errno('EMFILE', 'open'), { code: 'io-error', message: 'Too many files are open at once, so the stored files could not be checked. Try again in a moment.' }],
    ['a disk error', 'evidence:read', errno('EIO', 'read', '/store/ab/cd/x'), { code: 'io-error', message: 'The disk reported a read or write error, so the stored file could not be read (/store/ab/cd/x).' }],
  ];
  for (const [what, channel, error, expected] of known) {
    it(`reports ${what} by its cause, never as internal`, async () => {
      const lines: string[] = [];
      const dispatch = createDispatcher(recordingTable(() => Promise.reject(error)).table, APP_ORIGIN, (line) => lines.push(line));
      const payloads: Partial<Record<Channel, unknown>> = {
        'capture:save': { token: '9d3c1a52-7f0e-4b8a-8c51-0a6b2f3e4d5c', crop: null, redactions: [], stamp: new Uint8Array([1]) },
        'files:upload-chunk': { uploadId: '9d3c1a52-7f0e-4b8a-8c51-0a6b2f3e4d5c', offset: 0, bytes: new Uint8Array(1) },
        'evidence:verify': { sha256s: ['a'.repeat(64)] },
        'evidence:read': { sha256: 'a'.repeat(64) },
        'sample:open': { trusted: [] },
        'bundle:inspect': { trusted: [] },
      };
      expect(await dispatch(channel, APP, payloads[channel] ?? {})).toEqual({ ok: false, error: expected });
      expect(lines.join('\n')).toContain(error.message);
    });
  }

  it('compares origins by scheme, host and port', () => {
    expect(isTrustedUrl('app://evidence-locker/a/b?c#d', APP_ORIGIN)).toBe(true);
    // Chromium canonicalizes a standard scheme's host to lower case, so the app never sends
    // this form; Node keeps a non-special scheme's case, and the check fails closed.
    expect(isTrustedUrl('app://EVIDENCE-LOCKER/', APP_ORIGIN)).toBe(false);
    expect(isTrustedUrl('app://evidence-locker:8080/', APP_ORIGIN)).toBe(false);
    expect(isTrustedUrl('http://evidence-locker/', APP_ORIGIN)).toBe(false);
    expect(isTrustedUrl(undefined, APP_ORIGIN)).toBe(false);
  });
});
