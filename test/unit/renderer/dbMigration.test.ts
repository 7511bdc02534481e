import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LockerDb, SCHEMA_V1, SCHEMA_V4, SCHEMA_V6, SCHEMA_V7 } from '../../../renderer/db/db';

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
    expect(current.verno).toBe(8);
    expect(await current.audits.get('a1')).toMatchObject({ id: 'a1', name: 'FY2026', report: null, archivedAt: null });
    // v7's indexes are built over rows written by v1.
    expect(await current.evidence.where('[auditId+id]').between(['a1', Dexie.minKey], ['a1', Dexie.maxKey]).primaryKeys()).toEqual(['e1']);
    expect(await current.evidence.where('[auditId+sha256]').equals(['a1', 'a'.repeat(64)]).count()).toBe(1);
    expect(await current.keyring.count()).toBe(0);
    expect(await current.evidence.get('e1')).toMatchObject({ id: 'e1', sha256: 'a'.repeat(64), original: null, systemReport: null, withdrawal: null });
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

  it('upgrades a v6 database to v7 and on: every row and keyring entry is kept, and the new indexes find them', async () => {
    const hash = 'b'.repeat(64);
    const item = (id: string, auditId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id,
      auditId,
      controlIds: ['c1'],
      sha256: hash,
      capturedAt: '2026-02-01T00:00:00Z',
      supersedes: null,
      original: null,
      systemReport: null,
      ...extra,
    });
    // A database exactly as v6 wrote it: two audits holding the same bytes, one re-capture, a trusted key.
    const v6 = new Dexie(NAME);
    v6.version(6).stores(SCHEMA_V6);
    await v6.table('evidence').bulkAdd([item('e1', 'a1'), item('e2', 'a1', { supersedes: 'e1', sha256: 'c'.repeat(64) }), item('e3', 'a2')]);
    await v6.table('signoffs').bulkAdd([
      { id: 's2', auditId: 'a1', evidenceId: 'e1' },
      { id: 's1', auditId: 'a1', evidenceId: 'e2' },
      { id: 's3', auditId: 'a2', evidenceId: 'e3' },
    ]);
    await v6.table('keyring').add({ fingerprint: 'abcd', publicKey: 'A', name: 'Dana', role: '', source: 'own', how: '', addedAt: '', addedBy: '' });
    v6.close();

    const current = new LockerDb(NAME);
    await current.open();
    expect(current.verno).toBe(8);
    expect(await current.evidence.count()).toBe(3);
    expect(await current.keyring.get('abcd')).toMatchObject({ name: 'Dana', source: 'own' });
    // An item's re-capture, found without reading the audit.
    expect(await current.evidence.where('supersedes').equals('e1').primaryKeys()).toEqual(['e2']);
    // The same bytes within one audit only: a2's copy is not a1's duplicate.
    expect(await current.evidence.where('[auditId+sha256]').equals(['a1', hash]).primaryKeys()).toEqual(['e1']);
    // An audit's rows in key order, resumable after a key: what the chunked reads rely on.
    expect(await current.evidence.where('[auditId+id]').between(['a1', Dexie.minKey], ['a1', Dexie.maxKey]).primaryKeys()).toEqual(['e1', 'e2']);
    expect(await current.evidence.where('[auditId+id]').between(['a1', 'e1'], ['a1', Dexie.maxKey], false, true).primaryKeys()).toEqual(['e2']);
    expect(await current.signoffs.where('[auditId+id]').between(['a1', Dexie.minKey], ['a1', Dexie.maxKey]).primaryKeys()).toEqual(['s1', 's2']);
    current.close();
  });

  it('upgrades a v7 database to v8: every item is not withdrawn, and the withdrawn-items index holds exactly the items withdrawn since', async () => {
    const item = (id: string, auditId: string): Record<string, unknown> => ({
      id,
      auditId,
      controlIds: ['c1'],
      sha256: id.repeat(64).slice(0, 64),
      capturedAt: '2026-02-01T00:00:00Z',
      supersedes: null,
      original: null,
      systemReport: null,
    });
    const v7 = new Dexie(NAME);
    v7.version(7).stores(SCHEMA_V7);
    await v7.table('evidence').bulkAdd([item('a', 'a1'), item('b', 'a1'), item('c', 'a2')]);
    v7.close();

    const current = new LockerDb(NAME);
    await current.open();
    expect(current.verno).toBe(8);
    expect((await current.evidence.toArray()).map((e) => [e.id, e.withdrawal])).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
    const withdrawnOf = (auditId: string): Promise<string[]> =>
      current.evidence.where('[auditId+withdrawal.at]').between([auditId, Dexie.minKey], [auditId, Dexie.maxKey]).primaryKeys();
    expect(await withdrawnOf('a1')).toEqual([]);
    await current.evidence.update('b', { withdrawal: { at: '2026-12-01T10:00:00.000Z', by: 'alice@laptop', reason: 'wrong file', purge: null } });
    await current.evidence.update('c', { withdrawal: { at: '2026-12-01T10:00:00.000Z', by: 'alice@laptop', reason: 'wrong audit', purge: null } });
    expect(await withdrawnOf('a1')).toEqual(['b']);
    expect(await withdrawnOf('a2')).toEqual(['c']);
    // Undone: the row leaves the index again.
    await current.evidence.update('b', { withdrawal: null });
    expect(await withdrawnOf('a1')).toEqual([]);
    // The other indexes still hold every row, withdrawn or not.
    expect(await current.evidence.where('controlIds').equals('c1').count()).toBe(3);
    current.close();
  });
});
