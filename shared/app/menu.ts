/**
 * The application menu's commands (issue #16, "Native feel"): main's menu sends one of these to
 * the renderer as a 'menu:command' event, the renderer checks it with isMenuCommand and acts.
 * The accelerators are here once, for main's menu and for the shortcut sheet that lists them.
 */
export const MENU_COMMANDS = ['new-audit', 'import-bundle', 'export-bundle', 'shortcuts', 'verify-bundle'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export interface MenuEntry {
  readonly label: string;
  /** Electron accelerator syntax; null when the item has no keys. */
  readonly accelerator: string | null;
}

export const MENU_ENTRIES: Readonly<Record<MenuCommand, MenuEntry>> = {
  'new-audit': { label: 'New Audit…', accelerator: 'CommandOrControl+N' },
  'import-bundle': { label: 'Import Bundle…', accelerator: 'CommandOrControl+O' },
  'export-bundle': { label: 'Export Bundle…', accelerator: 'CommandOrControl+E' },
  shortcuts: { label: 'Keyboard Shortcuts', accelerator: 'F1' },
  'verify-bundle': { label: 'Verify a Bundle…', accelerator: null },
};

/** An accelerator as people read it on this platform: 'CommandOrControl+Shift+E' → 'Ctrl+Shift+E' or '⌘⇧E'. */
export function acceleratorLabel(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const names: Readonly<Record<string, string>> = mac
    ? { CommandOrControl: '⌘', CmdOrCtrl: '⌘', Command: '⌘', Control: '⌃', Ctrl: '⌃', Shift: '⇧', Alt: '⌥', Option: '⌥' }
    : { CommandOrControl: 'Ctrl', CmdOrCtrl: 'Ctrl', Control: 'Ctrl', Ctrl: 'Ctrl', Shift: 'Shift', Alt: 'Alt' };
  const parts = accelerator.split('+').map((part) => names[part] ?? part);
  return mac ? parts.join('') : parts.join('+');
}
