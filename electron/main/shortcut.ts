import type { Events } from '../../shared/bridge/contract';
import { CAPTURE_ACCELERATOR } from '../../shared/capture/shortcut';

/** The parts of Electron's globalShortcut this needs, and how main reaches the window. */
export interface ShortcutDeps {
  readonly register: (accelerator: string, callback: () => void) => boolean;
  readonly unregister: (accelerator: string) => void;
  readonly emit: (name: 'capture:shortcut', payload: Events['capture:shortcut']) => void;
  readonly warn: (line: string) => void;
}

/**
 * Registers the global capture shortcut (DESIGN.md §3); each press asks the renderer to capture
 * for the control used last. Returns what releases it at quit. Another app may own the keys:
 * the OS then refuses silently, so the app says so and works on without the shortcut.
 */
export function registerCaptureShortcut(deps: ShortcutDeps, accelerator: string = CAPTURE_ACCELERATOR): () => void {
  let registered: boolean;
  try {
    registered = deps.register(accelerator, () => deps.emit('capture:shortcut', { accelerator }));
  } catch (error) {
    // Electron throws on an accelerator it cannot parse rather than returning false.
    deps.warn(`Global shortcut ${accelerator} is not valid (${error instanceof Error ? error.message : String(error)}); capture from the capture bar instead.`);
    return () => {};
  }
  if (!registered) {
    deps.warn(
      `Global shortcut ${accelerator} could not be registered, probably because another application uses it. Capture from the capture bar instead; everything else works.`,
    );
    return () => {};
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    deps.unregister(accelerator);
  };
}
