import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import screenshot from 'screenshot-desktop';
import type { DisplayInfo } from '../../shared/bridge/contract';
import { imageBudgetProblem } from '../../shared/image/budget';
import type { Raster } from '../../shared/image/raster';
import { BridgeFailure } from './bridge/failure';
import { encodePng } from './png';

/**
 * A way to capture screens, always as PNG: screenshot-desktop (xrandr + ImageMagick on Linux)
 * below, or Electron's desktopCapturer (./desktopCapture) when that cannot work.
 */
export interface ScreenCapturer {
  listDisplays(): Promise<DisplayInfo[]>;
  /**
   * The display's pixels as PNG; with `raster`, also as decoded RGBA when the capturer read them
   * raw (then the PNG was encoded from exactly those pixels and need not be decoded again).
   */
  capturePng(displayId: string | null): Promise<{ png: Buffer; display: DisplayInfo; raster?: Raster }>;
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

/**
 * What screenshot-desktop runs on Linux, and the Debian/Ubuntu package that brings it (the
 * .deb depends on both; an AppImage or a copy run from a folder may lack them).
 */
export const CAPTURE_TOOLS: readonly { readonly command: string; readonly what: string; readonly debianPackage: string }[] = [
  { command: 'xrandr', what: 'xrandr (lists the screens)', debianPackage: 'x11-xserver-utils' },
  { command: 'import', what: "ImageMagick's import (reads the screen)", debianPackage: 'imagemagick' },
];

/** The capture tools not found as executables on PATH. */
export function missingCaptureTools(env: NodeJS.ProcessEnv = process.env): typeof CAPTURE_TOOLS {
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  const found = (command: string): boolean =>
    dirs.some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return CAPTURE_TOOLS.filter((tool) => !found(tool.command));
}

export function explainMissingTools(missing: typeof CAPTURE_TOOLS): string {
  const packages = missing.map((t) => t.debianPackage).join(' ');
  return `Screen capture needs ${missing.map((t) => t.what).join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed. On Debian or Ubuntu run: sudo apt-get install ${packages} — elsewhere install ${missing.length > 1 ? 'them' : 'it'} with your package manager. Then quit and reopen Evidence Locker.`;
}

/** Turns the tool's raw failures into what the user must do about them (DESIGN.md §3). */
export function explainCaptureError(error: unknown, env: NodeJS.ProcessEnv = process.env): BridgeFailure {
  const stderr: unknown = error instanceof Error ? (error as { stderr?: unknown }).stderr : undefined;
  const stderrText = typeof stderr === 'string' ? stderr : stderr instanceof Uint8Array ? Buffer.from(stderr).toString('utf8') : '';
  const text = error instanceof Error ? `${error.message} ${stderrText}` : String(error);
  if (env['XDG_SESSION_TYPE'] === 'wayland' && !env['DISPLAY']) {
    return new BridgeFailure(
      'capture-unavailable',
      'This is a Wayland session without X11 access, where the screen cannot be read directly. Log in with an "X11" or "Xorg" session, or take the screenshot with your desktop\'s own tool, copy it and paste it here (Ctrl+V) to crop, redact and stamp it.',
    );
  }
  if (/can't open display|unable to open x server|cannot open display/i.test(text) || (process.platform === 'linux' && !env['DISPLAY'])) {
    return new BridgeFailure(
      'capture-unavailable',
      'No graphical display is available to capture (DISPLAY is not set or cannot be opened). Run Evidence Locker inside your desktop session.',
    );
  }
  if (/ENOENT|not found/i.test(text) && process.platform === 'linux') {
    const missing = missingCaptureTools(env);
    return new BridgeFailure('capture-unavailable', explainMissingTools(missing.length > 0 ? missing : CAPTURE_TOOLS));
  }
  return new BridgeFailure('capture-failed', `The screen could not be captured: ${text.trim().slice(0, 300)}`);
}

/**
 * X11: the screen's raw RGBA from ImageMagick, for one xrandr listing. Issue #15: reading the
 * screen as PNG took ~540 ms of ImageMagick's encoding where raw RGBA takes ~90 ms, and the PNG
 * was then decoded again; here it is encoded once, by ./png on native zlib.
 */
function captureRgbaX11(display: DisplayInfo): Promise<Raster> {
  const { width, height, x, y } = display;
  const expected = width * height * 4;
  return new Promise((resolve, reject) => {
    // `-depth 8` must follow `-window root`: ImageMagick 6's import applies it there only (elsewhere it writes 16 bits a channel).
    const args = ['-silent', '-window', 'root', '-depth', '8', '-crop', `${width}x${height}+${x}+${y}`, '-screen', 'rgba:-'];
    execFile('import', args, { encoding: 'buffer', maxBuffer: expected + 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        // explainCaptureError reads the tool's own words from stderr ("unable to open X server").
        const failure: Error = Object.assign(error, { stderr });
        reject(failure);
        return;
      }
      if (stdout.length !== expected) {
        reject(new BridgeFailure('capture-failed', `The capture tool returned ${stdout.length} bytes for a ${width} × ${height} screen, not the ${expected} of its pixels. Nothing was stored.`));
        return;
      }
      resolve({ width, height, data: new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength) });
    });
  });
}

