import type { ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { WindowMs } from '../../../shared/coverage/coverage';
import { auditWindow, cachedSlots, instantMs, slotAt, type AuditWindow, type Slot } from '../../../shared/periods/slots';
import { compareNumeric, compareText } from '../../../shared/text/compare';
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

function slotsFor(audit: AuditWindow, control: ControlRecord | null): readonly Slot[] | null {
  if (!control) return null;
  try {
    return cachedSlots(audit, control.frequency);
  } catch {
    return null;
  }
}

const UNPLACED: Placement = {
  id: 'unplaced',
  label: 'Not placed in a slot (check the audit period and the evidence date)',
  rank: Number.MAX_SAFE_INTEGER,
  outside: true,
};

function placementOf(window: WindowMs | null, control: ControlRecord | null, slots: readonly Slot[] | null, rankOf: ReadonlyMap<Slot, number>, t: number | null): Placement {
  // An audit without a valid window, or an item with an unreadable date: it still needs review.
  if (window === null || t === null) return UNPLACED;
  if (!(window.start <= t && t < window.end)) return OUTSIDE;
  const slot = slots ? slotAt(slots, t) : null;
  if (!slot) {
    // A continuous control's slots are the first and last 30 days; between them is still the period.
    const label = control?.frequency === 'continuous' ? 'Mid-period (between the start and end slots)' : 'In the audit window';
    return { id: 'window', label, rank: Number.MAX_SAFE_INTEGER - 1, outside: false };
  }
  return { id: slot.id, label: slot.label, rank: rankOf.get(slot) ?? 0, outside: false };
}

function byEvidenceDate(a: QueueItem, b: QueueItem): number {
  return compareText(a.item.evidenceDate, b.item.evidenceDate) || compareText(a.item.capturedAt, b.item.capturedAt) || compareText(a.item.id, b.item.id);
}

function windowOf(audit: AuditWindow): WindowMs | null {
  try {
    const window = auditWindow(audit);
    return { start: Date.parse(window.start), end: Date.parse(window.end) };
  } catch {
    return null;
  }
}

export function buildQueue(
  audit: AuditWindow,
  controls: readonly ControlRecord[],
  evidence: readonly EvidenceRecord[],
  states: ReadonlyMap<string, ReviewState>,
): Queue {
  const sorted = [...controls].sort((a, b) => compareNumeric(a.ref, b.ref));
  const rank = new Map(sorted.map((control, index) => [control.id, index]));
  // The window once for the whole queue, not per item: it is a time-zone conversion each time.
  const window = windowOf(audit);

  // An item linked to several controls is listed once, under the first of them, so that one
  // decision is not offered twice; the preview names every control it belongs to.
  const byControl = new Map<string, QueueItem[]>();
  for (const item of evidence) {
    const state = states.get(item.id);
    if (!isWaiting(state)) continue;
    const linked = item.controlIds.filter((id) => rank.has(id)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const key = linked[0] ?? UNLINKED_KEY;
    const list = byControl.get(key);
    if (list) list.push({ item, state });
    else byControl.set(key, [{ item, state }]);
  }

  const groups: QueueControl[] = [];
  for (const control of [...sorted, null]) {
    const key = control?.id ?? UNLINKED_KEY;
    const entries = byControl.get(key);
    if (!entries) continue;
    const slots = slotsFor(audit, control);
    const rankOf = new Map((slots ?? []).map((slot, index) => [slot, index]));
    const bySlot = new Map<string, { placement: Placement; items: QueueItem[] }>();
    for (const entry of entries) {
      const placement = placementOf(window, control, slots, rankOf, instantMs(entry.item.evidenceDate));
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

/** What the reviewer narrows the queue to: like All evidence's filters, for the items waiting. */
export interface QueueFilter {
  readonly text: string;
  readonly controlId: string | null;
  readonly criterion: string | null;
}

export const NO_QUEUE_FILTER: QueueFilter = { text: '', controlId: null, criterion: null };

export function isQueueFiltered(filter: QueueFilter): boolean {
  return filter.text.trim() !== '' || filter.controlId !== null || filter.criterion !== null;
}

/** Lower-cased name and notes, made once per row object: a keystroke is then a string scan. */
const searchTexts = new WeakMap<EvidenceRecord, string>();

function searchTextOf(item: EvidenceRecord): string {
  let text = searchTexts.get(item);
  if (text === undefined) {
    text = `${item.name}\n${item.notes}`.toLowerCase();
    searchTexts.set(item, text);
  }
  return text;
}

/**
 * The queue narrowed to items whose name or notes hold the text, linked to the control, or to a
 * control that addresses the criterion. Groups and slots left empty are dropped; order is kept.
 */
export function filterQueue(queue: Queue, filter: QueueFilter, controls: readonly Pick<ControlRecord, 'id' | 'criteria'>[]): Queue {
  if (!isQueueFiltered(filter)) return queue;
  const text = filter.text.trim().toLowerCase();
  const criterion = filter.criterion;
  const withCriterion = criterion === null ? null : new Set(controls.filter((c) => c.criteria.includes(criterion)).map((c) => c.id));
  const keep = ({ item }: QueueItem): boolean =>
    (text === '' || searchTextOf(item).includes(text)) &&
    (filter.controlId === null || item.controlIds.includes(filter.controlId)) &&
    (withCriterion === null || item.controlIds.some((id) => withCriterion.has(id)));
  const groups = queue.groups.flatMap((group): QueueControl[] => {
    const slots = group.slots.flatMap((slot): QueueSlot[] => {
      const items = slot.items.filter(keep);
      return items.length === 0 ? [] : [{ ...slot, items }];
    });
    return slots.length === 0 ? [] : [{ ...group, slots }];
  });
  return { groups, order: groups.flatMap((g) => g.slots.flatMap((s) => s.items)) };
}
