import { canonicalJson } from '../log/chain';
import type { ControlRecord, EvidenceRecord, SystemReport } from '../domain/records';
import { computeSlots, isInWindow, slotOf, type AuditWindow, type Slot } from '../periods/slots';

/**
 * What a reviewer saw and decided on when signing an item (issue #13, DESIGN.md §4): the bytes,
 * the date the item speaks for, the slot it fills for each of its controls, the controls, and
 * the facts of a system report. A sign-off covers this subject; changing any part of it makes
 * the sign-off stale, and the item goes back to review.
 */
export interface LogHead {
  readonly seq: number;
  readonly hash: string;
}

export interface SignedSlot {
  /** The control's ref. */
  readonly control: string;
  /** The slot id the item fills for that control, or null when it is outside the audit window. */
  readonly slot: string | null;
}

export interface SignoffSubject {
  readonly evidenceSha256: string;
  readonly evidenceDate: string;
  /** Control refs, sorted. */
  readonly controlRefs: readonly string[];
  /** One per control ref, sorted by ref. */
  readonly slots: readonly SignedSlot[];
  readonly systemReport: SystemReport | null;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds subjects for items of one audit. Slots are computed once per control (a daily control
 * has 365 of them), so checking thousands of items costs one lookup each.
 */
export function subjectResolver(
  audit: AuditWindow,
  controls: readonly Pick<ControlRecord, 'id' | 'ref' | 'frequency'>[],
): (item: Pick<EvidenceRecord, 'sha256' | 'evidenceDate' | 'controlIds' | 'systemReport'>) => SignoffSubject {
  const byId = new Map(controls.map((c) => [c.id, c]));
  const slotsOf = new Map<string, readonly Slot[]>();
  const slotsFor = (control: Pick<ControlRecord, 'id' | 'frequency'>): readonly Slot[] => {
    let slots = slotsOf.get(control.id);
    if (!slots) {
      try {
        slots = computeSlots(audit, control.frequency);
      } catch {
        // A period the slot code refuses (too many slots) has no slot to sign: null for all.
        slots = [];
      }
      slotsOf.set(control.id, slots);
    }
    return slots;
  };
  return (item) => {
    let inWindow = false;
    try {
      inWindow = isInWindow(audit, item.evidenceDate);
    } catch {
      inWindow = false;
    }
    const pairs = item.controlIds.map((id) => {
      const control = byId.get(id);
      const slot = control && inWindow ? (slotOf(slotsFor(control), item.evidenceDate)?.id ?? null) : null;
      return { control: control?.ref ?? id, slot };
    });
    pairs.sort((a, b) => byText(a.control, b.control));
    return {
      evidenceSha256: item.sha256,
      evidenceDate: item.evidenceDate,
      controlRefs: pairs.map((p) => p.control),
      slots: pairs,
      systemReport: item.systemReport
        ? {
            sourceSystem: item.systemReport.sourceSystem,
            query: item.systemReport.query,
            rowCount: item.systemReport.rowCount,
            extractedAt: item.systemReport.extractedAt,
            filterScreenshotId: item.systemReport.filterScreenshotId,
          }
        : null,
    };
  };
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const sortedRefs = (refs: unknown): unknown => (Array.isArray(refs) ? [...(refs as string[])].sort(byText) : refs);

/**
 * The parts of `now` that differ from what a payload signed, as words for people. The hash is
 * not among them: bytes never change under an item, so a hash mismatch is tampering, not
 * staleness, and is reported by the signature check.
 */
export function subjectChanges(
  signed: { readonly v: number; readonly controlRefs: readonly string[] } & Partial<Omit<SignoffSubject, 'controlRefs'>>,
  now: SignoffSubject,
): string[] {
  const changed: string[] = [];
  if (!same(sortedRefs(signed.controlRefs), sortedRefs(now.controlRefs))) changed.push('controls');
  if (signed.v === 1) return changed;
  if (signed.evidenceDate !== now.evidenceDate) changed.push('evidence date');
  if (!same(signed.slots, now.slots) && !changed.includes('controls')) changed.push('slot');
  if (!same(signed.systemReport, now.systemReport)) changed.push('system-report facts');
  return changed;
}
