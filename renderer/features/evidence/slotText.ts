import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { cachedSlots, isInWindow, slotOf } from '../../../shared/periods/slots';

/** The slot an item fills for a control of this frequency, in words, or that it is outside the window. */
export function slotText(audit: AuditRecord, frequency: Frequency, item: Pick<EvidenceRecord, 'evidenceDate'>): { readonly text: string; readonly inWindow: boolean } {
  if (!isInWindow(audit, item.evidenceDate)) return { text: 'Outside the audit window — not counted', inWindow: false };
  return { text: slotOf(cachedSlots(audit, frequency), item.evidenceDate)?.label ?? 'in the audit window', inWindow: true };
}
