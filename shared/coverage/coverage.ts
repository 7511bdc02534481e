/**
 * Coverage: which period slots of which controls have evidence (issue #3, DESIGN.md §1 "Period
 * slots"). Pure: the renderer feeds it rows from IndexedDB, and the bundle's index can reuse it.
 *
 * Rules, each one something an auditor would ask about:
 * - an item fills the slot its evidence date falls in, for every control it is linked to;
 * - an item dated outside the audit window is listed per control and never counted;
 * - an item replaced by a newer version (`supersedes`) no longer counts: only the newest does;
 * - a per-event control has a population (a count of items), not a schedule.
 */
import type { ControlRecord, EvidenceRecord } from '../domain/records';
import type { Frequency } from '../domain/types';
import { auditWindow, cachedSlots, instantMs, slotAt, slotStatusAt } from '../periods/slots';
import type { AuditWindow, Slot, SlotStatus } from '../periods/slots';
import { isWithdrawn } from '../evidence/withdrawal';
import { countStandings, percentOfDueCovered, slotEndMs } from './due';

export type Review = 'pending' | 'approved' | 'rejected';
export type ReviewOf = (evidenceId: string) => Review;

/**
 * The slot id the evidence browser uses for "dated outside the audit window". Real slot ids are
 * 'as-of', 'period', 'population', 'start', 'end', 'Y1', '2026-Q1', '2026-03', '2026-W05' or
 * '2026-03-04', so this one cannot collide.
 */
export const OUTSIDE_WINDOW = 'outside';

/** Statuses in the order the matrix lists them. */
export const SLOT_STATUSES: readonly SlotStatus[] = ['approved', 'collected', 'rejected', 'overdue', 'missing'];

export type CoverageControl = Pick<ControlRecord, 'id' | 'frequency'>;
export type CoverageEvidence = Pick<EvidenceRecord, 'id' | 'auditId' | 'controlIds' | 'evidenceDate' | 'supersedes' | 'withdrawal'>;

export interface CellCoverage {
  readonly slot: Slot;
  /** Counted items whose evidence date falls in the slot, oldest first. */
  readonly evidenceIds: readonly string[];
  readonly status: SlotStatus;
}

export interface CoverageTotals {
  readonly slots: number;
  readonly missing: number;
  readonly collected: number;
  readonly approved: number;
  readonly rejected: number;
  readonly overdue: number;
  /** Due slots (ended) whose evidence is pending or approved: see ./due.ts, the one definition. */
  readonly covered: number;
  /** Slots that have ended: the denominator of "% covered". */
  readonly due: number;
  /** Slots still running or to come: neither covered nor overdue. */
  readonly notDue: number;
}

export interface ControlCoverage {
  readonly controlId: string;
  readonly frequency: Frequency;
  readonly cells: readonly CellCoverage[];
  /** For a per-event control the number of counted items in the window, else null. */
  readonly population: number | null;
  /** Items dated outside the audit window (or not dated at all): flagged, never counted. */
  readonly outside: readonly string[];
  /**
   * Items in the window but in none of the slots. Only a continuous control has such gaps: it
   * needs evidence at the period's start and end, and an item from mid-period fills neither.
   */
  readonly between: readonly string[];
  readonly totals: CoverageTotals;
}

export interface AuditCoverage {
  readonly auditId: string;
  /** UTC instants, end exclusive. */
  readonly window: { readonly start: string; readonly end: string };
  readonly controls: readonly ControlCoverage[];
  readonly totals: CoverageTotals;
  /** Distinct items dated outside the window: an item on two controls counts once here. */
  readonly outside: number;
  /** Distinct items replaced by a newer version. */
  readonly superseded: number;
}

export type Placement = { readonly kind: 'slot'; readonly slot: Slot } | { readonly kind: 'between' } | { readonly kind: 'outside' };

/**
 * Orders evidence dates as instants, not strings: an imported record may carry an offset
 * ('+02:00') where ours carry 'Z'. Unreadable dates sort last.
 */