export function createScreenCapturer(platform: NodeJS.Platform = process.platform): ScreenCapturer {
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
      // Refused before a single pixel is read (DESIGN.md §7: decoded pixels are bounded).
      const tooLarge = imageBudgetProblem(found.info.width, found.info.height);
      if (tooLarge) throw new BridgeFailure('too-large', `Display "${found.info.name}" is ${tooLarge}. Nothing was captured.`);
      if (platform === 'linux') {
        let raster: Raster;
        try {
          raster = await captureRgbaX11(found.info);
        } catch (error) {
          throw error instanceof BridgeFailure ? error : explainCaptureError(error);
        }
        return { png: await encodePng(raster), raster, display: found.info };
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
        ? 'In a Wayland session other programs cannot read the screen directly: log in with an "X11" or "Xorg" session, or take the screenshot with your desktop\'s own tool, copy it and paste it here (Ctrl+V) to crop, redact and stamp it.'
        : 'Check that the screen was on and unlocked and that the right display was chosen, then capture again.';
  return new BridgeFailure('capture-blank', `The capture came back entirely black, so nothing was stored. ${advice}`);
}

/** Only "this way of capturing cannot work here" justifies another way; any other error is real. */
function isUnavailable(error: unknown): error is BridgeFailure {
  return error instanceof BridgeFailure && error.code === 'capture-unavailable';
}

function sameRect(a: DisplayInfo, b: DisplayInfo): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * Uses `primary` until it reports 'capture-unavailable' (a Wayland session, the capture tool
 * missing), then `fallback` for the rest of the run (DESIGN.md §3). Those causes do not go away
 * while the app runs, and staying with one capturer keeps the display ids the renderer lists
 * and the ids it asks for from the same source. Any other failure is thrown as it is: retrying
 * it elsewhere would hide a real error behind a different picture.
 */
export function withFallback(
  primary: ScreenCapturer,
  fallback: ScreenCapturer | null,
  warn: (line: string) => void = () => {},
): ScreenCapturer {
  let switched: { readonly capturer: ScreenCapturer; readonly reason: BridgeFailure } | null = null;
  // The primary's last listing: what an id the renderer still holds from it referred to.
  let primaryDisplays: readonly DisplayInfo[] = [];

  const switchOver = (error: unknown): { readonly capturer: ScreenCapturer; readonly reason: BridgeFailure } => {
    if (!isUnavailable(error) || !fallback) throw error;
    warn(`Screen capture: screenshot-desktop cannot work here (${error.message}); using Electron's desktopCapturer instead.`);
    switched = { capturer: fallback, reason: error };
    return switched;
  };

  const bothFailed = (reason: BridgeFailure, error: unknown): BridgeFailure => {
    // A display that went away is the user's next step either way, not a capturer problem.
    if (error instanceof BridgeFailure && error.code === 'not-found') return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new BridgeFailure(
      'capture-unavailable',
      `The screen cannot be captured here. ${reason.message} Electron's own screen capture, tried instead, did not work either: ${detail} Meanwhile, take the screenshot with your system's own tool, copy it and paste it here (Ctrl+V): it opens in the editor to crop, redact and stamp.`,
    );
  };

  /** An id from the primary's listing, as the fallback names the same screen (the same rectangle). */
  const translate = async (displayId: string | null, capturer: ScreenCapturer): Promise<string | null> => {
    if (displayId === null) return null;
    const theirs = await capturer.listDisplays();
    if (theirs.some((d) => d.id === displayId)) return displayId;
    const was = primaryDisplays.find((d) => d.id === displayId);
    const matches = was ? theirs.filter((d) => sameRect(d, was)) : [];
    // One screen on each side is the same screen whatever its coordinates; otherwise a guess
    // could put another screen's contents on record.
    const loneScreen = theirs.length === 1 && primaryDisplays.length <= 1 ? theirs[0] : undefined;
    const only = matches.length === 1 ? matches[0] : loneScreen;
    if (only) return only.id;
    throw new BridgeFailure(
      'not-found',
      `Screen capture switched to Electron's own capturer, which names displays differently, and display "${displayId}" could not be matched to one of its displays. Choose the display again.`,
    );
  };

  return {
    async listDisplays() {
      let use = switched;
      if (!use) {
        try {
          const displays = await primary.listDisplays();
          primaryDisplays = displays;
          return displays;
        } catch (error) {
          use = switchOver(error);
        }
      }
      try {
        return await use.capturer.listDisplays();
      } catch (error) {
        throw bothFailed(use.reason, error);
      }
    },

    async capturePng(displayId) {
      let use = switched;
      if (!use) {
        try {
          return await primary.capturePng(displayId);
        } catch (error) {
          use = switchOver(error);
        }
      }
      try {
        return await use.capturer.capturePng(await translate(displayId, use.capturer));
      } catch (error) {
        throw bothFailed(use.reason, error);
      }
    },
  };
}

/** What to do about macOS's screen-recording consent; null when capture is allowed. */
export function explainScreenAccess(status: string): BridgeFailure | null {
  if (status === 'granted') return null;
  // macOS 15 renamed the pane; people look for the words on their screen.
  const pane = 'System Settings › Privacy & Security › Screen Recording (on macOS 15 and later: "Screen & System Audio Recording")';
  if (status === 'restricted') {
    return new BridgeFailure(
      'capture-unavailable',
      'This Mac does not let Evidence Locker record the screen, and the setting is locked (macOS reports "restricted", usually a device-management profile). Ask your administrator to allow Screen Recording for Evidence Locker, or attach a screenshot taken another way as a file.',
    );
  }
  // 'denied', 'not-determined' and 'unknown' alike: without consent macOS hands back the
  // wallpaper without any windows, which must never be stored as evidence (DESIGN.md §3).
  // macOS lists an app only once it has tried to capture, and some versions report "denied"
  // before ever asking, so the + button is mentioned whatever the status.
  return new BridgeFailure(
    'capture-unavailable',
    `Evidence Locker may not record the screen yet (macOS reports "${status}"). Open ${pane}, turn on Evidence Locker (if it is not in the list, add it with the + button), then quit Evidence Locker and open it again: macOS applies the change only to a new start.`,
  );
}

export interface ScreenAccess {
  readonly platform: NodeJS.Platform;
  /** Electron's systemPreferences.getMediaAccessStatus('screen'). */
  readonly status: () => string;
  /**
   * Makes macOS ask for consent and list the app under Screen Recording. Electron has no call
   * that asks for the screen directly; trying to read it does (electron/electron#43080).
   */
  readonly request?: () => Promise<void>;
}

/** Checks macOS's consent before every capture, whichever capturer then runs. */
export function requireScreenAccess(capturer: ScreenCapturer, access: ScreenAccess): ScreenCapturer {
  if (access.platform !== 'darwin') return capturer;
  return {
    listDisplays: () => capturer.listDisplays(),
    async capturePng(displayId) {
      const status = access.status();
      const failure = explainScreenAccess(status);
      if (!failure) return capturer.capturePng(displayId);
      // Not awaited: before Electron 32 the read never settled without consent
      // (electron/electron#42143), and the advice stands whatever it does. A locked setting
      // cannot be changed by the user, so asking would only show a prompt that cannot work.
      if (status !== 'restricted') void access.request?.().catch(() => {});
      throw failure;
    },
  };
}
