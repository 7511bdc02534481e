import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../../shared/bridge/contract';
import { bridge, hasBridge, messageOf, unwrap } from '../../bridge';
import { AuditListPage } from '../audits/AuditListPage';
import { AuditPage } from '../audits/AuditPage';
import { NewAuditPage } from '../audits/NewAuditPage';
import { SettingsPage } from '../settings/SettingsPage';
import { ImportPage } from '../import/ImportPage';
import { GlobalCapture } from '../capture/GlobalCapture';
import { ShortcutSheet } from '../shortcuts/ShortcutSheet';
import { usePageShortcuts } from '../shortcuts/usePageShortcuts';
import { AppNotice } from './AppNotice';
import { FatalScreen } from './FatalScreen';
import { SystemInfoContext } from './systemInfo';
import { TopBar } from './TopBar';
import { KeyNamesProvider } from '../review/KeyNamesProvider';
import { useHashRoute } from './useHashRoute';
import { useMenuCommands } from './useMenuCommands';
import { usePlaceMemory } from './usePlaceMemory';

export function App(): React.JSX.Element {
  const route = useHashRoute();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(hasBridge() ? null : 'Evidence Locker must run inside its desktop app.');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const settled = usePlaceMemory(route);
  const openSheet = (): void => setSheetOpen(true);
  usePageShortcuts(openSheet);
  useMenuCommands(route, { openSheet, notify: setNotice });

  useEffect(() => {
    if (!hasBridge()) return;
    unwrap(bridge().systemInfo({})).then(setInfo, (e: unknown) => setError(messageOf(e)));
  }, []);

  if (error) return <FatalScreen message={error} />;
  if (!info || !settled) return <div className="loading">Starting…</div>;

  return (
    <SystemInfoContext.Provider value={info}>
      <KeyNamesProvider>
        <TopBar onShortcuts={openSheet} />
        <GlobalCapture />
        {notice && <AppNotice message={notice} onDismiss={() => setNotice(null)} />}
        <main className="page">
          {route.screen === 'audits' && <AuditListPage />}
          {route.screen === 'new-audit' && <NewAuditPage key={route.from ?? 'new'} from={route.from ?? null} />}
          {route.screen === 'settings' && <SettingsPage />}
          {route.screen === 'import' && <ImportPage choose={route.choose ?? false} />}
          {route.screen === 'audit' && <AuditPage route={route} />}
        </main>
        <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      </KeyNamesProvider>
    </SystemInfoContext.Provider>
  );
}
