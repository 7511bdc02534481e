import { useSystemInfo } from './systemInfo';

export function TopBar(): React.JSX.Element {
  const info = useSystemInfo();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <span className="brand-mark" aria-hidden="true">
          EL
        </span>
        Evidence Locker
      </a>
      <span className="topbar-right">
        <span className="topbar-identity" title="Recorded on every item you capture">
          {info.user} on {info.host} · {info.timeZone} · v{info.appVersion}
        </span>
        <a className="topbar-link" href="#/settings">
          Reviewer &amp; key
        </a>
      </span>
    </header>
  );
}
