import screenshot from 'screenshot-desktop';
import type { DisplayInfo } from '../../shared/bridge/contract';
import { BridgeFailure } from './bridge/failure';

/** Screen capture through screenshot-desktop (xrandr + ImageMagick on Linux). Always PNG. */
export interface ScreenCapturer {
  listDisplays(): Promise<DisplayInfo[]>;
  capturePng(displayId: string | null): Promise<{ png: Buffer; display: DisplayInfo }>;
}

type RawDisplay = screenshot.Display & {
  width?: number;
  height?: number;
  offsetX?: number;
  offsetY?: number;
  left?: number;
  top?: number;
  right?: number;
  bottom?: number;
  primary?: boolean;
};

function toDisplayInfo(raw: RawDisplay, index: number): DisplayInfo {
  const x = raw.offsetX ?? raw.left ?? 0;
  const y = raw.offsetY ?? raw.top ?? 0;
  const width = raw.width ?? (raw.right !== undefined ? raw.right - x : 0);
  const height = raw.height ?? (raw.bottom !== undefined ? raw.bottom - y : 0);
  return {
    id: String(raw.id),
    name: raw.name || `Display ${index + 1}`,
    width,
    height,
    x,
    y,
    primary: raw.primary ?? index === 0,
  };
}

/** Turns the tool's raw failures into what the user must do about them (DESIGN.md §3). */
export function explainCaptureError(error: unknown, env: NodeJS.ProcessEnv = process.env): BridgeFailure {
  const stderr: unknown = error instanceof Error ? (error as { stderr?: unknown }).stderr : undefined;
  const stderrText = typeof stderr === 'string' ? stderr : stderr instanceof Uint8Array ? Buffer.from(stderr).toString('utf8') : '';
  const text = error instanceof Error ? `${error.message} ${stderrText}` : String(error);
  if (env['XDG_SESSION_TYPE'] === 'wayland' && !env['DISPLAY']) {
    return new BridgeFailure(
      'capture-unavailable',
      'This is a Wayland session without X11 access, where the screen cannot be read directly. Log in with an "X11" or "Xorg" session, or attach a screenshot taken with your desktop\'s own tool as a file.',
    );
  }
  if (/can't open display|unable to open x server|cannot open display/i.test(text) || (process.platform === 'linux' && !env['DISPLAY'])) {
    return new BridgeFailure(
      'capture-unavailable',
      'No graphical display is available to capture (DISPLAY is not set or cannot be opened). Run Evidence Locker inside your desktop session.',
    );
  }
  if (/ENOENT|not found/i.test(text) && process.platform === 'linux') {
    return new BridgeFailure(
      'capture-unavailable',
      'Screen capture needs ImageMagick ("import") and xrandr. Install them, e.g. `sudo apt-get install imagemagick x11-xserver-utils`.',
    );
  }
  return new BridgeFailure('capture-failed', `The screen could not be captured: ${text.trim().slice(0, 300)}`);
}

export function createScreenCapturer(): ScreenCapturer {
  // Keeps the library's own id (a number on macOS and Windows) beside the string we expose.
  const listRaw = async (): Promise<{ raw: RawDisplay; info: DisplayInfo }[]> => {
    try {
      const raw = (await screenshot.listDisplays()) as RawDisplay[];
      return raw.map((r, i) => ({ raw: r, info: toDisplayInfo(r, i) }));
    } catch (error) {
      throw explainCaptureError(error);
    }
  };
  return {
    listDisplays: async () => (await listRaw()).map((d) => d.info),
    async capturePng(displayId) {
      const displays = await listRaw();
      const found =
        displayId === null ? (displays.find((d) => d.info.primary) ?? displays[0]) : displays.find((d) => d.info.id === displayId);
      if (!found) {
        throw new BridgeFailure(
          displayId === null ? 'capture-unavailable' : 'not-found',
          displayId === null ? 'No display was found to capture.' : `Display "${displayId}" is no longer connected. Choose another display.`,
        );
      }
      try {
        // The library's own default is lossy JPEG: evidence is always PNG (DESIGN.md §3).
        const png = await screenshot({ screen: found.raw.id, format: 'png' });
        return { png, display: found.info };
      } catch (error) {
        throw explainCaptureError(error);
      }
    },
  };
}

/**
 * What to say when a capture came back with nothing on it (DESIGN.md §3: never store a useless
 * image silently). The usual causes differ by platform, so the advice does too.
 */
export function explainBlankCapture(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): BridgeFailure {
  const advice =
    platform === 'darwin'
      ? 'macOS returns an empty picture when Evidence Locker may not record the screen: open System Settings › Privacy & Security › Screen Recording, allow Evidence Locker, then quit and reopen it.'
      : env['XDG_SESSION_TYPE'] === 'wayland'
        ? 'In a Wayland session other programs cannot read the screen directly: log in with an "X11" or "Xorg" session, or attach a screenshot taken with your desktop\'s own tool as a file.'
        : 'Check that the screen was on and unlocked and that the right display was chosen, then capture again.';
  return new BridgeFailure('capture-blank', `The capture came back entirely black, so nothing was stored. ${advice}`);
}
