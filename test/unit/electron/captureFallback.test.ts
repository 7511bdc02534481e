import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeFailure } from '../../../electron/main/bridge/failure';
import {
  createScreenCapturer,
  explainScreenAccess,
  requireScreenAccess,
  withFallback,
  type ScreenCapturer,
} from '../../../electron/main/capture';
import type { DisplayInfo } from '../../../shared/bridge/contract';

/**
 * The capture chain of DESIGN.md §3: screenshot-desktop first, Electron's desktopCapturer when
 * the first cannot work here, and macOS's screen-recording consent checked before either.
 * The capturers around the chain are small in-test objects that record what was asked of them.
 */

const display = (id: string, x = 0, width = 1280): DisplayInfo => ({ id, name: `Screen ${id}`, width, height: 800, x, y: 0, primary: x === 0 });

function pngOf(width: number, height: number): Buffer {
  return PNG.sync.write(new PNG({ width, height }));
}

interface FakeCapturer extends ScreenCapturer {
  readonly captured: (string | null)[];
  readonly listed: { count: number };
}

function fakeCapturer(displays: DisplayInfo[], failure: BridgeFailure | null = null, failListing = false): FakeCapturer {
  const captured: (string | null)[] = [];
  const listed = { count: 0 };
  return {
    captured,
    listed,
    async listDisplays() {
      listed.count += 1;
      if (failure && failListing) throw failure;
      return displays;
    },
    async capturePng(displayId) {
      captured.push(displayId);
      if (failure) throw failure;
      const found = displayId === null ? displays[0] : displays.find((d) => d.id === displayId);
      if (!found) throw new BridgeFailure('not-found', `Display "${displayId}" is no longer connected.`);
      return { png: pngOf(2, 2), display: found };
    },
  };
}

const unavailable = (): BridgeFailure =>
  new BridgeFailure('capture-unavailable', 'This is a Wayland session without X11 access. Log in with an "X11" session.');

