import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportedRequest } from '../../../shared/csv/requestsCsv';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { verifyChain } from '../../../shared/log/chain';
import { createAudit } from '../../../renderer/db/audits';
import { db } from '../../../renderer/db/db';
import { listLog } from '../../../renderer/db/log';
import { importRequests, listRequests, setRequestControls } from '../../../renderer/db/requests';

const ACTOR = 'dana@laptop';
const NOW = new Date('2026-11-26T10:00:00.000Z');

let audit: AuditRecord;

async function control(ref: string): Promise<ControlRecord> {
  const found = await db.controls.where('[auditId+ref]').equals([audit.id, ref]).first();
  if (!found) throw new Error(`the starter set has no ${ref}`);
  return found;
}

function request(requestId: string, controlRefs: string[] = [], dueDate: string | null = null): ImportedRequest {
  return { requestId, description: `Evidence for ${requestId}`, controlRefs, dueDate };
}

async function expectChainIntact(auditId: string): Promise<void> {
  expect(verifyChain(await listLog(auditId))).toEqual({ ok: true });
}

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'America/New_York' },
    ACTOR,
  );
});

describe('importRequests', () => {
  it('adds the requests with their controls resolved from refs, and logs one import entry with the file name', async () => {
    const ac01 = await control('AC-01');
    const ac02 = await control('AC-02');
    const logBefore = (await listLog(audit.id)).length;

    const result = await importRequests(audit.id, [request('PBC-1', ['AC-01', 'AC-02'], '2026-12-15'), request('PBC-2')], 'pbc list.csv', ACTOR, NOW);

    expect(result.added.map((r) => r.requestId)).toEqual(['PBC-1', 'PBC-2']);
    const stored = await listRequests(audit.id);
    expect(stored.find((r) => r.requestId === 'PBC-1')).toMatchObject({
      auditId: audit.id,
      description: 'Evidence for PBC-1',
      controlIds: [ac01.id, ac02.id],
      dueDate: '2026-12-15',
      createdAt: NOW.toISOString(),
    });
    const log = await listLog(audit.id);
    expect(log).toHaveLength(logBefore + 1);
    expect(log.at(-1)).toMatchObject({
      action: 'import',
      actor: ACTOR,
      details: { fileName: 'pbc list.csv', count: 2, skipped: 0, requestIds: ['PBC-1', 'PBC-2'] },
    });
    await expectChainIntact(audit.id);
  });

  it('skips request ids the audit already holds, without regard to case, and leaves them unchanged', async () => {
    await importRequests(audit.id, [request('PBC-1', ['AC-01'])], 'first.csv', ACTOR, NOW);
    const result = await importRequests(audit.id, [request('pbc-1', ['AC-02']), request('PBC-3')], 'second.csv', ACTOR, NOW);

    expect(result.skipped).toEqual(['pbc-1']);
    expect(result.added.map((r) => r.requestId)).toEqual(['PBC-3']);
    const first = (await listRequests(audit.id)).find((r) => r.requestId === 'PBC-1');
    expect(first?.controlIds).toEqual([(await control('AC-01')).id]);
    expect((await listLog(audit.id)).at(-1)?.details).toMatchObject({ fileName: 'second.csv', count: 1, skipped: 1 });
    await expectChainIntact(audit.id);
  });

  it('writes nothing and logs nothing when every request is already present', async () => {
    await importRequests(audit.id, [request('PBC-1')], 'first.csv', ACTOR, NOW);
    const logBefore = (await listLog(audit.id)).length;
    const result = await importRequests(audit.id, [request('PBC-1')], 'again.csv', ACTOR, NOW);
    expect(result).toEqual({ added: [], skipped: ['PBC-1'] });
    expect(await listLog(audit.id)).toHaveLength(logBefore);
  });

  it('does not link a control retired since the preview', async () => {
    const retired = await control('AC-02');
    await db.controls.update(retired.id, { retired: true });
    await importRequests(audit.id, [request('PBC-1', ['AC-01', 'AC-02'])], 'list.csv', ACTOR, NOW);
    expect((await listRequests(audit.id))[0]?.controlIds).toEqual([(await control('AC-01')).id]);
  });

  it('is all or nothing: when the log entry cannot be written, no request is stored', async () => {
    const failLog = (): void => {
      throw new Error('disk full');
    };
    db.log.hook('creating', failLog);
    try {
      await expect(importRequests(audit.id, [request('PBC-1'), request('PBC-2')], 'list.csv', ACTOR, NOW)).rejects.toThrow('disk full');
    } finally {
      db.log.hook('creating').unsubscribe(failLog);
    }
    expect(await listRequests(audit.id)).toEqual([]);
    await expectChainIntact(audit.id);
  });

  it('keeps each audit to its own list', async () => {
    const other = await createAudit(
      { name: 'Other', organization: 'Acme', type: 'type1', asOf: '2026-06-30', periodStart: '', periodEnd: '', timeZone: 'UTC' },
      ACTOR,
    );
    await importRequests(audit.id, [request('PBC-1')], 'a.csv', ACTOR, NOW);
    const result = await importRequests(other.id, [request('PBC-1')], 'b.csv', ACTOR, NOW);
    expect(result.added).toHaveLength(1);
    expect(await listRequests(other.id)).toHaveLength(1);
  });
});

describe('setRequestControls', () => {
  it('replaces the linked controls and logs the change by id and by ref', async () => {
    const ac01 = await control('AC-01');
    const ac02 = await control('AC-02');
    const [stored] = (await importRequests(audit.id, [request('PBC-1', ['AC-01'])], 'list.csv', ACTOR, NOW)).added;
    if (!stored) throw new Error('nothing imported');

    await setRequestControls(stored.id, [ac02.id, ac01.id, ac02.id], ACTOR, NOW);

    expect((await db.requests.get(stored.id))?.controlIds).toEqual([ac02.id, ac01.id]);
    expect((await listLog(audit.id)).at(-1)).toMatchObject({
      action: 'update',
      target: `request:${stored.id}`,
      details: {
        requestId: 'PBC-1',
        changes: { controlIds: { from: [ac01.id], to: [ac02.id, ac01.id] } },
        controlRefs: { from: ['AC-01'], to: ['AC-02', 'AC-01'] },
      },
    });
    await expectChainIntact(audit.id);
  });

  it('logs nothing when the links did not change', async () => {
    const [stored] = (await importRequests(audit.id, [request('PBC-1', ['AC-01'])], 'list.csv', ACTOR, NOW)).added;
    if (!stored) throw new Error('nothing imported');
    const logBefore = (await listLog(audit.id)).length;
    await setRequestControls(stored.id, stored.controlIds, ACTOR, NOW);
    expect(await listLog(audit.id)).toHaveLength(logBefore);
  });

  it('refuses a request that no longer exists', async () => {
    await expect(setRequestControls('missing', [], ACTOR, NOW)).rejects.toThrow('This request no longer exists.');
  });
});
