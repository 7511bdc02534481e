/**
 * Rules for remediation and maintenance tasks, shared by the database module that enforces them
 * and the screens that explain them before the user hits them.
 */
import { isCalendarDate } from '../domain/audit';
import { TASK_STATUSES, type TaskRecord, type TaskStatus } from '../domain/records';
import { addDays, daysBetween } from './calendar';
import { dueStatus, LOOKAHEAD_DAYS, type DueStatus } from './due';

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
};

export const TITLE_MAX = 300;

export type TaskFields = Pick<TaskRecord, 'title' | 'owner' | 'dueDate' | 'status' | 'notes' | 'evidenceIds'>;
export type TaskErrors = Partial<Record<'title' | 'owner' | 'dueDate' | 'status', string>>;

/** The title of a task created from a gap found in the Readiness step. */
export function gapTaskTitle(control: { readonly ref: string; readonly title: string }): string {
  return `Close gap: ${control.ref} ${control.title}`;
}

/**
 * Field-by-field problems, in words a user can act on. A task may only be done when it shows
 * how the gap was closed: evidence of the fix, or at least a note saying what was done.
 */
export function validateTask(task: TaskFields): TaskErrors {
  const errors: TaskErrors = {};
  if (task.title.trim() === '') errors.title = 'Say what needs to be done.';
  else if (task.title.length > TITLE_MAX) errors.title = `Keep the title under ${TITLE_MAX} characters.`;
  if (task.owner.length > 200) errors.owner = 'Keep the owner under 200 characters.';
  if (task.dueDate !== null && !isCalendarDate(task.dueDate)) errors.dueDate = 'Enter the due date as a calendar date, or leave it empty.';
  if (!(TASK_STATUSES as readonly string[]).includes(task.status)) errors.status = 'Choose open, in progress or done.';
  else if (task.status === 'done' && task.evidenceIds.length === 0 && task.notes.trim() === '') {
    errors.status = 'Attach evidence of the fix, or explain in the notes how the gap was closed, before marking the task done.';
  }
  return errors;
}

/** Due before today (in the audit's zone) and not done. */
export function isTaskOverdue(task: Pick<TaskRecord, 'dueDate' | 'status'>, today: string): boolean {
  return task.status !== 'done' && task.dueDate !== null && task.dueDate < today;
}

export interface TaskDue<T> {
  readonly task: T;
  readonly daysLeft: number;
  readonly status: DueStatus;
}

/** Unfinished tasks that are overdue or due within the look-ahead window, soonest first. */
export function tasksDue<T extends Pick<TaskRecord, 'dueDate' | 'status' | 'title'>>(tasks: readonly T[], today: string): TaskDue<T>[] {
  const horizon = addDays(today, LOOKAHEAD_DAYS);
  const due: TaskDue<T>[] = [];
  for (const task of tasks) {
    if (task.status === 'done' || task.dueDate === null || task.dueDate > horizon || !isCalendarDate(task.dueDate)) continue;
    const daysLeft = daysBetween(today, task.dueDate);
    const status = dueStatus(daysLeft);
    if (status !== null) due.push({ task, daysLeft, status });
  }
  return due.sort((a, b) => a.daysLeft - b.daysLeft || a.task.title.localeCompare(b.task.title));
}
