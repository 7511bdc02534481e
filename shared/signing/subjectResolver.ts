import type { ControlRecord, EvidenceRecord } from '../domain/records';
import { cachedSlots, isInWindow, slotOf, type AuditWindow, type Slot } from '../periods/slots';
import { byText, type SignoffSubject } from './subject';

/**
 * Builds subjects for items of one audit. Slots come from the shared cache (once per window and
 * frequency, not per resolver: a new review context is made on every keyring or control
 * change), so checking thousands of items costs one lookup each.
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
        slots = cachedSlots(audit, control.frequency);
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

