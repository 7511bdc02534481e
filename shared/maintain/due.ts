/** How close a due date is, shared by the control schedule and the task list of the Maintain step. */

/** How far ahead the Maintain step looks (DESIGN.md §1, "Freshness"). */
export const LOOKAHEAD_DAYS = 90;
/** Due within this many days reads as "due soon": two weeks is enough to schedule the work. */
export const DUE_SOON_DAYS = 14;

export type DueStatus = 'overdue' | 'due-soon' | 'upcoming';

export const DUE_STATUS_LABELS: Readonly<Record<DueStatus, string>> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
};

/**
 * The status of something whose last day is `daysLeft` calendar days from today (0: due today,
 * -1: was due yesterday), or null when it lies beyond the look-ahead window.
 */
export function dueStatus(daysLeft: number): DueStatus | null {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= DUE_SOON_DAYS) return 'due-soon';
  if (daysLeft <= LOOKAHEAD_DAYS) return 'upcoming';
  return null;
}

/** "due today", "in 1 day", "in 12 days", "1 day overdue", "3 days overdue". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 0) return 'due today';
  const n = Math.abs(daysLeft);
  const days = n === 1 ? '1 day' : `${n} days`;
  return daysLeft > 0 ? `in ${days}` : `${days} overdue`;
}