export function compareInstants(a: string, b: string): number {
  return compareMs(Date.parse(a), Date.parse(b));
}

/** compareInstants on dates already parsed (NaN for unreadable ones), for sorting thousands of items. */
export function compareMs(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
  return x - y;
}

const EMPTY_TOTALS: CoverageTotals = { slots: 0, missing: 0, collected: 0, approved: 0, rejected: 0, overdue: 0, covered: 0, due: 0, notDue: 0 };

/**
 * Ids of the items some other item of the audit supersedes. Following the links one step is
 * enough: in a chain A ← B ← C both A and B are superseded, so only C, the newest, counts.
 */
export function supersededIds(evidence: readonly Pick<EvidenceRecord, 'id' | 'supersedes' | 'withdrawal'>[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const item of evidence) {
    // A withdrawn re-capture replaces nothing: the item before it counts again.
    if (item.supersedes !== null && item.supersedes !== item.id && !isWithdrawn(item)) ids.add(item.supersedes);
  }
  return ids;
}

/** The audit window in milliseconds, end exclusive. */
export interface WindowMs {
  readonly start: number;
  readonly end: number;
}

const OUTSIDE_PLACEMENT: Placement = { kind: 'outside' };
const BETWEEN_PLACEMENT: Placement = { kind: 'between' };
const slotPlacements = new WeakMap<Slot, Placement>();

/**
 * Where an evidence date puts an item among a control's slots. A date that cannot be read (an
 * imported record, say) is treated like one outside the window: it is shown, never counted.
 */
export function placeEvidence(slots: readonly Slot[], window: { readonly start: string; readonly end: string }, evidenceDate: string): Placement {
  return placeAt(slots, { start: Date.parse(window.start), end: Date.parse(window.end) }, instantMs(evidenceDate));
}

/** placeEvidence with the window and the date already parsed (null: unreadable). */
export function placeAt(slots: readonly Slot[], window: WindowMs, t: number | null): Placement {
  if (t === null) return OUTSIDE_PLACEMENT;
  const slot = slotAt(slots, t);
  if (slot !== null) {
    let placement = slotPlacements.get(slot);
    if (placement === undefined) {
      placement = { kind: 'slot', slot };
      slotPlacements.set(slot, placement);
    }
    return placement;
  }
  return window.start <= t && t < window.end ? BETWEEN_PLACEMENT : OUTSIDE_PLACEMENT;
}

/**
 * Slots per frequency, computed once: all controls of one frequency share them, and daily
 * slots over a year are 365 time-zone conversions.
 */
export function slotCache(audit: AuditWindow): (frequency: Frequency) => readonly Slot[] {
  return (frequency) => cachedSlots(audit, frequency);
}

function add(a: CoverageTotals, b: CoverageTotals): CoverageTotals {
  return {
    slots: a.slots + b.slots,
    missing: a.missing + b.missing,
    collected: a.collected + b.collected,
    approved: a.approved + b.approved,
    rejected: a.rejected + b.rejected,
    overdue: a.overdue + b.overdue,
    covered: a.covered + b.covered,
    due: a.due + b.due,
    notDue: a.notDue + b.notDue,
  };
}

function totalsOf(cells: readonly CellCoverage[], now: string): CoverageTotals {
  const counts = { ...EMPTY_TOTALS, slots: cells.length };
  for (const cell of cells) counts[cell.status] += 1;
  const standing = countStandings(cells, now);
  return { ...counts, covered: standing.covered, overdue: standing.overdue, due: standing.due, notDue: standing.notDue };
}

/**
 * The coverage of every control over the audit window, as of `now` (a slot that has ended
 * without evidence is overdue). `reviewOf` gives each item's sign-off state; until sign-offs
 * exist the caller passes `() => 'pending'`. Throws when the audit's window is not valid
 * (e.g. a Type II audit without a period), with a message that says what to fix.
 */
