import { useState } from 'react';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import { computeSlots, isInWindow, slotOf } from '../../../shared/periods/slots';
import type { Frequency } from '../../../shared/domain/types';
import { dayInZone, evidenceInstantForDay } from '../../../shared/time/evidenceDate';
import { messageOf } from '../../bridge';
import { updateEvidence } from '../../db/evidence';
import { actorOf, useSystemInfo } from '../app/systemInfo';

/**
 * The two things a collector may change about an item: the date it is evidence for (a Q1
 * report exported in April is Q1 evidence) and notes. Content and capture facts never change.
 */
export function EvidenceEditor({
  item,
  audit,
  frequency,
}: {
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
}): React.JSX.Element {
  const info = useSystemInfo();
  const savedDay = dayInZone(item.evidenceDate, audit.timeZone);
  const [day, setDay] = useState(savedDay);
  const [notes, setNotes] = useState(item.notes);
  const [error, setError] = useState<string | null>(null);
  const dirty = day !== savedDay || notes !== item.notes;

  const inWindow = isInWindow(audit, item.evidenceDate);
  const slot = inWindow ? slotOf(computeSlots(audit, frequency), item.evidenceDate) : null;

  const save = async (): Promise<void> => {
    setError(null);
    try {
      const patch = {
        notes,
        ...(day !== savedDay ? { evidenceDate: evidenceInstantForDay(day, audit.timeZone) } : {}),
      };
      await updateEvidence(item.id, patch, actorOf(info));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <form
      className="evidence-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="evidence-editor-date">
        <span>Evidence date</span>
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
      </label>
      <span className={inWindow ? 'slot-tag' : 'slot-tag slot-tag-outside'} data-testid="evidence-slot">
        {inWindow ? (slot?.label ?? 'in the audit window') : 'Outside the audit window — not counted'}
      </span>
      <label className="evidence-editor-notes">
        <span>Notes</span>
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={10_000} placeholder="What this shows, where it came from" />
      </label>
      <div className="evidence-editor-actions">
        <button type="submit" className="button" disabled={!dirty}>
          Save changes
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
