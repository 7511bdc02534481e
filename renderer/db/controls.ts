import type { ImportedControl } from '../../shared/csv/controlsCsv';
import type { ControlRecord } from '../../shared/domain/records';
import { newControlRecord, normalizeControlInput, validateControlInput, type ControlInput } from '../../shared/scope/controls';
import { refLook } from '../../shared/scope/refs';
import { db } from './db';
import { changedFields } from './changes';
import { appendLog } from './log';

export async function listControls(auditId: string): Promise<ControlRecord[]> {
  const controls = await db.controls.where('auditId').equals(auditId).toArray();
  return controls.sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}

/** What points at a control. Anything here means the control cannot be deleted, only retired. */
export interface ControlLinks {
  readonly evidence: number;
  readonly requests: number;
  readonly tasks: number;
}

export const NO_LINKS: ControlLinks = { evidence: 0, requests: 0, tasks: 0 };

export function hasLinks(links: ControlLinks): boolean {
  return links.evidence + links.requests + links.tasks > 0;
}

/** Links of every control of an audit that has any, keyed by control id. */
export async function listControlLinks(auditId: string): Promise<Map<string, ControlLinks>> {
  const links = new Map<string, { evidence: number; requests: number; tasks: number }>();
  const bump = (id: string, key: keyof ControlLinks): void => {
    const entry = links.get(id) ?? { evidence: 0, requests: 0, tasks: 0 };
    entry[key] += 1;
    links.set(id, entry);
  };
  await db.evidence.where('auditId').equals(auditId).each((e) => e.controlIds.forEach((id) => bump(id, 'evidence')));
  await db.requests.where('auditId').equals(auditId).each((r) => r.controlIds.forEach((id) => bump(id, 'requests')));
  await db.tasks.where('auditId').equals(auditId).each((t) => {
    if (t.controlId !== null) bump(t.controlId, 'tasks');
  });
  return links;
}

async function linksOf(control: ControlRecord): Promise<ControlLinks> {
  const evidence = await db.evidence.where('controlIds').equals(control.id).count();
  const requests = await db.requests
    .where('auditId')
    .equals(control.auditId)
    .filter((r) => r.controlIds.includes(control.id))
    .count();
  const tasks = await db.tasks.where('controlId').equals(control.id).count();
  return { evidence, requests, tasks };
}

/** Throws the first validation message: callers validate first, so this guards races and bugs. */
function assertValid(input: ControlInput, others: readonly ControlRecord[], editingId: string | null): void {
  const errors = validateControlInput(input, others, editingId);
  const first = Object.values(errors)[0];
  if (first !== undefined) throw new Error(first);
}

/** Adds a control to an audit with its log entry. Refs are unique per audit without regard to case. */
export async function addControl(auditId: string, input: ControlInput, actor: string, now: Date = new Date()): Promise<ControlRecord> {
  const clean = normalizeControlInput(input);
  return db.transaction('rw', db.audits, db.controls, db.log, async () => {
    if (!(await db.audits.get(auditId))) throw new Error('This audit no longer exists.');
    assertValid(clean, await db.controls.where('auditId').equals(auditId).toArray(), null);
    const control = newControlRecord(auditId, clean, now.toISOString());
    await db.controls.add(control);
    await appendLog(
      auditId,
      {
        actor,
        action: 'create',
        target: `control:${control.id}`,
        details: { ref: control.ref, title: control.title, frequency: control.frequency, criteria: control.criteria, owner: control.owner },
      },
      now,
    );
    return control;
  });
}

/** Edits a control's definition and logs each changed field from what to what. */
export async function updateControl(id: string, input: ControlInput, actor: string, now: Date = new Date()): Promise<void> {
  const clean = normalizeControlInput(input);
  await db.transaction('rw', db.controls, db.log, async () => {
    const before = await db.controls.get(id);
    if (!before) throw new Error('This control no longer exists.');
    assertValid(clean, await db.controls.where('auditId').equals(before.auditId).toArray(), id);
    const patch: Partial<ControlRecord> = { ...clean, criteria: [...clean.criteria] };
    const changes = changedFields(before, patch);
    if (Object.keys(changes).length === 0) return;
    await db.controls.update(id, patch);
    await appendLog(before.auditId, { actor, action: 'update', target: `control:${id}`, details: { ref: clean.ref, changes } }, now);
  });
}

