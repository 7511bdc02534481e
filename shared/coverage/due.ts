/**
 * The one definition of due, overdue and covered (issue #13), used by Coverage, Maintain and the
 * bundle's index, so that no two screens disagree about the same audit. Pure.
 *
 * - A slot is **due** once it has ended: until then evidence can still come, and the slot is
 *   neither covered nor overdue, and not part of "% covered".
 * - A due slot is **covered** when it holds evidence that is approved or waits for review.
 * - A due slot is **overdue** when it holds no evidence at all.
 * - A due slot whose only evidence was rejected is neither: it needs rework, and says so.
 */
import type { SlotStatus } from '../periods/slots';

export type SlotStanding = 'not-due' | 'covered' | 'overdue' | 'rework';

/** Whether a slot ending at `slotEnd` (exclusive UTC instant) is due at `now`. */
export function isSlotDue(slotEnd: string, now: string): boolean {
  return Date.parse(now) >= Date.parse(slotEnd);
}

/** Where a slot stands, from its status (what the matrix shows) and whether it is due. */
export function slotStanding(status: SlotStatus, due: boolean): SlotStanding {
  if (!due) return 'not-due';
  if (status === 'approved' || status === 'collected') return 'covered';
  if (status === 'rejected') return 'rework';
  return 'overdue';
}

export interface DueCounts {
  /** Slots that have ended: the denominator of "% covered". */
  readonly due: number;
  readonly covered: number;
  readonly overdue: number;
  readonly rework: number;
  /** Slots still running or to come. */
  readonly notDue: number;
}

export const NO_DUE_COUNTS: DueCounts = { due: 0, covered: 0, overdue: 0, rework: 0, notDue: 0 };

/** Slot ends as numbers, parsed once per slot object: slots are cached, and 200 controls of daily slots are 30,000 cells per count (issue #12). */
const endsMs = new WeakMap<{ readonly end: string }, number>();

export function slotEndMs(slot: { readonly end: string }): number {
  let ms = endsMs.get(slot);
  if (ms === undefined) {
    ms = Date.parse(slot.end);
    endsMs.set(slot, ms);
  }
  return ms;
}

export function countStandings(cells: readonly { readonly slot: { readonly end: string }; readonly status: SlotStatus }[], now: string): DueCounts {
  const counts = { covered: 0, overdue: 0, rework: 0, 'not-due': 0 };
  // isSlotDue, with `now` parsed once for all cells.
  const nowMs = Date.parse(now);
  for (const cell of cells) counts[slotStanding(cell.status, nowMs >= slotEndMs(cell.slot))] += 1;
  return { due: counts.covered + counts.overdue + counts.rework, covered: counts.covered, overdue: counts.overdue, rework: counts.rework, notDue: counts['not-due'] };
}

/** Whole percent of due slots covered, rounded down (99.6 % is not yet "100 %"); null when nothing is due yet. */
export function percentOfDueCovered(counts: Pick<DueCounts, 'due' | 'covered'>): number | null {
  return counts.due === 0 ? null : Math.floor((counts.covered / counts.due) * 100);
}
