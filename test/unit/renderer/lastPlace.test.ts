import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAudit } from '../../../renderer/db/audits';
import { addControl, listControls, setControlRetired } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { lastPlace, rememberPlace } from '../../../renderer/db/lastPlace';

const ACTOR = 'alice@laptop';

async function newAudit(name: string): Promise<string> {
  const audit = await createAudit({ name, organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' }, ACTOR);
  return audit.id;
}

describe('the last place the app reopens on', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('is nothing on a fresh installation', async () => {
    expect(await lastPlace()).toBeNull();
  });

  it('is the audit and control last open; another view of the same audit keeps the control', async () => {
    const auditId = await newAudit('FY2026');
    const [first] = await listControls(auditId);
    await rememberPlace(auditId, first?.id ?? null);
    await rememberPlace(auditId, null);
    expect(await lastPlace()).toEqual({ auditId, controlId: first?.id });
  });

  it('forgets the control when another audit is opened', async () => {
    const a = await newAudit('FY2026');
    const b = await newAudit('FY2027');
    const [control] = await listControls(a);
    await rememberPlace(a, control?.id ?? null);
    await rememberPlace(b, null);
    expect(await lastPlace()).toEqual({ auditId: b, controlId: null });
  });

  it('falls back to the audit when the control was retired, and to nothing when the audit is gone', async () => {
    const auditId = await newAudit('FY2026');
    const control = await addControl(auditId, { ref: 'ZZ-01', title: 'Badge review', description: '', owner: '', frequency: 'quarterly', criteria: ['CC6.4'] }, ACTOR);
    await rememberPlace(auditId, control.id);
    await setControlRetired(control.id, true, ACTOR);
    expect(await lastPlace()).toEqual({ auditId, controlId: null });
    await db.audits.delete(auditId);
    expect(await lastPlace()).toBeNull();
  });

  it('ignores a stored value of the wrong shape', async () => {
    await db.settings.put({ key: 'lastPlace', value: { auditId: 42 } });
    expect(await lastPlace()).toBeNull();
  });
});
