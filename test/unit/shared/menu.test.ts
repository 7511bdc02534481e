import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';
import { acceleratorLabel, isMenuCommand, MENU_COMMANDS, type MenuCommand } from '../../../shared/app/menu';
import { shortcutLabel } from '../../../shared/capture/shortcut';

describe('menu commands', () => {
  it('accepts exactly the declared commands', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    for (const hostile of ['', 'quit', 'NEW-AUDIT', 'new-audit ', null, 1, { command: 'new-audit' }, ['new-audit']]) expect(isMenuCommand(hostile)).toBe(false);
  });

  it('writes accelerators as each platform shows them', () => {
    expect(acceleratorLabel('CommandOrControl+Shift+E', 'linux')).toBe('Ctrl+Shift+E');
    expect(acceleratorLabel('CommandOrControl+Shift+E', 'darwin')).toBe('⌘⇧E');
    expect(acceleratorLabel('F1', 'win32')).toBe('F1');
    expect(shortcutLabel('darwin')).toBe('⌘⇧E');
  });
});

describe("main's application menu", () => {
  const sent: MenuCommand[] = [];
  const clickAll = (items: ReturnType<typeof menuTemplate>): void => {
    for (const item of items) {
      if (Array.isArray(item.submenu)) clickAll(item.submenu);
      (item.click as (() => void) | undefined)?.();
    }
  };

  it('sends every command once, and only from File and Help', () => {
    const template = menuTemplate('linux', (command) => sent.push(command));
    clickAll(template);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(template.map((i) => i.label ?? i.role)).toEqual(['&File', 'editMenu', 'viewMenu', '&Help']);
  });

  it('has the app and window menus of macOS there, and Close instead of Quit in File', () => {
    const template = menuTemplate('darwin', () => {});
    expect(template.map((i) => i.label ?? i.role)).toEqual(['appMenu', '&File', 'editMenu', 'viewMenu', 'windowMenu', '&Help']);
    const file = template[1]?.submenu;
    expect(Array.isArray(file) ? file.at(-1)?.role : null).toBe('close');
  });
});
