import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportedControl } from '../../../shared/csv/controlsCsv';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { verifyChain } from '../../../shared/log/chain';
import type { ControlInput } from '../../../shared/scope/controls';
import { createAudit } from '../../../renderer/db/audits';
import {
  addControl,
  deleteControl,
  importControls,
  listControlLinks,
  listControls,
  logControlsExport,
  setControlRetired,
  updateControl,
} from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { listLog } from '../../../renderer/db/log';

const ACTOR = 'alice@laptop';

const INPUT: ControlInput = {
  ref: 'ZZ-01',
  title: 'Badge access review',
  description: 'Facilities review badge access.',
  owner: 'Facilities',
  frequency: 'quarterly',
  criteria: ['CC6.4', 'CC6.2'],
};

async function newAudit(): Promise<string> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  return audit.id;
}

function evidenceFor(auditId: string, controlId: string): EvidenceRecord {
  return {
    id: crypto.randomUUID(),
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name: 'badges.csv',
    evidenceDate: '2026-02-01T00:00:00.000Z',
    capturedAt: '2026-02-01T00:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: 'badges.csv', originalPath: '/tmp/badges.csv', modifiedAt: '2026-02-01T00:00:00.000Z' },
    processing: [],
    mime: 'text/csv',
    size: 10,
    sha256: 'a'.repeat(64),
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: '2026-02-01T00:00:00.000Z',
  };
}

/** The audit's log after the creation entry, checked as a chain first. */
async function logAfterCreation(auditId: string): Promise<Awaited<ReturnType<typeof listLog>>> {
  const log = await listLog(auditId);
  expect(verifyChain(log)).toEqual({ ok: true });
  return log.slice(1);
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('adding a control', () => {
  it('stores it trimmed, with criteria in catalog order, and logs its creation', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, { ...INPUT, ref: ' ZZ-01 ' }, ACTOR);
    expect(await db.controls.get(control.id)).toMatchObject({ ref: 'ZZ-01', criteria: ['CC6.2', 'CC6.4'], retired: false, readiness: 'not-started' });
    const [entry, ...rest] = await logAfterCreation(auditId);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ actor: ACTOR, action: 'create', target: `control:${control.id}`, details: { ref: 'ZZ-01', criteria: ['CC6.2', 'CC6.4'] } });
  });

  it('refuses a ref already used in the audit in another case, and writes nothing', async () => {
    const auditId = await newAudit();
    const before = (await listControls(auditId)).length;
    await expect(addControl(auditId, { ...INPUT, ref: 'ac-01' }, ACTOR)).rejects.toThrow('"AC-01" is already used');
    expect(await listControls(auditId)).toHaveLength(before);
    expect(await logAfterCreation(auditId)).toEqual([]);
  });

  it('allows the same ref in another audit', async () => {
    const first = await newAudit();
    const second = await newAudit();
    await addControl(first, INPUT, ACTOR);
    await expect(addControl(second, INPUT, ACTOR)).resolves.toMatchObject({ ref: 'ZZ-01', auditId: second });
  });
});

describe('editing a control', () => {
  it('logs each changed field from what to what', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await updateControl(control.id, { ...INPUT, title: 'Badge review', criteria: ['CC6.4'] }, ACTOR);
    expect(await db.controls.get(control.id)).toMatchObject({ title: 'Badge review', criteria: ['CC6.4'] });
    const entry = (await logAfterCreation(auditId))[1];
    expect(entry).toMatchObject({
      action: 'update',
      target: `control:${control.id}`,
      details: { changes: { title: { from: 'Badge access review', to: 'Badge review' }, criteria: { from: ['CC6.2', 'CC6.4'], to: ['CC6.4'] } } },
    });
  });

  it('writes no log entry when nothing changed', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await updateControl(control.id, { ...INPUT, title: ` ${INPUT.title} ` }, ACTOR);
    expect(await logAfterCreation(auditId)).toHaveLength(1);
  });

  it('refuses to take another control’s ref', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await expect(updateControl(control.id, { ...INPUT, ref: 'AC-01' }, ACTOR)).rejects.toThrow('already used');
    expect((await db.controls.get(control.id))?.ref).toBe('ZZ-01');
  });
});

describe('retiring a control', () => {
  it('retires and restores it, logging each change', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await setControlRetired(control.id, true, ACTOR);
    expect((await db.controls.get(control.id))?.retired).toBe(true);
    await setControlRetired(control.id, false, ACTOR);
    expect((await db.controls.get(control.id))?.retired).toBe(false);
    const entries = (await logAfterCreation(auditId)).slice(1);
    expect(entries.map((e) => e.details['changes'])).toEqual([{ retired: { from: false, to: true } }, { retired: { from: true, to: false } }]);
  });
});