export function buildCoverage(
  audit: AuditWindow & { readonly id: string },
  controls: readonly CoverageControl[],
  evidence: readonly CoverageEvidence[],
  reviewOf: ReviewOf,
  now: string,
): AuditCoverage {
  const window = auditWindow(audit);
  const windowMs: WindowMs = { start: Date.parse(window.start), end: Date.parse(window.end) };
  const nowMs = instantMs(now);
  if (nowMs === null) throw new Error(`Current time ${JSON.stringify(now)} is not an ISO instant with a zone.`);
  const slotsFor = slotCache(audit);
  // Withdrawn items count nowhere (issue #13), whoever calls.
  const own = evidence.filter((item) => item.auditId === audit.id && !isWithdrawn(item));
  const superseded = supersededIds(own);
  // Each date parsed once: sorting and placing 10,000 items must not parse them again per comparison.
  const counted = own
    .filter((item) => !superseded.has(item.id))
    .map((item) => ({ item, t: instantMs(item.evidenceDate), sortKey: Date.parse(item.evidenceDate) }))
    .sort((a, b) => compareMs(a.sortKey, b.sortKey));

  const byControl = new Map<string, (typeof counted)[number][]>();
  for (const entry of counted) {
    // A Set: an item listing a control twice still counts once for it.
    for (const controlId of new Set(entry.item.controlIds)) {
      const list = byControl.get(controlId);
      if (list) list.push(entry);
      else byControl.set(controlId, [entry]);
    }
  }

  const outsideIds = new Set<string>();
  const rows = controls.map((control): ControlCoverage => {
    const slots = slotsFor(control.frequency);
    const inSlot = new Map<string, string[]>(slots.map((slot) => [slot.id, []]));
    const outside: string[] = [];
    const between: string[] = [];
    for (const { item, t } of byControl.get(control.id) ?? []) {
      const placement = placeAt(slots, windowMs, t);
      if (placement.kind === 'slot') inSlot.get(placement.slot.id)?.push(item.id);
      else if (placement.kind === 'between') between.push(item.id);
      else {
        outside.push(item.id);
        outsideIds.add(item.id);
      }
    }
    const cells = slots.map((slot): CellCoverage => {
      const evidenceIds = inSlot.get(slot.id) ?? [];
      return { slot, evidenceIds, status: slotStatusAt(slotEndMs(slot), evidenceIds.map((id) => ({ review: reviewOf(id) })), nowMs) };
    });
    const population = control.frequency === 'per-event' ? cells.reduce((n, cell) => n + cell.evidenceIds.length, 0) : null;
    return { controlId: control.id, frequency: control.frequency, cells, population, outside, between, totals: totalsOf(cells, now) };
  });

  return {
    auditId: audit.id,
    window,
    controls: rows,
    totals: rows.reduce((sum, row) => add(sum, row.totals), EMPTY_TOTALS),
    outside: outsideIds.size,
    superseded: own.filter((item) => superseded.has(item.id)).length,
  };
}

/**
 * The instants between which buildCoverage gives the same answer as at `now`: `now` enters it
 * only as "has this slot ended" (slotStatusAt, countStandings), so the answer holds from the
 * last slot end at or before `now` until the next one after it. Lets a screen keep its coverage
 * while the clock ticks (issue #12: 50 ms rebuilt every minute at 10,000 items).
 */
export function coverageSteadyBetween(audit: AuditWindow, controls: readonly CoverageControl[], nowMs: number): { readonly from: number; readonly until: number } {
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const slotsFor = slotCache(audit);
  for (const frequency of new Set(controls.map((c) => c.frequency))) {
    for (const slot of slotsFor(frequency)) {
      const end = slotEndMs(slot);
      if (end <= nowMs) from = Math.max(from, end);
      else until = Math.min(until, end);
    }
  }
  return { from, until };
}

/** Whole percent of due slots covered, rounded down (see ./due.ts); null while nothing is due yet. */
export function percentCovered(totals: CoverageTotals): number | null {
  return percentOfDueCovered(totals);
}
