import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../../shared/bridge/contract';
import { bridge, hasBridge, messageOf, unwrap } from '../../bridge';
import { AuditListPage } from '../audits/AuditListPage';
import { AuditPage } from '../audits/AuditPage';
import { NewAuditPage } from '../audits/NewAuditPage';
import { SettingsPage } from '../settings/SettingsPage';
import { ImportPage } from '../import/ImportPage';
import { GlobalCapture } from '../capture/GlobalCapture';
import { FatalScreen } from './FatalScreen';
import { SystemInfoContext } from './systemInfo';
import { TopBar } from './TopBar';
import { useHashRoute } from './useHashRoute';

export function App(): React.JSX.Element {
  const route = useHashRoute();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(hasBridge() ? null : 'Evidence Locker must run inside its desktop app.');

  useEffect(() => {
    if (!hasBridge()) return;
    unwrap(bridge().systemInfo({})).then(setInfo, (e: unknown) => setError(messageOf(e)));
  }, []);

  if (error) return <FatalScreen message={error} />;
  if (!info) return <div className="loading">Starting…</div>;

  return (
    <SystemInfoContext.Provider value={info}>
      <TopBar />
      <GlobalCapture />
      <main className="page">
        {route.screen === 'audits' && <AuditListPage />}
        {route.screen === 'new-audit' && <NewAuditPage key={route.from ?? 'new'} from={route.from ?? null} />}
        {route.screen === 'settings' && <SettingsPage />}
        {route.screen === 'import' && <ImportPage />}
        {route.screen === 'audit' && <AuditPage route={route} />}
      </main>
    </SystemInfoContext.Provider>
  );
}