describe('deleting a control', () => {
  it('deletes a control without evidence and logs what it was', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await deleteControl(control.id, ACTOR);
    expect(await db.controls.get(control.id)).toBeUndefined();
    expect((await logAfterCreation(auditId))[1]).toMatchObject({ action: 'delete', target: `control:${control.id}`, details: { ref: 'ZZ-01', title: 'Badge access review' } });
  });

  it('refuses to delete a control with evidence, keeps it, and logs nothing', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await db.evidence.add(evidenceFor(auditId, control.id));
    await expect(deleteControl(control.id, ACTOR)).rejects.toThrow('ZZ-01 has evidence: retire it instead.');
    expect(await db.controls.get(control.id)).toBeDefined();
    expect(await logAfterCreation(auditId)).toHaveLength(1);
  });

  it('refuses to delete a control a remediation task points at', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await db.tasks.add({
      id: 't1',
      auditId,
      controlId: control.id,
      kind: 'remediation',
      title: 'Fix',
      owner: '',
      dueDate: null,
      status: 'open',
      notes: '',
      evidenceIds: [],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    });
    await expect(deleteControl(control.id, ACTOR)).rejects.toThrow('retire it instead');
  });

  it('counts the evidence, requests and tasks linked to each control', async () => {
    const auditId = await newAudit();
    const control = await addControl(auditId, INPUT, ACTOR);
    await db.evidence.bulkAdd([evidenceFor(auditId, control.id), evidenceFor(auditId, control.id)]);
    await db.requests.add({ id: 'r1', auditId, requestId: 'PBC-1', description: 'Badges', controlIds: [control.id], dueDate: null, createdAt: '2026-01-01T00:00:00Z' });
    const links = await listControlLinks(auditId);
    expect(links.get(control.id)).toEqual({ evidence: 2, requests: 1, tasks: 0 });
    expect(links.size).toBe(1);
  });
});

describe('importing controls', () => {
  const ROWS: ImportedControl[] = [
    { ref: 'IM-01', title: 'Imported one', description: ' kept\tas is ', owner: 'Ops', frequency: 'monthly', criteria: ['CC7.2'] },
    { ref: 'IM-02', title: 'Imported two', description: '', owner: '', frequency: 'annual', criteria: ['A1.3', 'CC9.1'] },
  ];

  it('adds every row in one transaction with one log entry naming the file and count', async () => {
    const auditId = await newAudit();
    const before = (await listControls(auditId)).length;
    expect(await importControls(auditId, ROWS, 'controls.csv', ACTOR)).toBe(2);
    const controls = await listControls(auditId);
    expect(controls).toHaveLength(before + 2);
    expect(controls.find((c) => c.ref === 'IM-01')).toMatchObject({ description: ' kept\tas is ', frequency: 'monthly', retired: false });
    expect(controls.find((c) => c.ref === 'IM-02')?.criteria).toEqual(['CC9.1', 'A1.3']);
    const entries = await logAfterCreation(auditId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import', target: `audit:${auditId}`, details: { kind: 'controls', count: 2, fileName: 'controls.csv', refs: ['IM-01', 'IM-02'] } });
  });

  it('imports nothing when one ref turned out to be taken meanwhile', async () => {
    const auditId = await newAudit();
    const before = (await listControls(auditId)).length;
    await expect(importControls(auditId, [...ROWS, { ...ROWS[0]!, ref: 'ac-02' }], 'controls.csv', ACTOR)).rejects.toThrow('Nothing was imported');
    expect(await listControls(auditId)).toHaveLength(before);
    expect(await logAfterCreation(auditId)).toEqual([]);
  });

  it('refuses an empty import', async () => {
    const auditId = await newAudit();
    await expect(importControls(auditId, [], 'empty.csv', ACTOR)).rejects.toThrow('nothing to import');
  });
});

describe('exporting controls', () => {
  it('logs the export with its file name and count, keeping the chain valid', async () => {
    const auditId = await newAudit();
    await logControlsExport(auditId, 45, 'controls-fy2026.csv', ACTOR);
    expect((await logAfterCreation(auditId))[0]).toMatchObject({ action: 'export', details: { kind: 'controls', count: 45, fileName: 'controls-fy2026.csv' } });
  });
});
