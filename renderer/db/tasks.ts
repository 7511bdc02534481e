import type { TaskRecord } from '../../shared/domain/records';
import { validateTask } from '../../shared/maintain/tasks';
import { changedFields } from './changes';
import { db } from './db';
import { appendLog } from './log';

export interface NewTaskInput {
  readonly auditId: string;
  readonly controlId: string | null;
  readonly kind: TaskRecord['kind'];
  readonly title: string;
  readonly owner?: string;
  readonly dueDate?: string | null;
  readonly notes?: string;
}

export type TaskPatch = Partial<Pick<TaskRecord, 'title' | 'controlId' | 'owner' | 'dueDate' | 'status' | 'notes'>>;

function check(task: TaskRecord): void {
  const [first] = Object.values(validateTask(task));
  if (first !== undefined) throw new Error(first);
}

/** Unfinished tasks first, soonest due first (no due date last), then by title. */
export async function listTasks(auditId: string): Promise<TaskRecord[]> {
  const tasks = await db.tasks.where('auditId').equals(auditId).toArray();
  const rank = (t: TaskRecord): number => (t.status === 'done' ? 1 : 0);
  return tasks.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
      a.title.localeCompare(b.title) ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

export async function createTask(input: NewTaskInput, actor: string, now: Date = new Date()): Promise<TaskRecord> {
  const at = now.toISOString();
  const task: TaskRecord = {
    id: crypto.randomUUID(),
    auditId: input.auditId,
    controlId: input.controlId,
    kind: input.kind,
    title: input.title.trim(),
    owner: (input.owner ?? '').trim(),
    dueDate: input.dueDate ?? null,
    status: 'open',
    notes: input.notes ?? '',
    evidenceIds: [],
    createdAt: at,
    updatedAt: at,
  };
  check(task);
  await db.transaction('rw', db.tasks, db.controls, db.log, async () => {
    if (task.controlId !== null) await requireControl(task.auditId, task.controlId);
    await db.tasks.add(task);
    await appendLog(
      task.auditId,
      {
        actor,
        action: 'create',
        target: `task:${task.id}`,
        details: { kind: task.kind, title: task.title, controlId: task.controlId, owner: task.owner, dueDate: task.dueDate },
      },
      now,
    );
  });
  return task;
}

/** Changes a task and logs which fields changed; refuses a change that breaks a task rule. */
export async function updateTask(id: string, patch: TaskPatch, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.tasks, db.controls, db.log, async () => {
    const before = await db.tasks.get(id);
    if (!before) throw new Error('This task no longer exists.');
    const clean: TaskPatch = {
      ...patch,
      ...(patch.title !== undefined && { title: patch.title.trim() }),
      ...(patch.owner !== undefined && { owner: patch.owner.trim() }),
    };
    const changes = changedFields(before, clean);
    if (Object.keys(changes).length === 0) return;
    const after: TaskRecord = { ...before, ...clean, updatedAt: now.toISOString() };
    check(after);
    if (clean.controlId !== undefined && clean.controlId !== null) await requireControl(before.auditId, clean.controlId);
    await db.tasks.put(after);
    await appendLog(before.auditId, { actor, action: 'update', target: `task:${id}`, details: { changes } }, now);
  });
}

/** Links evidence of the fix to a task; items already linked are left as they are. */
export async function linkEvidenceToTask(taskId: string, evidenceIds: readonly string[], actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.tasks, db.evidence, db.log, async () => {
    const task = await db.tasks.get(taskId);
    if (!task) throw new Error('This task no longer exists.');
    const added = [...new Set(evidenceIds)].filter((id) => !task.evidenceIds.includes(id));
    if (added.length === 0) return;
    const items = await db.evidence.bulkGet(added);
    items.forEach((item, index) => {
      if (!item || item.auditId !== task.auditId) throw new Error(`Evidence ${added[index] ?? ''} is not part of this audit.`);
    });
    const linked = [...task.evidenceIds, ...added];
    const changes = changedFields(task, { evidenceIds: linked });
    await db.tasks.update(taskId, { evidenceIds: linked, updatedAt: now.toISOString() });
    await appendLog(task.auditId, { actor, action: 'update', target: `task:${taskId}`, details: { changes } }, now);
  });
}

/**
 * Deletes a task created by mistake. A task with evidence of a fix is part of the record and
 * stays (mark it done, or note why it no longer applies).
 */
export async function deleteTask(id: string, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.tasks, db.log, async () => {
    const task = await db.tasks.get(id);
    if (!task) return;
    if (task.evidenceIds.length > 0) throw new Error('This task has evidence of a fix linked to it, so it is kept. Mark it done instead.');
    await db.tasks.delete(id);
    await appendLog(task.auditId, { actor, action: 'delete', target: `task:${id}`, details: { title: task.title, controlId: task.controlId } }, now);
  });
}

async function requireControl(auditId: string, controlId: string): Promise<void> {
  const control = await db.controls.get(controlId);
  if (!control || control.auditId !== auditId) throw new Error('The control of this task is not part of this audit.');
}
