/**
 * Period slots and freshness (DESIGN.md §1, "Period slots" and "Freshness").
 *
 * A control's frequency splits the audit window into slots; an evidence item fills the slot its
 * evidence date falls in. Pure: plain UTC arithmetic and @date-fns/tz only, so main and renderer agree.
 *
 * Two kinds of date live here and are never mixed:
 * - calendar days ('YYYY-MM-DD'), on which all slot arithmetic is done, held as UTC-midnight
 *   dates and computed with Date.UTC, so no daylight-saving change can shift a day or a month;
 * - instants (UTC ISO strings), obtained only at the end by asking for midnight of a calendar
 *   day in the audit's zone.
 */
import { TZDate } from '@date-fns/tz';
import type { AuditType, Frequency } from '../domain/types';
import { isValidTimeZone } from '../time/format';

/** What slot computation needs of an audit (a subset of AuditRecord). Dates are 'YYYY-MM-DD'. */
export interface AuditWindow {
  type: AuditType;
  asOf: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  timeZone: string;
}

export type SlotKind =
  | 'as-of'
  | 'period'
  | 'year'
  | 'half'
  | 'quarter'
  | 'month'
  | 'week'
  | 'day'
  | 'population'
  | 'start'
  | 'end';

/**
 * One slot. `start` is inclusive and `end` exclusive, both UTC ISO instants of midnight in the
 * audit's zone; `partial` says the slot was clipped by the period boundary.
 */
export interface Slot {
  id: string;
  label: string;
  kind: SlotKind;
  start: string;
  end: string;
  partial: boolean;
}

export type SlotStatus = 'missing' | 'collected' | 'approved' | 'rejected' | 'overdue';

/** More slots than anyone can review is a wrong period or frequency, not a schedule. */
export const MAX_SLOTS = 5000;

/**
 * A Type I report speaks for one date, but its evidence is gathered in the weeks before it: the
 * window is the 90 calendar days up to and including the as-of date.
 */
export const TYPE1_WINDOW_DAYS = 90;

/** `continuous` controls need evidence near each end of the period: the first and last 30 days. */
export const CONTINUOUS_EDGE_DAYS = 30;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A zone designator is required: an instant without one would be read in whatever zone the
// runtime happens to be in, and a bare date as UTC midnight — neither is the audit's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
// Before 1900 zones used local mean time with odd offsets, and JavaScript reads years below 100
// as 19xx; no SOC 2 audit lies there, so such dates are typing mistakes.
const MIN_YEAR = 1900;

// ---------------------------------------------------------------------------------------------
// Validation

interface Bounds {
  /** First calendar day of the window. */
  readonly startDay: Date;
  /** The day after the last calendar day of the window (exclusive). */
  readonly endDay: Date;
  readonly zone: string;
}

function parseDay(value: string | null, field: string): Date {
  if (value === null || value === undefined || value === '') {
    throw new Error(`Audit ${field} is missing: expected a calendar date 'YYYY-MM-DD'.`);
  }
  const match = CALENDAR_DATE.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March: a round trip catches days that do not exist.
  if (match === null || year < MIN_YEAR || Number.isNaN(date.getTime()) || dayString(date) !== value) {
    throw new Error(`Audit ${field} ${JSON.stringify(value)} is not a valid calendar date 'YYYY-MM-DD' (year ${MIN_YEAR} or later).`);
  }
  return date;
}

function parseInstant(value: string, what: string): number {
  const ms = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`${what} ${JSON.stringify(value)} is not an ISO instant with a zone, e.g. '2026-03-01T12:00:00Z'.`);
  }
  return ms;
}

/**
 * An ISO instant with a zone as milliseconds, or null when it is not one (the same rule that
 * slotOf and isInWindow apply): for callers that place thousands of items and want no throw.
 */
