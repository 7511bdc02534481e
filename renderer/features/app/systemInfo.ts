import { createContext, useContext } from 'react';
import type { SystemInfo } from '../../../shared/bridge/contract';

export const SystemInfoContext = createContext<SystemInfo | null>(null);

/** Who and where the user is, as main reports it; loaded once before any screen renders. */
export function useSystemInfo(): SystemInfo {
  const info = useContext(SystemInfoContext);
  if (!info) throw new Error('useSystemInfo outside SystemInfoContext');
  return info;
}

export function actorOf(info: SystemInfo): string {
  return `${info.user}@${info.host}`;
}
