import type { AuditType } from './types';
import { isValidTimeZone } from '../time/format';

export interface NewAuditInput {
  readonly name: string;
  readonly organization: string;
  readonly type: AuditType;
  readonly asOf: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly timeZone: string;
}

export type NewAuditErrors = Partial<Record<keyof NewAuditInput, string>>;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD between 1900 and 2999 (years below 100 are a typo, not an audit). */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2999) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Field-by-field problems with a new audit, in words a user can act on. Empty means valid. */
export function validateNewAudit(input: NewAuditInput): NewAuditErrors {
  const errors: NewAuditErrors = {};
  if (input.name.trim() === '') errors.name = 'Give the audit a name, e.g. "SOC 2 Type II 2026".';
  else if (input.name.length > 200) errors.name = 'Keep the name under 200 characters.';
  if (input.organization.trim() === '') errors.organization = 'Name the organization being audited.';
  else if (input.organization.length > 200) errors.organization = 'Keep the organization under 200 characters.';
  if (!isValidTimeZone(input.timeZone)) errors.timeZone = 'Choose a time zone from the list.';
  if (input.type === 'type1') {
    if (!isCalendarDate(input.asOf)) errors.asOf = 'A Type I audit needs the date its controls are described as of.';
  } else {
    if (!isCalendarDate(input.periodStart)) errors.periodStart = 'Enter the first day of the audit period.';
    if (!isCalendarDate(input.periodEnd)) errors.periodEnd = 'Enter the last day of the audit period.';
    else if (isCalendarDate(input.periodStart) && input.periodEnd <= input.periodStart) {
      errors.periodEnd = 'The period must end after it starts.';
    }
  }
  return errors;
}

export function describeAuditWindow(audit: { type: AuditType; asOf: string | null; periodStart: string | null; periodEnd: string | null }): string {
  return audit.type === 'type1' ? `Type I as of ${audit.asOf ?? '—'}` : `Type II ${audit.periodStart ?? '—'} to ${audit.periodEnd ?? '—'}`;
}
