import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { listKeyring } from '../../db/keyring';
import { KeyNamesContext } from './keyNames';

/** Reads the keyring once for the whole app and hands its names down (see keyNames.ts). */
export function KeyNamesProvider({ children }: { readonly children: React.ReactNode }): React.JSX.Element {
  const keyring = useLiveQuery(listKeyring, [], []);
  const names = useMemo(() => new Map(keyring.map((k) => [k.fingerprint, { name: k.name, role: k.role }])), [keyring]);
  return <KeyNamesContext.Provider value={names}>{children}</KeyNamesContext.Provider>;
}
