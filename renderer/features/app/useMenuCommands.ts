import { useEffect, useEffectEvent } from 'react';
import { isMenuCommand, type MenuCommand } from '../../../shared/app/menu';
import { bridge } from '../../bridge';
import { lastPlace } from '../../db/lastPlace';
import { navigate, toolRoute, type Route } from './useHashRoute';

/**
 * Carries out what the application menu sends (main's 'menu:command' event). The command is
 * checked like any input from outside the page: an unknown one is reported, never guessed at.
 */
export function useMenuCommands(route: Route, actions: { readonly openSheet: () => void; readonly notify: (message: string) => void }): void {
  const run = useEffectEvent(async (command: MenuCommand): Promise<void> => {
    switch (command) {
      case 'new-audit':
        navigate({ screen: 'new-audit' });
        return;
      case 'import-bundle':
      case 'verify-bundle':
        navigate({ screen: 'import', choose: true });
        return;
      case 'shortcuts':
        actions.openSheet();
        return;
      case 'export-bundle': {
        const auditId = route.screen === 'audit' ? route.auditId : ((await lastPlace())?.auditId ?? null);
        if (auditId === null) actions.notify('Open an audit first: File › Export Bundle exports the audit you are working on.');
        else navigate(toolRoute(auditId, 'export'));
        return;
      }
    }
  });
  useEffect(
    () =>
      bridge().onEvent('menu:command', (payload) => {
        const command: unknown = (payload as { command?: unknown } | null)?.command;
        if (isMenuCommand(command)) void run(command);
        else console.warn(`menu: ignored an unknown command ${JSON.stringify(command)}`);
      }),
    [],
  );
}
