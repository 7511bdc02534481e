import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/domain/records';
import { addDays, calendarDayIn, daysBetween } from '../../../shared/maintain/calendar';
import { gapTaskTitle, isTaskOverdue, tasksDue, validateTask, type TaskFields } from '../../../shared/maintain/tasks';

type DueFields = Pick<TaskRecord, 'dueDate' | 'status' | 'title'>;

const task = (over: Partial<TaskFields> = {}): TaskFields => ({
  title: 'Close gap: AC-01 Quarterly user access review',
  owner: 'Dana',
  dueDate: '2026-12-15',
  status: 'open',
  notes: '',
  evidenceIds: [],
  ...over,
});

describe('task rules', () => {
  it('accepts an open task with a title and nothing else', () => {
    expect(validateTask(task({ owner: '', dueDate: null }))).toEqual({});
  });

  it('refuses to mark a task done without evidence of the fix or a note, and says what to do', () => {
    expect(validateTask(task({ status: 'done' })).status).toMatch(/Attach evidence of the fix, or explain in the notes/);
    expect(validateTask(task({ status: 'done', notes: '   ' })).status).toBeDefined();
  });

  it('accepts a done task with evidence, or with an explanatory note', () => {
    expect(validateTask(task({ status: 'done', evidenceIds: ['e1'] }))).toEqual({});
    expect(validateTask(task({ status: 'done', notes: 'Review held on 3 Dec, see ticket SEC-12.' }))).toEqual({});
  });

  it('asks for a title and a real due date', () => {
    expect(validateTask(task({ title: '  ' })).title).toBe('Say what needs to be done.');
    expect(validateTask(task({ dueDate: '2026-02-30' })).dueDate).toMatch(/calendar date/);
  });

  it('titles a task from a gap after the control', () => {
    expect(gapTaskTitle({ ref: 'AC-01', title: 'Quarterly user access review' })).toBe('Close gap: AC-01 Quarterly user access review');
  });

  it('flags a task overdue from the day after its due date, unless it is done', () => {
    expect(isTaskOverdue({ dueDate: '2026-11-25', status: 'open' }, '2026-11-26')).toBe(true);
    expect(isTaskOverdue({ dueDate: '2026-11-26', status: 'in-progress' }, '2026-11-26')).toBe(false);
    expect(isTaskOverdue({ dueDate: '2026-11-01', status: 'done' }, '2026-11-26')).toBe(false);
    expect(isTaskOverdue({ dueDate: null, status: 'open' }, '2026-11-26')).toBe(false);
  });
});

describe('tasks due in the Maintain window', () => {
  it('lists unfinished tasks that are overdue or due within 90 days, soonest first', () => {
    const tasks: DueFields[] = [
      { title: 'later', dueDate: '2027-02-24', status: 'open' },
      { title: 'too late', dueDate: '2027-02-25', status: 'open' },
      { title: 'overdue', dueDate: '2026-11-20', status: 'in-progress' },
      { title: 'done', dueDate: '2026-11-27', status: 'done' },
      { title: 'undated', dueDate: null, status: 'open' },
      { title: 'soon', dueDate: '2026-12-10', status: 'open' },
    ];
    expect(tasksDue(tasks, '2026-11-26').map((d) => [d.task.title, d.daysLeft, d.status])).toEqual([
      ['overdue', -6, 'overdue'],
      ['soon', 14, 'due-soon'],
      ['later', 90, 'upcoming'],
    ]);
  });
});

describe('calendar days', () => {
  it('reads the calendar day of an instant in the zone', () => {
    expect(calendarDayIn('2026-11-30T03:00:00Z', 'America/New_York')).toBe('2026-11-29');
    expect(calendarDayIn('2026-11-30T03:00:00Z', 'Asia/Tokyo')).toBe('2026-11-30');
  });

  it('counts days across a month and a year end', () => {
    expect(daysBetween('2026-11-26', '2027-01-01')).toBe(36);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('refuses a day that does not exist', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(/not a calendar date/);
  });
});
