import type { SourcesOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { withFallback, type ScreenCapturer } from '../../../electron/main/capture';
import { BridgeFailure } from '../../../electron/main/bridge/failure';
import {
  createDesktopCapturer,
  sourceForDisplay,
  type ScreenDisplay,
  type ScreenSource,
} from '../../../electron/main/desktopCapture';

/**
 * The desktopCapturer fallback with Electron's screen and desktopCapturer replaced by plain
 * objects of the same shape: which source belongs to which display, at what size it is asked
 * for, and what is said when the mapping is not certain.
 */

const laptop: ScreenDisplay = { id: 2779098405, label: 'Built-in Retina Display', bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 };
const monitor: ScreenDisplay = { id: 69733378, label: '', bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };

function source(id: string, displayId: string, png = Buffer.from(`png of ${id}`)): ScreenSource {
  return { id, name: id, display_id: displayId, thumbnail: { isEmpty: () => png.length === 0, toPNG: () => png } };
}

function electronFake(displays: ScreenDisplay[], sources: ScreenSource[] | Error, primaryId = displays[0]?.id ?? 0) {
  const asked: SourcesOptions[] = [];
  const capturer = createDesktopCapturer({
    getSources: async (options) => {
      asked.push(options);
      if (sources instanceof Error) throw sources;
      return sources;
    },
    getAllDisplays: () => displays,
    primaryDisplayId: () => primaryId,
  });
  return { capturer, asked };
}

describe('sourceForDisplay', () => {
  const sources = [source('screen:1:0', String(monitor.id)), source('screen:0:0', String(laptop.id))];

  it('pairs a display with the source naming its id, whatever the order', () => {
    expect(sourceForDisplay(laptop, sources, 2)?.id).toBe('screen:0:0');
    expect(sourceForDisplay(monitor, sources, 2)?.id).toBe('screen:1:0');
  });

  it('pairs a lone display with a lone source that names no display', () => {
    expect(sourceForDisplay(laptop, [source('screen:0:0', '')], 1)?.id).toBe('screen:0:0');
  });

  it('refuses to guess among several displays when the sources name none', () => {
    const unnamed = [source('screen:0:0', ''), source('screen:1:0', '')];
    expect(sourceForDisplay(laptop, unnamed, 2)).toBeNull();
    expect(sourceForDisplay(laptop, [source('screen:0:0', '')], 2)).toBeNull();
  });

  it('does not take the source of another display for a lone display', () => {
    expect(sourceForDisplay(laptop, [source('screen:1:0', String(monitor.id))], 1)).toBeNull();
  });
});

describe('createDesktopCapturer', () => {
  it("lists Electron's displays in screen pixels, with names and the primary marked", async () => {
    const { capturer, asked } = electronFake([laptop, monitor], [], monitor.id);
    expect(await capturer.listDisplays()).toEqual([
      { id: '2779098405', name: 'Built-in Retina Display', width: 2880, height: 1800, x: 0, y: 0, primary: false },
      { id: '69733378', name: 'Display 2', width: 1920, height: 1080, x: 1440, y: 0, primary: true },
    ]);
    // Listing reads no pixels.
    expect(asked).toEqual([]);
  });

  it("captures the chosen display at its full pixel size and returns its source's PNG", async () => {
    const sources = [source('screen:1:0', String(monitor.id)), source('screen:0:0', String(laptop.id))];
    const { capturer, asked } = electronFake([laptop, monitor], sources);
    const shot = await capturer.capturePng(String(laptop.id));
    expect(asked).toEqual([{ types: ['screen'], thumbnailSize: { width: 2880, height: 1800 } }]);
    expect(shot.png.toString()).toBe('png of screen:0:0');
    expect(shot.display).toMatchObject({ id: String(laptop.id), width: 2880, height: 1800 });

    const second = await capturer.capturePng(String(monitor.id));
    expect(asked[1]?.thumbnailSize).toEqual({ width: 1920, height: 1080 });
    expect(second.png.toString()).toBe('png of screen:1:0');
  });

  it('captures the primary display when none is chosen', async () => {
    const sources = [source('screen:0:0', String(laptop.id)), source('screen:1:0', String(monitor.id))];
    const { capturer } = electronFake([laptop, monitor], sources, monitor.id);
    const shot = await capturer.capturePng(null);
    expect(shot.png.toString()).toBe('png of screen:1:0');
    expect(shot.display.primary).toBe(true);
  });

  it('says which display is gone', async () => {
    const { capturer, asked } = electronFake([laptop], [source('screen:0:0', String(laptop.id))]);
    await expect(capturer.capturePng('12345')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('"12345"') as unknown });
    expect(asked).toEqual([]);
  });

  it('captures nothing rather than a guess when the sources cannot be told apart', async () => {
    const { capturer } = electronFake([laptop, monitor], [source('screen:0:0', ''), source('screen:1:0', '')]);
    const error = await capturer.capturePng(String(monitor.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeFailure);
    expect(error).toMatchObject({ code: 'capture-unavailable' });
    expect((error as Error).message).toMatch(/2 screen source\(s\) for 2 display\(s\)/);
  });

  it('reports an empty picture and a failing getSources as capture failures', async () => {
    const empty = electronFake([laptop], [source('screen:0:0', String(laptop.id), Buffer.alloc(0))]);
    await expect(empty.capturer.capturePng(null)).rejects.toMatchObject({ code: 'capture-failed', message: expect.stringMatching(/empty picture/) as unknown });
    const broken = electronFake([laptop], new Error('Failed to get sources.'));
    await expect(broken.capturer.capturePng(null)).rejects.toMatchObject({
      code: 'capture-failed',
      message: "Electron could not read the screen: Failed to get sources.",
    });
  });

  it('takes over a display chosen from an xrandr listing when screenshot-desktop is unavailable', async () => {
    // X11 has one scale for all screens, so xrandr's pixel rectangles are Electron's bounds × scale.
    const left: ScreenDisplay = { id: 101, label: '', bounds: { x: 0, y: 0, width: 960, height: 540 }, scaleFactor: 2 };
    const right: ScreenDisplay = { id: 102, label: '', bounds: { x: 960, y: 0, width: 1280, height: 720 }, scaleFactor: 2 };
    const xrandr: ScreenCapturer = {
      listDisplays: async () => [
        { id: 'DP-1', name: 'DP-1', width: 1920, height: 1080, x: 0, y: 0, primary: true },
        { id: 'HDMI-1', name: 'HDMI-1', width: 2560, height: 1440, x: 1920, y: 0, primary: false },
      ],
      capturePng: () => Promise.reject(new BridgeFailure('capture-unavailable', 'Screen capture needs ImageMagick ("import").')),
    };
    const { capturer, asked } = electronFake([left, right], [source('screen:0:0', '101'), source('screen:1:0', '102')]);
    const chain = withFallback(xrandr, capturer);
    await chain.listDisplays();
    const shot = await chain.capturePng('HDMI-1');
    expect(shot.png.toString()).toBe('png of screen:1:0');
    expect(shot.display.id).toBe('102');
    expect(asked[0]?.thumbnailSize).toEqual({ width: 2560, height: 1440 });
  });
});
