import type { DesktopCapturerSource, Display, SourcesOptions } from 'electron';
import type { DisplayInfo } from '../../shared/bridge/contract';
import { BridgeFailure } from './bridge/failure';
import type { ScreenCapturer } from './capture';

/**
 * The fallback capturer (DESIGN.md §3): Electron's desktopCapturer, whose screen "thumbnails"
 * are full screenshots when asked for at the display's pixel size. Electron's modules are
 * passed in, so the source ↔ display mapping runs in Node tests with plain objects.
 */

export type ScreenSource = Pick<DesktopCapturerSource, 'id' | 'name' | 'display_id'> & {
  readonly thumbnail: { isEmpty(): boolean; toPNG(): Buffer };
};
export type ScreenDisplay = Pick<Display, 'id' | 'label' | 'bounds' | 'scaleFactor'>;

export interface DesktopCaptureDeps {
  /** desktopCapturer.getSources */
  readonly getSources: (options: SourcesOptions) => Promise<readonly ScreenSource[]>;
  /** screen.getAllDisplays */
  readonly getAllDisplays: () => readonly ScreenDisplay[];
  /** screen.getPrimaryDisplay().id */
  readonly primaryDisplayId: () => number;
}

/** Display bounds are in device-independent pixels; a capture is in the screen's own pixels. */
function pixelSize(display: ScreenDisplay): { width: number; height: number } {
  return { width: Math.round(display.bounds.width * display.scaleFactor), height: Math.round(display.bounds.height * display.scaleFactor) };
}

export function toDisplayInfo(display: ScreenDisplay, index: number, primaryId: number): DisplayInfo {
  // Pixels throughout, like screenshot-desktop's listing, so a display keeps its rectangle
  // when the capturer changes under it (withFallback matches displays by it).
  return {
    id: String(display.id),
    name: display.label || `Display ${index + 1}`,
    ...pixelSize(display),
    x: Math.round(display.bounds.x * display.scaleFactor),
    y: Math.round(display.bounds.y * display.scaleFactor),
    primary: display.id === primaryId,
  };
}

/**
 * The screen source showing `display`. Sources name their display in display_id, which
 * Electron leaves empty where the platform does not say; then only a lone screen and a lone
 * source can be paired with certainty.
 */
export function sourceForDisplay(
  display: ScreenDisplay,
  sources: readonly ScreenSource[],
  displayCount: number,
): ScreenSource | null {
  const byId = sources.find((s) => s.display_id !== '' && s.display_id === String(display.id));
  if (byId) return byId;
  const [only] = sources;
  return displayCount === 1 && sources.length === 1 && only && only.display_id === '' ? only : null;
}

export function createDesktopCapturer(deps: DesktopCaptureDeps): ScreenCapturer {
  const list = (): DisplayInfo[] => {
    const primaryId = deps.primaryDisplayId();
    return deps.getAllDisplays().map((d, i) => toDisplayInfo(d, i, primaryId));
  };
  return {
    listDisplays: async () => list(),
    async capturePng(displayId) {
      const displays = deps.getAllDisplays();
      const primaryId = deps.primaryDisplayId();
      const index =
        displayId === null
          ? Math.max(0, displays.findIndex((d) => d.id === primaryId))
          : displays.findIndex((d) => String(d.id) === displayId);
      const display = displays[index];
      if (!display) {
        throw new BridgeFailure(
          displayId === null ? 'capture-unavailable' : 'not-found',
          displayId === null ? 'No display was found to capture.' : `Display "${displayId}" is no longer connected. Choose another display.`,
        );
      }
      let sources: readonly ScreenSource[];
      try {
        // Asked for at the display's own pixel size, the thumbnail is the full-resolution screen.
        sources = await deps.getSources({ types: ['screen'], thumbnailSize: pixelSize(display) });
      } catch (error) {
        throw new BridgeFailure('capture-failed', `Electron could not read the screen: ${error instanceof Error ? error.message : String(error)}`);
      }
      const source = sourceForDisplay(display, sources, displays.length);
      const info = toDisplayInfo(display, index, primaryId);
      if (!source) {
        throw new BridgeFailure(
          'capture-unavailable',
          `Electron did not say which screen picture shows "${info.name}" (${sources.length} screen source(s) for ${displays.length} display(s)), so nothing was captured rather than a guess.`,
        );
      }
      if (source.thumbnail.isEmpty()) {
        throw new BridgeFailure('capture-failed', `Electron returned an empty picture for "${info.name}".`);
      }
      return { png: source.thumbnail.toPNG(), display: info };
    },
  };
}
