import { DEFAULT_SOD_POLICY, isSodPolicy, type Signer, type SodPolicy } from '../../shared/review/segregation';
import { db } from './db';
import { appendLog } from './log';
import { INSTALLATION_LOG } from './reviewer';

/** Segregation of duties for this installation's reviewer: a control an auditor asks about, so changes are logged. */
const KEY = 'segregationOfDuties';

export async function getSodPolicy(): Promise<SodPolicy> {
  const value = (await db.settings.get(KEY))?.value;
  return isSodPolicy(value) ? value : DEFAULT_SOD_POLICY;
}

export async function setSodPolicy(policy: SodPolicy, actor: string): Promise<void> {
  if (!isSodPolicy(policy)) throw new Error('Choose warn or forbid.');
  await db.transaction('rw', db.settings, db.log, async () => {
    const before = (await db.settings.get(KEY))?.value;
    const from = isSodPolicy(before) ? before : DEFAULT_SOD_POLICY;
    if (from === policy && before !== undefined) return;
    await db.settings.put({ key: KEY, value: policy });
    await appendLog(INSTALLATION_LOG, { actor, action: 'update', target: 'segregation-of-duties', details: { changes: { policy: { from, to: policy } } } });
  });
}

/** The OS user and host in an actor string ('user@host', see actorOf): the host has no '@'. */
export function signerOf(actor: string): Signer {
  const at = actor.lastIndexOf('@');
  return at < 0 ? { user: actor, host: '' } : { user: actor.slice(0, at), host: actor.slice(at + 1) };
}
