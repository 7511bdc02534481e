import { acceleratorLabel } from '../app/menu';

/**
 * The global capture shortcut (DESIGN.md §3), in Electron's accelerator syntax: main registers
 * it, the renderer shows it. Ctrl+Shift+E ("evidence") is free in the common desktops and
 * browsers, unlike Print Screen, which the desktop itself usually owns.
 */
export const CAPTURE_ACCELERATOR = 'CommandOrControl+Shift+E';

export function shortcutLabel(platform: string): string {
  return acceleratorLabel(CAPTURE_ACCELERATOR, platform);
}