export function instantMs(value: string): number | null {
  const ms = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

function checkZone(zone: string): string {
  if (typeof zone !== 'string' || zone === '' || !isValidTimeZone(zone)) {
    throw new Error(`Audit time zone ${JSON.stringify(zone)} is not a known IANA time zone, e.g. 'Europe/Berlin'.`);
  }
  return zone;
}

const bounds = new Map<string, Bounds>();

/**
 * The window's calendar bounds, validated and parsed once per window: nextDue runs per control
 * and per evidence date of a 'once' or 'continuous' control (issue #12). The Dates are shared:
 * every caller here only reads them and derives new ones (plusDays, utcDay).
 */
function boundsOf(audit: AuditWindow): Bounds {
  const key = [audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone].join('|');
  let found = bounds.get(key);
  if (found === undefined) {
    found = parseBounds(audit);
    if (bounds.size >= 64) bounds.clear();
    bounds.set(key, found);
  }
  return found;
}

function parseBounds(audit: AuditWindow): Bounds {
  const zone = checkZone(audit.timeZone);
  if (audit.type === 'type1') {
    const asOf = parseDay(audit.asOf, 'asOf');
    return { startDay: plusDays(asOf, 1 - TYPE1_WINDOW_DAYS), endDay: plusDays(asOf, 1), zone };
  }
  if (audit.type === 'type2') {
    const start = parseDay(audit.periodStart, 'periodStart');
    const end = parseDay(audit.periodEnd, 'periodEnd');
    if (end.getTime() < start.getTime()) {
      throw new Error(`Audit periodEnd ${audit.periodEnd} is before periodStart ${audit.periodStart}.`);
    }
    return { startDay: start, endDay: plusDays(end, 1), zone };
  }
  throw new Error(`Unknown audit type ${JSON.stringify(audit.type)}: expected 'type1' or 'type2'.`);
}

// ---------------------------------------------------------------------------------------------
// Calendar days and instants

// Days are UTC midnights, and a UTC day is always 24 hours long: plain arithmetic is exact here
// and several times faster than a date-fns call, which matters for daily slots over long periods.
const DAY_MS = 86_400_000;

function dayString(day: Date): string {
  // Via a plain Date: a TZDate from date-fns would print its offset instead of 'Z'.
  return new Date(day.getTime()).toISOString().slice(0, 10);
}

function plusDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * The first instant of a calendar day in the zone. Every boundary is local midnight, so its UTC
 * offset follows daylight saving (New York: 2026-03-01 is 05:00Z, 2026-03-09 is 04:00Z). Built
 * fresh from the day each time, never by adding hours, so a 23- or 25-hour day cannot drift the
 * next boundary; where midnight itself is skipped (e.g. America/Santiago) TZDate gives 01:00,
 * still the day's first instant.
 */
function midnightMs(day: Date, zone: string): number {
  const key = `${zone}|${day.getTime()}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    ms = new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), zone).getTime();
    // A year of days in a few zones; the bound only keeps a long session's memo from growing.
    if (midnights.size >= 20_000) midnights.clear();
    midnights.set(key, ms);
  }
  return ms;
}

/**
 * Midnights by zone and day, remembered: a TZDate costs a zone lookup through Intl (tens of
 * microseconds), and the same few hundred days are asked for once per item and per slot
 * (issue #12: 1.5–2.5 s of every whole-audit screen went to TZDate, 10,000 items deep).
 */
const midnights = new Map<string, number>();

function midnightIso(day: Date, zone: string): string {
  return new Date(midnightMs(day, zone)).toISOString();
}

/** The calendar day an instant falls on in the zone. */
function localDay(ms: number, zone: string): Date {
  const local = new TZDate(ms, zone);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

// ---------------------------------------------------------------------------------------------
// Cadence units (unclipped), on calendar days

interface Unit {
  readonly id: string;
  readonly kind: SlotKind;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** The label, given the clipped first and last (inclusive) days. */
  readonly label: (first: Date, last: Date) => string;
}

type GridFrequency = 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'weekly' | 'daily';

function isGrid(frequency: Frequency): frequency is GridFrequency {
  return (
    frequency === 'annual' ||
    frequency === 'semiannual' ||
    frequency === 'quarterly' ||
    frequency === 'monthly' ||
    frequency === 'weekly' ||
    frequency === 'daily'
  );
}

function range(first: Date, last: Date): string {
  return `${dayString(first)} – ${dayString(last)}`;
}

/**
 * The k-th boundary of N-month blocks counted from the period start: the same day of the month
 * N·k months later, or the 1st of the following month when that month is too short. So a
 * period from 2028-02-29 has its first year end on 2029-02-28 (boundary 2029-03-01), and a
 * 12-month period 2028-02-29 – 2029-02-28 is exactly one year. Each boundary is computed from
 * the period start, not from the previous boundary, so short months never make blocks drift.
 */
function blockBoundary(origin: Date, months: number, k: number): Date {
  const firstOfMonth = new Date(Date.UTC(origin.getUTCFullYear(), origin.getUTCMonth() + months * k, 1));
  const daysInMonth = new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth() + 1, 0)).getUTCDate();
  const dayOfMonth = origin.getUTCDate();
  return dayOfMonth <= daysInMonth
    ? new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth(), dayOfMonth))
    : new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth() + 1, 1));
}

function blockUnit(origin: Date, months: number, day: Date, kind: 'year' | 'half'): Unit {
  const monthsApart = (day.getUTCFullYear() - origin.getUTCFullYear()) * 12 + (day.getUTCMonth() - origin.getUTCMonth());
  let k = Math.max(0, Math.floor(monthsApart / months));
  while (k > 0 && blockBoundary(origin, months, k).getTime() > day.getTime()) k -= 1;
  while (blockBoundary(origin, months, k + 1).getTime() <= day.getTime()) k += 1;
  const n = k + 1;
  const prefix = kind === 'year' ? 'Y' : 'H';
  const name = kind === 'year' ? 'Year' : 'Half';
  return {
    id: `${prefix}${n}`,
    kind,
    start: blockBoundary(origin, months, k),
    end: blockBoundary(origin, months, k + 1),
    label: (first, last) => `${name} ${n} (${range(first, last)})`,
  };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar day as a UTC midnight; months past December roll into the next year. */
function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

/**
 * The unclipped unit of a recurring frequency that contains a calendar day. Plain UTC
 * arithmetic on the day: date-fns in its UTC context built a zoned date per call, and placing
 * 200 controls' next due dates spent 90 ms in it (issue #12).
 */
function unitAt(frequency: GridFrequency, origin: Date, day: Date): Unit {
  switch (frequency) {
    case 'annual':
      // 12-month blocks from the period start: an annual control follows the audit year, and a
      // period rarely starts on 1 January.
      return blockUnit(origin, 12, day, 'year');
    case 'semiannual':
      return blockUnit(origin, 6, day, 'half');
    case 'quarterly': {
      // Calendar quarters: quarterly reviews are scheduled by the calendar, not the period.
      const year = day.getUTCFullYear();
      const quarter = Math.floor(day.getUTCMonth() / 3);
      const label = `Q${quarter + 1} ${year}`;
      return { id: `${year}-Q${quarter + 1}`, kind: 'quarter', start: utcDay(year, quarter * 3, 1), end: utcDay(year, quarter * 3 + 3, 1), label: () => label };
    }
    case 'monthly': {
      const year = day.getUTCFullYear();
      const month = day.getUTCMonth();
      const label = `${MONTH_NAMES[month] ?? ''} ${year}`;
      return { id: `${year}-${String(month + 1).padStart(2, '0')}`, kind: 'month', start: utcDay(year, month, 1), end: utcDay(year, month + 1, 1), label: () => label };
    }
    case 'weekly': {
      // ISO 8601 weeks start on Monday and belong to the ISO week-numbering year (the year of
      // their Thursday): 2027-01-01, a Friday, is in 2026-W53.
      const start = plusDays(day, -((day.getUTCDay() + 6) % 7));
      const thursday = plusDays(start, 3);
      const year = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
      const label = `Week ${week}, ${year}`;
      return { id: `${year}-W${String(week).padStart(2, '0')}`, kind: 'week', start, end: plusDays(start, 7), label: () => label };
    }
    case 'daily': {
      const id = dayString(day);
      return { id, kind: 'day', start: day, end: plusDays(day, 1), label: () => id };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Slots

function makeSlot(id: string, label: string, kind: SlotKind, first: Date, end: Date, partial: boolean, zone: string): Slot {
  return { id, label, kind, start: midnightIso(first, zone), end: midnightIso(end, zone), partial };
}

/** The audit window as UTC instants: Type II the whole period, Type I the 90 days up to the as-of date. */
export function auditWindow(audit: AuditWindow): { start: string; end: string } {
  const { startDay, endDay, zone } = boundsOf(audit);
  return { start: midnightIso(startDay, zone), end: midnightIso(endDay, zone) };
}

export function computeSlots(audit: AuditWindow, frequency: Frequency): Slot[] {
  const { startDay, endDay, zone } = boundsOf(audit);
  const whole = range(startDay, plusDays(endDay, -1));

  // A Type I report looks at design as of one date, so every frequency has the one slot.
  if (audit.type === 'type1') {
    return [makeSlot('as-of', `As of ${audit.asOf ?? ''}`, 'as-of', startDay, endDay, false, zone)];
  }

  switch (frequency) {
    case 'once':
      return [makeSlot('period', `Period (${whole})`, 'period', startDay, endDay, false, zone)];
    case 'per-event':
      // Events are a population the auditor samples from, not a schedule: one slot, counted.
      return [makeSlot('population', `Population (${whole})`, 'population', startDay, endDay, false, zone)];
    case 'continuous': {
      // Evidence that a continuous control runs at both ends of the period. With a period
      // shorter than 60 days the two overlap (slotOf then picks 'start'); shorter than 30 days
      // each is clipped to the period and marked partial.
      const startEnd = earlier(plusDays(startDay, CONTINUOUS_EDGE_DAYS), endDay);
      const endStart = later(plusDays(endDay, -CONTINUOUS_EDGE_DAYS), startDay);
      const clipped = plusDays(startDay, CONTINUOUS_EDGE_DAYS).getTime() > endDay.getTime();
      return [
        makeSlot('start', 'Period start', 'start', startDay, startEnd, clipped, zone),
        makeSlot('end', 'Period end', 'end', endStart, endDay, clipped, zone),
      ];
    }
    case 'annual':
    case 'semiannual':
    case 'quarterly':
    case 'monthly':
    case 'weekly':
    case 'daily': {
      // Units clipped to the period: a period that starts mid-quarter gets a partial first
      // quarter, so each slot still tells the reviewer which calendar unit it speaks for.
      const slots: Slot[] = [];
      let day = startDay;
      while (day.getTime() < endDay.getTime()) {
        if (slots.length === MAX_SLOTS) {
          throw new Error(`A ${frequency} control over ${whole} needs more than ${MAX_SLOTS} slots: check the period and the frequency.`);
        }
        const unit = unitAt(frequency, startDay, day);
        const first = later(unit.start, startDay);
        const end = earlier(unit.end, endDay);
        const partial = first.getTime() !== unit.start.getTime() || end.getTime() !== unit.end.getTime();
        slots.push(makeSlot(unit.id, unit.label(first, plusDays(end, -1)), unit.kind, first, end, partial, zone));
        day = end;
      }
      return slots;
    }
    default:
      throw new Error(`Unknown frequency ${JSON.stringify(frequency satisfies never)}.`);
  }
}

/**
 * The slots of a frequency over an audit's window, computed once per window and frequency and
 * shared (read-only) by every caller: a daily control's 365 slots are 730 time-zone conversions,
 * and a screen asks for them per card, per row, per item.
 */
const slotLists = new Map<string, readonly Slot[]>();

export function cachedSlots(audit: AuditWindow, frequency: Frequency): readonly Slot[] {
  const key = [audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone, frequency].join('|');
  let slots = slotLists.get(key);
  if (slots === undefined) {
    slots = computeSlots(audit, frequency);
    if (slotLists.size >= 64) slotLists.clear();
    slotLists.set(key, slots);
  }
  return slots;
}

/**
 * The first slot containing the instant (start <= t < end), or null when none does. Evidence on
 * a boundary instant belongs to the later slot; evidence outside the window belongs to none and
 * is flagged by the caller, never counted (DESIGN.md §1).
 */
export function slotOf(slots: readonly Slot[], instant: string): Slot | null {
  return slotAt(slots, parseInstant(instant, 'Evidence date'));
}

/** Slot bounds as numbers, parsed once per slot list: placing 10,000 items must not parse 10,000 × 365 dates. */
const slotBounds = new WeakMap<readonly Slot[], { readonly starts: Float64Array; readonly ends: Float64Array; readonly ordered: boolean }>();

function boundsOfSlots(slots: readonly Slot[]): { readonly starts: Float64Array; readonly ends: Float64Array; readonly ordered: boolean } {
  let bounds = slotBounds.get(slots);
  if (bounds === undefined) {
    const starts = Float64Array.from(slots, (slot) => Date.parse(slot.start));
    const ends = Float64Array.from(slots, (slot) => Date.parse(slot.end));
    // Grid slots follow each other without overlap; only a short period's continuous slots overlap.
    let ordered = true;
    for (let i = 1; i < slots.length; i += 1) if ((starts[i] ?? 0) < (ends[i - 1] ?? 0)) ordered = false;
    bounds = { starts, ends, ordered };
    slotBounds.set(slots, bounds);
  }
  return bounds;
}

/**
 * slotOf for an instant already in milliseconds: a binary search over the slots' starts (they
 * are in order and do not overlap), or the first match in order where they do overlap. Slot
 * lists must not be changed after the first call (they are cached by identity, as computeSlots
 * and slotCache hand them out).
 */
export function slotAt(slots: readonly Slot[], t: number): Slot | null {
  const { starts, ends, ordered } = boundsOfSlots(slots);
  if (!ordered) {
    for (let i = 0; i < slots.length; i += 1) if ((starts[i] ?? 0) <= t && t < (ends[i] ?? 0)) return slots[i] ?? null;
    return null;
  }
  let lo = 0;
  let hi = slots.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) <= t) lo = mid + 1;
    else hi = mid - 1;
  }
  // hi is the last slot that starts at or before t.
  return hi >= 0 && t < (ends[hi] ?? 0) ? (slots[hi] ?? null) : null;
}

export function isInWindow(audit: AuditWindow, instant: string): boolean {
  const t = parseInstant(instant, 'Evidence date');
  const { start, end } = windowMs(audit);
  return start <= t && t < end;
}

const windows = new Map<string, { readonly start: number; readonly end: number }>();

/** The window's bounds in ms, validated and converted once per window (isInWindow runs per item). */
function windowMs(audit: AuditWindow): { readonly start: number; readonly end: number } {
  const key = [audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone].join('|');
  let found = windows.get(key);
  if (found === undefined) {
    const { startDay, endDay, zone } = boundsOf(audit);
    found = { start: midnightMs(startDay, zone), end: midnightMs(endDay, zone) };
    if (windows.size >= 64) windows.clear();
    windows.set(key, found);
  }
  return found;
}

/**
 * One approved item settles a slot. Only rejections means the evidence was looked at and found
 * wanting: that stays 'rejected' even after the slot ended, so the reviewer sees why rather than
 * a bare 'overdue'. Pending items are 'collected'. An empty slot is 'overdue' once it has ended.
 */
export function slotStatus(
  slot: Slot,
  items: readonly { review: 'pending' | 'approved' | 'rejected' }[],
  now: string,
): SlotStatus {
  return slotStatusAt(parseInstant(slot.end, 'Slot end'), items, parseInstant(now, 'Current time'));
}

/** slotStatus with the slot's end and the current time already in milliseconds. */
export function slotStatusAt(endMs: number, items: readonly { review: 'pending' | 'approved' | 'rejected' }[], nowMs: number): SlotStatus {
  if (items.some((item) => item.review === 'approved')) return 'approved';
  if (items.length > 0 && items.every((item) => item.review === 'rejected')) return 'rejected';
  if (items.some((item) => item.review === 'pending')) return 'collected';
  return nowMs >= endMs ? 'overdue' : 'missing';
}

/**
 * When the next evidence is due, for the Maintain step (UTC ISO instant), or null when nothing
 * more is due. `lastEvidence` is the evidence date of the control's latest counted item.
 *
 * - per-event: null; events happen when they happen.
 * - Type I (one slot), and 'once': the window's end unless the last evidence lies in it.
 * - continuous: the end of the 'end' slot unless the last evidence lies in that slot.
 * - recurring: take the slot containing `now` (the first slot if the period has not begun).
 *   If the last evidence is in it (or later), the next slot's end; else this slot's end. After
 *   the period the same cadence continues unclipped — the unit straddling the period end is split
 *   there, like in-period slots — so the Maintain step can look 90 days ahead past the period.
 *   Earlier empty slots are not chased here: they show as 'overdue' slots.
 */
export function nextDue(audit: AuditWindow, frequency: Frequency, lastEvidence: string | null, now: string): string | null {
  const { startDay, endDay, zone } = boundsOf(audit);
  const nowMs = parseInstant(now, 'Current time');
  const lastMs = lastEvidence === null ? null : parseInstant(lastEvidence, 'Last evidence date');
  const windowStart = midnightMs(startDay, zone);
  const windowEnd = midnightMs(endDay, zone);
  const within = (from: number, to: number): boolean => lastMs !== null && from <= lastMs && lastMs < to;

  if (frequency === 'per-event') return null;
  if (audit.type === 'type1' || frequency === 'once') {
    return within(windowStart, windowEnd) ? null : new Date(windowEnd).toISOString();
  }
  if (frequency === 'continuous') {
    const endSlotStart = midnightMs(later(plusDays(endDay, -CONTINUOUS_EDGE_DAYS), startDay), zone);
    return within(endSlotStart, windowEnd) ? null : new Date(windowEnd).toISOString();
  }
  if (!isGrid(frequency)) throw new Error(`Unknown frequency ${JSON.stringify(frequency)}.`);

  // The slot that starts on a calendar day: clipped to the period end while inside the period,
  // unclipped beyond it.
  const slotFrom = (first: Date): { start: Date; end: Date } => {
    const unit = unitAt(frequency, startDay, first);
    const end = first.getTime() < endDay.getTime() ? earlier(unit.end, endDay) : unit.end;
    return { start: first, end };
  };
  const today = nowMs < windowStart ? startDay : localDay(nowMs, zone);
  const floor = today.getTime() < endDay.getTime() ? startDay : endDay;
  const current = slotFrom(later(unitAt(frequency, startDay, today).start, floor));
  const hasEvidence = lastMs !== null && lastMs >= midnightMs(current.start, zone);
  const due = hasEvidence ? slotFrom(current.end).end : current.end;
  return midnightIso(due, zone);
}
