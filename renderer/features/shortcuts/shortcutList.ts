import { acceleratorLabel, MENU_ENTRIES, type MenuCommand } from '../../../shared/app/menu';
import { CAPTURE_ACCELERATOR } from '../../../shared/capture/shortcut';

/**
 * Every keyboard shortcut of the app, once: the shortcut sheet shows them all, the review queue
 * shows its own group, and the menu's come from the accelerators main's menu uses. A key is a
 * combination written with '+' ("Ctrl+Enter"); `keys` lists alternatives ("j" or "↓").
 */
export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

export const REVIEW_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j', '↓'], action: 'next item' },
  { keys: ['k', '↑'], action: 'previous item' },
  { keys: ['x'], action: 'select / unselect' },
  { keys: ['a'], action: 'approve selected (or current)' },
  { keys: ['r'], action: 'write a rejection comment' },
  { keys: ['Ctrl+Enter'], action: 'reject, in the comment' },
  { keys: ['Esc'], action: 'leave the comment' },
];

const MENU_ORDER: readonly MenuCommand[] = ['new-audit', 'import-bundle', 'export-bundle', 'shortcuts'];

export function shortcutGroups(platform: string): readonly ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        { keys: ['?'], action: 'this sheet' },
        { keys: ['/'], action: 'search: filter the list on screen' },
        { keys: [acceleratorLabel(CAPTURE_ACCELERATOR, platform)], action: 'capture the screen for the control you used last, from any application' },
        ...MENU_ORDER.flatMap((command) => {
          const { label, accelerator } = MENU_ENTRIES[command];
          return accelerator ? [{ keys: [acceleratorLabel(accelerator, platform)], action: label.replace(/…$/, '') }] : [];
        }),
      ],
    },
    {
      title: 'Controls (Fieldwork)',
      shortcuts: [
        { keys: ['j'], action: 'next control' },
        { keys: ['k'], action: 'previous control' },
        { keys: ['c'], action: 'capture the screen for this control' },
        { keys: ['Ctrl+V'], action: 'paste a screenshot or files as evidence' },
      ],
    },
    { title: 'Review queue', shortcuts: REVIEW_SHORTCUTS },
    {
      title: 'Capture editor',
      shortcuts: [
        { keys: ['Enter', 'Ctrl+S'], action: 'save the capture' },
        { keys: ['Esc'], action: 'discard it' },
        { keys: ['C'], action: 'crop' },
        { keys: ['R'], action: 'draw a redaction box' },
        { keys: ['B'], action: 'add a box without the mouse' },
        { keys: ['←↑↓→'], action: 'move the last box (with Shift: 10 px)' },
        { keys: ['Alt+←↑↓→'], action: 'resize the last box' },
        { keys: ['Ctrl+Z'], action: 'undo' },
        { keys: ['Ctrl+Shift+Z'], action: 'redo' },
      ],
    },
  ];
}
