import { useSystemInfo } from './systemInfo';

export function TopBar({ onShortcuts }: { readonly onShortcuts: () => void }): React.JSX.Element {
  const info = useSystemInfo();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <img className="brand-mark" src="./favicon.svg" alt="" width={28} height={28} />
        Evidence Locker
      </a>
      <span className="topbar-right">
        <span className="topbar-identity" title="Recorded on every item you capture">
          {info.user} on {info.host} · {info.timeZone} · v{info.appVersion}
        </span>
        <button type="button" className="topbar-link" onClick={onShortcuts} title="Keyboard shortcuts (?)">
          Shortcuts
        </button>
        <a className="topbar-link" href="#/settings">
          Reviewer &amp; key
        </a>
      </span>
    </header>
  );
}
