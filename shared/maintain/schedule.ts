/**
 * What evidence is due next, for the Maintain step (DESIGN.md §1, "Freshness"): every active
 * control's next due date from `nextDue`, kept when it is overdue or falls within the next
 * LOOKAHEAD_DAYS days. Pure, so the screen and the tests compute the same list.
 */
import type { ControlRecord, EvidenceRecord } from '../domain/records';
import type { Frequency } from '../domain/types';
import { auditWindow, instantMs, nextDue, type AuditWindow } from '../periods/slots';
import { compareNumeric } from '../text/compare';
import { addDays, calendarDayIn, daysBetween } from './calendar';
import { dueStatus, type DueStatus } from './due';

export type ScheduleControl = Pick<ControlRecord, 'id' | 'ref' | 'title' | 'frequency'>;
export type ScheduleEvidence = Pick<EvidenceRecord, 'controlIds' | 'evidenceDate'>;

export interface ScheduleRow {
  readonly controlId: string;
  readonly ref: string;
  readonly title: string;
  readonly frequency: Frequency;
  /** The latest evidence date of the control's evidence (UTC instant), or null: never evidenced. */
  readonly lastEvidence: string | null;
  /** The instant by which evidence is due (exclusive: the midnight that ends the slot). */
  readonly due: string;
  /** The last calendar day, in the audit's zone, on which the evidence can still be collected. */
  readonly dueDay: string;
  /** Calendar days from today to dueDay: 0 is today, negative is overdue. */
  readonly daysLeft: number;
  readonly status: DueStatus;
}

/**
 * The rows of the schedule, soonest first. Controls with nothing more due (per-event, or a
 * once/Type I control already evidenced in the window) and controls due beyond the look-ahead
 * window are left out.
 */
export function maintenanceSchedule(
  audit: AuditWindow,
  controls: readonly ScheduleControl[],
  evidence: readonly ScheduleEvidence[],
  now: string,
): ScheduleRow[] {
  // Validates the audit first, so a bad zone or date is reported in the audit's words.
  auditWindow(audit);
  const datesByControl = new Map<string, string[]>();
  for (const item of evidence) {
    for (const id of item.controlIds) {
      const dates = datesByControl.get(id) ?? [];
      dates.push(item.evidenceDate);
      datesByControl.set(id, dates);
    }
  }
  const today = calendarDayIn(now, audit.timeZone);
  const rows: ScheduleRow[] = [];
  for (const control of controls) {
    const dates = datesByControl.get(control.id) ?? [];
    const due = dueFor(audit, control.frequency, dates, now);
    if (due === null) continue;
    // `due` is the midnight that ends the slot, so the last day to collect is the day before it.
    const dueDay = addDays(calendarDayIn(due, audit.timeZone), -1);
    const daysLeft = daysBetween(today, dueDay);
    const status = dueStatus(daysLeft);
    if (status === null) continue;
    rows.push({
      controlId: control.id,
      ref: control.ref,
      title: control.title,
      frequency: control.frequency,
      lastEvidence: latest(dates),
      due,
      dueDay,
      daysLeft,
      status,
    });
  }
  return rows.sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || compareNumeric(a.ref, b.ref));
}

/**
 * The next due instant given all of a control's evidence dates. Usually that is nextDue of the
 * latest date, but an item dated after a Type I window (or after a 'once' control's period) is
 * not counted there, and must not hide an earlier item that did settle it. nextDue is monotonic
 * in the evidence date for recurring cadences and null once a window is settled, so "null if
 * any item settles it, else the latest due" is nextDue of the item that settles the most.
 */
function dueFor(audit: AuditWindow, frequency: Frequency, dates: readonly string[], now: string): string | null {
  if (dates.length === 0) return nextDue(audit, frequency, null, now);
  if (audit.type === 'type2' && isRecurring(frequency)) {
    // Monotonic and never null for a recurring cadence: the latest date decides, and a daily
    // control's 365 dates need one nextDue, not 365. An unreadable date is still reported.
    const unreadable = dates.find((date) => instantMs(date) === null);
    return nextDue(audit, frequency, unreadable ?? latest(dates), now);
  }
  let latestDue: string | null = null;
  for (const date of dates) {
    const due = nextDue(audit, frequency, date, now);
    if (due === null) return null;
    if (latestDue === null || Date.parse(due) > Date.parse(latestDue)) latestDue = due;
  }
  return latestDue;
}

function isRecurring(frequency: Frequency): boolean {
  return frequency === 'annual' || frequency === 'semiannual' || frequency === 'quarterly' || frequency === 'monthly' || frequency === 'weekly' || frequency === 'daily';
}

function latest(dates: readonly string[]): string | null {
  let found: string | null = null;
  let foundMs = Number.NaN;
  for (const date of dates) {
    // Each date parsed once (a daily control has 365): NaN never wins a comparison, as before.
    const ms = Date.parse(date);
    if (found === null || ms > foundMs) {
      found = date;
      foundMs = ms;
    }
  }
  return found;
}
