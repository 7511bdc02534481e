import { shell } from 'electron';
import { isAllowedExternalUrl } from './security';

/** The only call to shell.openExternal in the app, behind the allow-list. */
export function openAllowedExternal(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- guarded by isAllowedExternalUrl (https, exact host allow-list), tested in security.test.ts
}
