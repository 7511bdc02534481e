import { db } from './db';

/**
 * Whether this installation's first-run welcome is done with (issue #16): the user skipped it or
 * went on to create or import an audit from it. A preference of this installation, not logged.
 */
const KEY = 'welcomeDone';

export async function isWelcomeDone(): Promise<boolean> {
  return typeof (await db.settings.get(KEY))?.value === 'string';
}

export async function markWelcomeDone(): Promise<void> {
  if (await isWelcomeDone()) return;
  await db.settings.put({ key: KEY, value: new Date().toISOString() });
}
