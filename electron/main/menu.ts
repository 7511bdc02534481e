import type { MenuItemConstructorOptions } from 'electron';
import { MENU_ENTRIES, type MenuCommand } from '../../shared/app/menu';

/**
 * The application menu (issue #16). Commands that belong to the page (open a screen, show the
 * shortcut sheet) go to the renderer as 'menu:command' events through `send`; Edit and View
 * are Electron's standard roles, so copy, paste, undo, zoom and full screen behave as on every
 * other app of the platform. Built from plain data, so a test can read it without Electron.
 */
export function menuTemplate(platform: NodeJS.Platform, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const item = (command: MenuCommand): MenuItemConstructorOptions => {
    const { label, accelerator } = MENU_ENTRIES[command];
    return { id: command, label, ...(accelerator ? { accelerator } : {}), click: () => send(command) };
  };
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [item('new-audit'), { type: 'separator' }, item('import-bundle'), item('export-bundle'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    ...(mac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: '&Help', role: 'help', submenu: [item('shortcuts'), item('verify-bundle')] },
  ];
}
