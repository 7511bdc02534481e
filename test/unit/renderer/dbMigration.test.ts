import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LockerDb, SCHEMA_V1, SCHEMA_V4 } from '../../../renderer/db/db';

const NAME = 'migration-test';

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('the database schema', () => {
  it('upgrades a v1 database to the current version: rows are kept, audits gain an empty report, evidence no original or report', async () => {
    // A database exactly as v1 wrote it.
    const v1 = new Dexie(NAME);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('audits').add({ id: 'a1', name: 'FY2026', organization: 'Acme', type: 'type2', createdAt: '2026-01-01T00:00:00Z' });
    await v1.table('evidence').add({ id: 'e1', auditId: 'a1', controlIds: ['c1'], sha256: 'a'.repeat(64), capturedAt: '2026-02-01T00:00:00Z' });
    v1.close();

    const current = new LockerDb(NAME);
    await current.open();
    expect(current.verno).toBe(6);
    expect(await current.audits.get('a1')).toMatchObject({ id: 'a1', name: 'FY2026', report: null, archivedAt: null });
    expect(await current.evidence.get('e1')).toMatchObject({ id: 'e1', sha256: 'a'.repeat(64), original: null, systemReport: null });
    expect(await current.evidence.where('controlIds').equals('c1').count()).toBe(1);
    await current.requests.add({
      id: 'r1',
      auditId: 'a1',
      requestId: 'PBC-1',
      description: 'User list',
      controlIds: [],
      dueDate: null,
      createdAt: '2026-01-01T00:00:00Z',
    });
    expect(await current.requests.where('[auditId+requestId]').equals(['a1', 'PBC-1']).count()).toBe(1);
    current.close();
  });

  it('upgrades a v4 database with a reviewer to the keyring version: the reviewer\'s own key is in the keyring, nothing else', async () => {
    const v4 = new Dexie(NAME);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('settings').add({
      key: 'reviewer',
      value: { name: 'Dana Reviewer', role: 'IT Manager', publicKeyRaw: 'A'.repeat(43) + '=', fingerprint: 'abcd '.repeat(15) + 'abcd', createdAt: '2026-03-01T09:00:00.000Z' },
    });
    await v4.table('settings').add({ key: 'stamp', value: { host: true } });
    v4.close();

    const current = new LockerDb(NAME);
    await current.open();
    expect(await current.keyring.toArray()).toEqual([
      {
        fingerprint: 'abcd '.repeat(15) + 'abcd',
        publicKey: 'A'.repeat(43) + '=',
        name: 'Dana Reviewer',
        role: 'IT Manager',
        source: 'own',
        how: 'made on this computer',
        addedAt: '2026-03-01T09:00:00.000Z',
        addedBy: 'schema upgrade',
      },
    ]);
    expect(await current.keyring.where('source').equals('own').count()).toBe(1);
    expect(await current.settings.get('stamp')).toEqual({ key: 'stamp', value: { host: true } });
    current.close();
  });

  it('upgrades a v4 database without a reviewer to an empty keyring', async () => {
    const v4 = new Dexie(NAME);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('audits').add({ id: 'a1', name: 'FY2026' });
    v4.close();
    const current = new LockerDb(NAME);
    await current.open();
    expect(await current.keyring.count()).toBe(0);
    expect(await current.audits.get('a1')).toMatchObject({ name: 'FY2026' });
    current.close();
  });
});
