import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import { verifyChain } from '../../../shared/log/chain';
import { createAudit } from '../../../renderer/db/audits';
import { db } from '../../../renderer/db/db';
import { listLog } from '../../../renderer/db/log';
import { updateReadiness } from '../../../renderer/db/readiness';
import { addException, removeException, saveReportFacts, updateException } from '../../../renderer/db/report';
import { createTask, deleteTask, linkEvidenceToTask, listTasks, updateTask } from '../../../renderer/db/tasks';

const ACTOR = 'dana@laptop';

let audit: AuditRecord;
let control: ControlRecord;

async function firstControl(auditId: string): Promise<ControlRecord> {
  const found = await db.controls.where('[auditId+ref]').equals([auditId, 'AC-01']).first();
  if (!found) throw new Error('the starter set has no AC-01');
  return found;
}

function evidenceFor(auditId: string, controlId: string, id: string): EvidenceRecord {
  return {
    id,
    auditId,
    controlIds: [controlId],
    step: 'remediation',
    name: 'access-review.pdf',
    evidenceDate: '2026-11-20T10:00:00.000Z',
    capturedAt: '2026-11-20T10:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'dana',
    host: 'laptop',
    source: { kind: 'file', originalName: 'access-review.pdf', originalPath: '/tmp/access-review.pdf', modifiedAt: '2026-11-20T09:00:00.000Z' },
    processing: [],
    mime: 'application/pdf',
    size: 1234,
    sha256: 'a'.repeat(64),
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: '2026-11-20T10:00:00.000Z',
  };
}

async function expectChainIntact(auditId: string): Promise<void> {
  expect(verifyChain(await listLog(auditId))).toEqual({ ok: true });
}

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  control = await firstControl(audit.id);
});

describe('remediation tasks', () => {
  it('creates a task from a gap and logs it against the task', async () => {
    const task = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: '  Close gap: AC-01 review  ' }, ACTOR);
    expect(await db.tasks.get(task.id)).toMatchObject({ title: 'Close gap: AC-01 review', status: 'open', evidenceIds: [], dueDate: null });
    const last = (await listLog(audit.id)).at(-1);
    expect(last).toMatchObject({ action: 'create', target: `task:${task.id}`, actor: ACTOR, details: { controlId: control.id, kind: 'remediation' } });
    await expectChainIntact(audit.id);
  });

  it('refuses a task for a control of another audit', async () => {
    const other = await createAudit(
      { name: 'Other', organization: 'Acme', type: 'type1', asOf: '2026-06-30', periodStart: '', periodEnd: '', timeZone: 'UTC' },
      ACTOR,
    );
    const foreign = await firstControl(other.id);
    await expect(createTask({ auditId: audit.id, controlId: foreign.id, kind: 'remediation', title: 'x' }, ACTOR)).rejects.toThrow(/not part of this audit/);
    expect(await db.tasks.count()).toBe(0);
  });

  it('updates owner, due date and status and logs only what changed, from what to what', async () => {
    const task = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: 'Fix it' }, ACTOR);
    await updateTask(task.id, { owner: 'Sam', dueDate: '2026-12-15', status: 'in-progress', notes: '' }, ACTOR);
    expect(await db.tasks.get(task.id)).toMatchObject({ owner: 'Sam', dueDate: '2026-12-15', status: 'in-progress' });
    const last = (await listLog(audit.id)).at(-1);
    expect(last).toMatchObject({ action: 'update', target: `task:${task.id}` });
    // Exactly these three: the unchanged notes are not in the entry.
    expect(last?.details).toEqual({
      changes: { owner: { from: '', to: 'Sam' }, dueDate: { from: null, to: '2026-12-15' }, status: { from: 'open', to: 'in-progress' } },
    });
    await expectChainIntact(audit.id);
  });

  it('writes no log entry when nothing changed', async () => {
    const task = await createTask({ auditId: audit.id, controlId: null, kind: 'maintenance', title: 'Rotate keys', owner: 'Sam' }, ACTOR);
    const before = (await listLog(audit.id)).length;
    await updateTask(task.id, { owner: 'Sam', title: 'Rotate keys' }, ACTOR);
    expect(await listLog(audit.id)).toHaveLength(before);
  });

  it('refuses to mark a task done without evidence or a note, and leaves it and the log unchanged', async () => {
    const task = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: 'Fix it' }, ACTOR);
    const before = (await listLog(audit.id)).length;
    await expect(updateTask(task.id, { status: 'done' }, ACTOR)).rejects.toThrow(/Attach evidence of the fix/);
    expect((await db.tasks.get(task.id))?.status).toBe('open');
    expect(await listLog(audit.id)).toHaveLength(before);
  });

  it('links evidence of the fix once, logs it, and then lets the task be marked done', async () => {
    const task = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: 'Fix it' }, ACTOR);
    await db.evidence.bulkAdd([evidenceFor(audit.id, control.id, 'e1'), evidenceFor(audit.id, control.id, 'e2')]);
    await linkEvidenceToTask(task.id, ['e1'], ACTOR);
    await linkEvidenceToTask(task.id, ['e1', 'e2', 'e2'], ACTOR);
    expect((await db.tasks.get(task.id))?.evidenceIds).toEqual(['e1', 'e2']);
    const links = (await listLog(audit.id)).filter((e) => e.target === `task:${task.id}` && e.action === 'update');
    expect(links.map((e) => e.details)).toEqual([
      { changes: { evidenceIds: { from: [], to: ['e1'] } } },
      { changes: { evidenceIds: { from: ['e1'], to: ['e1', 'e2'] } } },
    ]);
    await updateTask(task.id, { status: 'done' }, ACTOR);
    expect((await db.tasks.get(task.id))?.status).toBe('done');
    await expectChainIntact(audit.id);
  });

  it('refuses to link evidence that belongs to another audit', async () => {
    const task = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: 'Fix it' }, ACTOR);
    await db.evidence.add(evidenceFor('another-audit', control.id, 'e9'));
    await expect(linkEvidenceToTask(task.id, ['e9'], ACTOR)).rejects.toThrow(/not part of this audit/);
    await expect(linkEvidenceToTask(task.id, ['missing'], ACTOR)).rejects.toThrow(/not part of this audit/);
    expect((await db.tasks.get(task.id))?.evidenceIds).toEqual([]);
  });

  it('deletes a task created by mistake, logged, but keeps one that holds evidence of a fix', async () => {
    const stray = await createTask({ auditId: audit.id, controlId: null, kind: 'remediation', title: 'Oops' }, ACTOR);
    await deleteTask(stray.id, ACTOR);
    expect(await db.tasks.get(stray.id)).toBeUndefined();
    expect((await listLog(audit.id)).at(-1)).toMatchObject({ action: 'delete', target: `task:${stray.id}` });

    const kept = await createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: 'Fix it' }, ACTOR);
    await db.evidence.add(evidenceFor(audit.id, control.id, 'e1'));
    await linkEvidenceToTask(kept.id, ['e1'], ACTOR);
    await expect(deleteTask(kept.id, ACTOR)).rejects.toThrow(/kept/);
    expect(await db.tasks.get(kept.id)).toBeDefined();
    await expectChainIntact(audit.id);
  });

  it('lists unfinished tasks first, soonest due first, undated last', async () => {
    const make = async (title: string, dueDate: string | null): Promise<string> =>
      (await createTask({ auditId: audit.id, controlId: null, kind: 'remediation', title, dueDate }, ACTOR)).id;
    const finished = await make('finished', '2026-01-01');
    await make('undated', null);
    await make('later', '2026-12-20');
    await make('sooner', '2026-12-01');
    await updateTask(finished, { status: 'done', notes: 'Fixed by policy update' }, ACTOR);
    expect((await listTasks(audit.id)).map((t) => t.title)).toEqual(['sooner', 'later', 'undated', 'finished']);
  });
});