describe('withFallback', () => {
  it('uses the primary while it works and never touches the fallback', async () => {
    const primary = fakeCapturer([display('HDMI-1')]);
    const fallback = fakeCapturer([display('1')]);
    const chain = withFallback(primary, fallback);
    expect((await chain.listDisplays()).map((d) => d.id)).toEqual(['HDMI-1']);
    const shot = await chain.capturePng('HDMI-1');
    expect(shot.display.id).toBe('HDMI-1');
    expect(primary.captured).toEqual(['HDMI-1']);
    expect([fallback.captured, fallback.listed.count]).toEqual([[], 0]);
  });

  it('captures with the fallback when the primary is unavailable, says so once, and stays with it', async () => {
    const primary = fakeCapturer([display('HDMI-1')], unavailable());
    const fallback = fakeCapturer([display('7')]);
    const warnings: string[] = [];
    const chain = withFallback(primary, fallback, (line) => warnings.push(line));
    const shot = await chain.capturePng(null);
    expect(shot.display.id).toBe('7');
    expect(fallback.captured).toEqual([null]);
    // From now on the listing comes from the capturer that captures, so ids match.
    expect((await chain.listDisplays()).map((d) => d.id)).toEqual(['7']);
    await chain.capturePng('7');
    expect(primary.captured).toEqual([null]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Wayland.*desktopCapturer/);
  });

  it('lists the fallback displays when the primary cannot even list them', async () => {
    const primary = fakeCapturer([], unavailable(), true);
    const fallback = fakeCapturer([display('1'), display('2', 1280)]);
    const chain = withFallback(primary, fallback);
    expect((await chain.listDisplays()).map((d) => d.id)).toEqual(['1', '2']);
    expect((await chain.capturePng('2')).display.id).toBe('2');
    expect(primary.captured).toEqual([]);
  });

  it('carries a display chosen from the primary listing over to the fallback display with the same rectangle', async () => {
    const primary = fakeCapturer([display('DP-1'), display('HDMI-1', 1280, 1920)], unavailable());
    const fallback = fakeCapturer([display('41'), display('42', 1280, 1920)]);
    const chain = withFallback(primary, fallback);
    await chain.listDisplays();
    const shot = await chain.capturePng('HDMI-1');
    expect(fallback.captured).toEqual(['42']);
    expect(shot.display.id).toBe('42');
  });

  it('asks the user to choose again when a display of the primary listing cannot be matched', async () => {
    const primary = fakeCapturer([display('DP-1'), display('HDMI-1', 1280)], unavailable());
    const fallback = fakeCapturer([display('41', 0, 1024), display('42', 1024, 1024)]);
    const chain = withFallback(primary, fallback);
    await chain.listDisplays();
    const error = await chain.capturePng('HDMI-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-found' });
    expect((error as Error).message).toMatch(/"HDMI-1" could not be matched.*Choose the display again/);
    expect(fallback.captured).toEqual([]);

    // Nor is the one screen the fallback sees taken for one of two the user chose from.
    const lone = withFallback(fakeCapturer([display('DP-1'), display('HDMI-1', 1280)], unavailable()), fakeCapturer([display('41', 0, 1024)]));
    await lone.listDisplays();
    await expect(lone.capturePng('HDMI-1')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('takes the only screen for the only screen, whatever rectangle each reports', async () => {
    const chain = withFallback(fakeCapturer([display('default')], unavailable()), fakeCapturer([display('41', 0, 2560)]));
    await chain.listDisplays();
    expect((await chain.capturePng('default')).display.id).toBe('41');
  });

  it('says what happened to both and what to do when the fallback fails too', async () => {
    const primary = fakeCapturer([display('HDMI-1')], unavailable());
    const fallback = fakeCapturer([display('1')], new BridgeFailure('capture-failed', 'Electron could not read the screen: portal refused.'));
    const error = await withFallback(primary, fallback).capturePng(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeFailure);
    expect(error).toMatchObject({ code: 'capture-unavailable' });
    const message = (error as Error).message;
    expect(message).toContain('Wayland session without X11 access. Log in with an "X11" session.');
    expect(message).toContain("Electron's own screen capture, tried instead, did not work either: Electron could not read the screen: portal refused.");
    expect(message).toMatch(/paste it here \(Ctrl\+V\): it opens in the editor/);
  });

  it('does not retry a capture that failed for a reason other than unavailability', async () => {
    const real = new BridgeFailure('capture-failed', 'The screen could not be captured: import: unable to grab mouse');
    const primary = fakeCapturer([display('HDMI-1')], real);
    const fallback = fakeCapturer([display('1')]);
    await expect(withFallback(primary, fallback).capturePng('HDMI-1')).rejects.toBe(real);
    expect([fallback.captured, fallback.listed.count]).toEqual([[], 0]);
  });

  it('passes an unexpected error through untouched', async () => {
    const bug = new TypeError('x is undefined');
    const primary: ScreenCapturer = { listDisplays: () => Promise.reject(bug), capturePng: () => Promise.reject(bug) };
    const fallback = fakeCapturer([display('1')]);
    await expect(withFallback(primary, fallback).listDisplays()).rejects.toBe(bug);
    expect(fallback.listed.count).toBe(0);
  });

  it('without a fallback, reports the primary unavailability as it is', async () => {
    const reason = unavailable();
    await expect(withFallback(fakeCapturer([display('HDMI-1')], reason), null).capturePng(null)).rejects.toBe(reason);
  });

  describe('with the real screenshot-desktop capturer as the primary', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('falls back when there is no display to open', async () => {
      // As on a Linux desktop where the app cannot reach X: xrandr fails to open the display.
      vi.stubEnv('DISPLAY', '');
      vi.stubEnv('XDG_SESSION_TYPE', 'wayland');
      const fallback = fakeCapturer([display('1')]);
      const warnings: string[] = [];
      const chain = withFallback(createScreenCapturer(), fallback, (line) => warnings.push(line));
      expect((await chain.listDisplays()).map((d) => d.id)).toEqual(['1']);
      expect((await chain.capturePng(null)).display.id).toBe('1');
      expect(warnings.join()).toMatch(/Wayland session without X11 access/);
    });
  });
});

describe('explainScreenAccess', () => {
  it('lets the capture go ahead only when macOS says "granted"', () => {
    expect(explainScreenAccess('granted')).toBeNull();
    for (const status of ['denied', 'not-determined', 'restricted', 'unknown', '']) {
      expect(explainScreenAccess(status)).toMatchObject({ code: 'capture-unavailable' });
    }
  });

  it('gives the exact steps when the user can allow it', () => {
    const message = explainScreenAccess('denied')?.message ?? '';
    expect(message).toContain('System Settings › Privacy & Security › Screen Recording');
    expect(message).toContain('turn on Evidence Locker');
    expect(message).toMatch(/quit Evidence Locker and open it again/);
    expect(message).toContain('"denied"');
  });

  it('points to the + button for an app macOS has not listed yet', () => {
    expect(explainScreenAccess('not-determined')?.message).toMatch(/not in the list, add it with the \+ button/);
    expect(explainScreenAccess('restricted')?.message).not.toMatch(/\+ button/);
  });

  it('sends the user to an administrator when the setting is locked', () => {
    expect(explainScreenAccess('restricted')?.message).toMatch(/locked.*administrator/);
  });
});

describe('requireScreenAccess', () => {
  it('on macOS without consent refuses before any capturer runs', async () => {
    const inner = fakeCapturer([display('1')]);
    const gated = requireScreenAccess(inner, { platform: 'darwin', status: () => 'denied' });
    await expect(gated.capturePng(null)).rejects.toMatchObject({ code: 'capture-unavailable' });
    expect(inner.captured).toEqual([]);
    // Listing needs no consent and shows the user which screens there are.
    expect(await gated.listDisplays()).toHaveLength(1);
  });

  it('on macOS with consent captures', async () => {
    const inner = fakeCapturer([display('1')]);
    const shot = await requireScreenAccess(inner, { platform: 'darwin', status: () => 'granted' }).capturePng('1');
    expect(shot.display.id).toBe('1');
  });

  it('makes macOS ask (and list the app) without consent, and still refuses this capture', async () => {
    const inner = fakeCapturer([display('1')]);
    const asked: string[] = [];
    for (const status of ['not-determined', 'denied', 'restricted', 'granted']) {
      const gated = requireScreenAccess(inner, { platform: 'darwin', status: () => status, request: async () => void asked.push(status) });
      await gated.capturePng(null).catch(() => null);
    }
    // A locked setting cannot be changed by the user; a granted one needs no asking.
    expect(asked).toEqual(['not-determined', 'denied']);
    expect(inner.captured).toEqual([null]);
  });

  it('does not wait for the request, which older Electron never settled without consent', async () => {
    const inner = fakeCapturer([display('1')]);
    const gated = requireScreenAccess(inner, { platform: 'darwin', status: () => 'denied', request: () => new Promise<void>(() => {}) });
    await expect(gated.capturePng(null)).rejects.toMatchObject({ code: 'capture-unavailable' });
  });

  it('keeps the advice when asking macOS itself fails', async () => {
    const gated = requireScreenAccess(fakeCapturer([display('1')]), {
      platform: 'darwin',
      status: () => 'not-determined',
      request: () => Promise.reject(new Error('no sources')),
    });
    await expect(gated.capturePng(null)).rejects.toThrow(/Screen Recording/);
  });

  it('does not consult macOS consent on other platforms', async () => {
    let consulted = false;
    const inner = fakeCapturer([display('1')]);
    for (const platform of ['linux', 'win32'] as const) {
      const gated = requireScreenAccess(inner, { platform, status: () => ((consulted = true), 'denied') });
      expect((await gated.capturePng(null)).display.id).toBe('1');
    }
    expect(consulted).toBe(false);
  });
});