/**
 * Retires a control (it leaves the checklists but keeps its evidence and history) or brings it
 * back. Retiring is how a control with evidence leaves an audit: it is never deleted.
 */
export async function setControlRetired(id: string, retired: boolean, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.controls, db.log, async () => {
    const before = await db.controls.get(id);
    if (!before) throw new Error('This control no longer exists.');
    if (before.retired === retired) return;
    await db.controls.update(id, { retired });
    await appendLog(
      before.auditId,
      { actor, action: 'update', target: `control:${id}`, details: { ref: before.ref, changes: { retired: { from: before.retired, to: retired } } } },
      now,
    );
  });
}

/**
 * Deletes a control that nothing points at. Refused when evidence, a request or a task is linked
 * to it (DESIGN.md: a control with evidence is retired, never deleted); the check runs in the
 * same transaction as the delete, so evidence added meanwhile cannot slip through.
 */
export async function deleteControl(id: string, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', [db.controls, db.evidence, db.requests, db.tasks, db.log], async () => {
    const control = await db.controls.get(id);
    if (!control) throw new Error('This control no longer exists.');
    const links = await linksOf(control);
    if (links.evidence > 0) throw new Error(`${control.ref} has evidence: retire it instead.`);
    if (hasLinks(links)) throw new Error(`${control.ref} is linked to requests or tasks: retire it instead.`);
    await db.controls.delete(id);
    await appendLog(
      control.auditId,
      {
        actor,
        action: 'delete',
        target: `control:${id}`,
        details: { ref: control.ref, title: control.title, frequency: control.frequency, criteria: control.criteria, owner: control.owner },
      },
      now,
    );
  });
}

/**
 * Adds the OK rows of a CSV import plan in one transaction with one log entry: the file comes in
 * whole or not at all. Refs are checked again against the audit as it is now, because the plan
 * was made against what the screen showed.
 */
export async function importControls(
  auditId: string,
  rows: readonly ImportedControl[],
  fileName: string,
  actor: string,
  now: Date = new Date(),
): Promise<number> {
  if (rows.length === 0) throw new Error('There is nothing to import: no row of the file is valid.');
  return db.transaction('rw', db.audits, db.controls, db.log, async () => {
    if (!(await db.audits.get(auditId))) throw new Error('This audit no longer exists.');
    // Keyed by look (which also catches exact and case-only duplicates): the plan was checked,
    // this guards what changed since.
    const taken = new Map<string, string>();
    await db.controls
      .where('auditId')
      .equals(auditId)
      .each((c) => taken.set(refLook(c.ref), c.ref));
    const at = now.toISOString();
    const controls = rows.map((row): ControlRecord => {
      const clean = normalizeControlInput(row);
      const holder = taken.get(refLook(clean.ref));
      if (holder !== undefined) throw new Error(`Ref "${clean.ref}" is already used in this audit (as "${holder}"), or looks the same. Nothing was imported.`);
      taken.set(refLook(clean.ref), clean.ref);
      return newControlRecord(auditId, clean, at);
    });
    await db.controls.bulkAdd(controls);
    await appendLog(
      auditId,
      { actor, action: 'import', target: `audit:${auditId}`, details: { kind: 'controls', count: controls.length, fileName, refs: controls.map((c) => c.ref) } },
      now,
    );
    return controls.length;
  });
}

/** Records that the control matrix left the app as CSV (DESIGN.md §4: exports are logged too). */
export async function logControlsExport(auditId: string, count: number, fileName: string, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.log, async () => {
    await appendLog(auditId, { actor, action: 'export', target: `audit:${auditId}`, details: { kind: 'controls', count, fileName } }, now);
  });
}