describe('the gap analysis of a control', () => {
  it('records status and notes as an update of the control, and skips a save that changes nothing', async () => {
    await updateReadiness(control.id, { readiness: 'gap' }, ACTOR);
    await updateReadiness(control.id, { readinessNotes: 'No review in Q3.' }, ACTOR);
    await updateReadiness(control.id, { readinessNotes: 'No review in Q3.' }, ACTOR);
    expect(await db.controls.get(control.id)).toMatchObject({ readiness: 'gap', readinessNotes: 'No review in Q3.' });
    const entries = (await listLog(audit.id)).filter((e) => e.target === `control:${control.id}`);
    expect(entries.map((e) => e.details)).toEqual([
      { changes: { readiness: { from: 'not-started', to: 'gap' } } },
      { changes: { readinessNotes: { from: '', to: 'No review in Q3.' } } },
    ]);
    await expectChainIntact(audit.id);
  });
});

describe('the report received', () => {
  it('saves the opinion and exceptions through the audit, each change logged', async () => {
    await saveReportFacts(audit.id, { opinion: 'qualified', reportDate: '2027-02-15', auditorFirm: ' Smith & Co CPAs ' }, ACTOR);
    await addException(audit.id, { controlId: control.id, description: 'Q3 review missing', managementResponse: '' }, ACTOR);
    const saved = (await db.audits.get(audit.id))?.report;
    expect(saved).toMatchObject({ opinion: 'qualified', reportDate: '2027-02-15', auditorFirm: 'Smith & Co CPAs' });
    const id = saved?.exceptions[0]?.id ?? '';
    await updateException(audit.id, id, { controlId: control.id, description: 'Q3 review missing', managementResponse: 'Added a calendar reminder.' }, ACTOR);
    expect((await db.audits.get(audit.id))?.report?.exceptions).toEqual([
      { id, controlId: control.id, description: 'Q3 review missing', managementResponse: 'Added a calendar reminder.' },
    ]);
    await removeException(audit.id, id, ACTOR);
    expect((await db.audits.get(audit.id))?.report?.exceptions).toEqual([]);
    const updates = (await listLog(audit.id)).filter((e) => e.target === `audit:${audit.id}` && e.action === 'update');
    expect(updates).toHaveLength(4);
    await expectChainIntact(audit.id);
  });

  it('refuses an exception without a description', async () => {
    await expect(addException(audit.id, { controlId: null, description: ' ', managementResponse: '' }, ACTOR)).rejects.toThrow(/Describe the exception/);
    expect((await db.audits.get(audit.id))?.report).toBeNull();
  });
});
