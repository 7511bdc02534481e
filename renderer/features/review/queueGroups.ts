import type { ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import { computeSlots, isInWindow, slotOf, type AuditWindow, type Slot } from '../../../shared/periods/slots';
import type { ReviewState } from '../../../shared/review/reviewState';

/**
 * The review queue: what was collected and waits for a decision, grouped the way a reviewer
 * works through it — by control, then by the period slot the item is evidence for. Pure (no DOM).
 */

export interface QueueItem {
  readonly item: EvidenceRecord;
  readonly state: ReviewState;
}

export interface QueueSlot {
  readonly key: string;
  readonly label: string;
  /** Dated outside the audit window: shown, never silently counted (DESIGN.md §1). */
  readonly outside: boolean;
  readonly items: readonly QueueItem[];
}

export interface QueueControl {
  readonly key: string;
  /** null for items linked to no active control of the audit. */
  readonly control: ControlRecord | null;
  readonly slots: readonly QueueSlot[];
}

export interface Queue {
  readonly groups: readonly QueueControl[];
  /** Every queued item once, in screen order: what j/k walk through. */
  readonly order: readonly QueueItem[];
}

export const UNLINKED_KEY = 'unlinked';
export const OUTSIDE_LABEL = 'Outside the audit window';

/**
 * Waiting for review: no valid decision (an invalid latest sign-off counts as none) and not
 * replaced by a re-capture — a superseded item is history, its replacement is what is reviewed.
 */
export function isWaiting(state: ReviewState | undefined): state is ReviewState {
  return state !== undefined && state.decision === 'pending' && state.supersededBy === null;
}

interface Placement {
  readonly id: string;
  readonly label: string;
  readonly rank: number;
  readonly outside: boolean;
}

const OUTSIDE: Placement = { id: 'outside', label: OUTSIDE_LABEL, rank: Number.MAX_SAFE_INTEGER, outside: true };

function slotsFor(audit: AuditWindow, control: ControlRecord | null): Slot[] | null {
  if (!control) return null;
  try {
    return computeSlots(audit, control.frequency);
  } catch {
    return null;
  }
}

function placementOf(audit: AuditWindow, control: ControlRecord | null, slots: readonly Slot[] | null, evidenceDate: string): Placement {
  try {
    if (!isInWindow(audit, evidenceDate)) return OUTSIDE;
    const slot = slots ? slotOf(slots, evidenceDate) : null;
    if (!slot) {
      // A continuous control's slots are the first and last 30 days; between them is still the period.
      const label = control?.frequency === 'continuous' ? 'Mid-period (between the start and end slots)' : 'In the audit window';
      return { id: 'window', label, rank: Number.MAX_SAFE_INTEGER - 1, outside: false };
    }
    return { id: slot.id, label: slot.label, rank: slots?.indexOf(slot) ?? 0, outside: false };
  } catch {
    // An audit without a valid window, or an item with an unreadable date: it still needs review.
    return { id: 'unplaced', label: 'Not placed in a slot (check the audit period and the evidence date)', rank: Number.MAX_SAFE_INTEGER, outside: true };
  }
}

function byEvidenceDate(a: QueueItem, b: QueueItem): number {
  return a.item.evidenceDate.localeCompare(b.item.evidenceDate) || a.item.capturedAt.localeCompare(b.item.capturedAt) || a.item.id.localeCompare(b.item.id);
}

export function buildQueue(
  audit: AuditWindow,
  controls: readonly ControlRecord[],
  evidence: readonly EvidenceRecord[],
  states: ReadonlyMap<string, ReviewState>,
): Queue {
  const sorted = [...controls].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const rank = new Map(sorted.map((control, index) => [control.id, index]));

  // An item linked to several controls is listed once, under the first of them, so that one
  // decision is not offered twice; the preview names every control it belongs to.
  const byControl = new Map<string, QueueItem[]>();
  for (const item of evidence) {
    const state = states.get(item.id);
    if (!isWaiting(state)) continue;
    const linked = item.controlIds.filter((id) => rank.has(id)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const key = linked[0] ?? UNLINKED_KEY;
    byControl.set(key, [...(byControl.get(key) ?? []), { item, state }]);
  }

  const groups: QueueControl[] = [];
  for (const control of [...sorted, null]) {
    const key = control?.id ?? UNLINKED_KEY;
    const entries = byControl.get(key);
    if (!entries) continue;
    const slots = slotsFor(audit, control);
    const bySlot = new Map<string, { placement: Placement; items: QueueItem[] }>();
    for (const entry of entries) {
      const placement = placementOf(audit, control, slots, entry.item.evidenceDate);
      const group = bySlot.get(placement.id) ?? { placement, items: [] };
      group.items.push(entry);
      bySlot.set(placement.id, group);
    }
    const slotGroups = [...bySlot.values()]
      .sort((a, b) => a.placement.rank - b.placement.rank || a.placement.id.localeCompare(b.placement.id))
      .map(({ placement, items }) => ({
        key: `${key}/${placement.id}`,
        label: placement.label,
        outside: placement.outside,
        items: items.sort(byEvidenceDate),
      }));
    groups.push({ key, control, slots: slotGroups });
  }
  return { groups, order: groups.flatMap((g) => g.slots.flatMap((s) => s.items)) };
}
