import { useMemo, useState } from 'react';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import { isCalendarDate } from '../../../shared/domain/audit';
import { checkSystemReport, systemReportForm, type SystemReportForm } from '../../../shared/domain/systemReport';
import type { Frequency } from '../../../shared/domain/types';
import { dayInZone, evidenceInstantForDay } from '../../../shared/time/evidenceDate';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { updateEvidence, type EvidencePatch } from '../../db/evidence';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { slotText } from './slotText';
import { SystemReportFields } from './SystemReportFields';
import { useScreenshotOptions } from './useScreenshotOptions';

const sameForm = (a: SystemReportForm, b: SystemReportForm): boolean =>
  a.sourceSystem === b.sourceSystem && a.query === b.query && a.rowCount === b.rowCount && a.extractedAt === b.extractedAt && a.filterScreenshotId === b.filterScreenshotId;

/**
 * What a collector may change about an item: the date it is evidence for (a Q1 report exported
 * in April is Q1 evidence), notes, and where a system report came from. Content and capture
 * facts never change.
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
  const savedReport = useMemo(() => systemReportForm(item.systemReport, audit.timeZone), [item.systemReport, audit.timeZone]);
  const [isReport, setIsReport] = useState(item.systemReport !== null);
  const [report, setReport] = useState(savedReport);
  // Field errors wait for the first save, so nobody is told off while still typing.
  const [triedSave, setTriedSave] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const screenshots = useScreenshotOptions(audit.id, audit.timeZone, item.id, isReport);
  const check = checkSystemReport(report, {
    timeZone: audit.timeZone,
    now: new Date(),
    attachedAt: item.capturedAt,
    // Until the audit's items load, the saved link is taken on trust rather than flagged.
    screenshotIds: new Set(screenshots?.map((s) => s.id) ?? [report.filterScreenshotId]),
  });
  const reportDirty = isReport !== (item.systemReport !== null) || (isReport && !sameForm(report, savedReport));
  const dirty = day !== savedDay || notes !== item.notes || reportDirty;
  const blocked = isReport && check.report === null;

  const save = async (): Promise<void> => {
    setError(null);
    setTriedSave(true);
    if (blocked) return;
    try {
      const patch: EvidencePatch = {
        notes,
        ...(day !== savedDay ? { evidenceDate: evidenceInstantForDay(day, audit.timeZone) } : {}),
        ...(reportDirty ? { systemReport: isReport ? check.report : null } : {}),
      };
      await updateEvidence(item.id, patch, actorOf(info));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  // The slot of the date being typed, before it is saved (the row above shows the saved one).
  const typed = isCalendarDate(day) && day !== savedDay ? slotText(audit, frequency, { evidenceDate: evidenceInstantForDay(day, audit.timeZone) }) : null;

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
      {typed && <span className={typed.inWindow ? 'slot-tag' : 'slot-tag slot-tag-outside'}>would be {typed.text}</span>}
      <label className="evidence-editor-notes">
        <span>Notes</span>
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={10_000} placeholder="What this shows, where it came from" />
      </label>
      <SystemReportFields
        enabled={isReport}
        onToggle={setIsReport}
        form={report}
        onChange={(patch) => setReport((r) => ({ ...r, ...patch }))}
        errors={triedSave ? check.errors : {}}
        warnings={check.warnings}
        screenshots={screenshots}
        timeZone={audit.timeZone}
        systems={audit.systems}
      />
      {triedSave && blocked && (
        <div className="evidence-editor-banner">
          <ErrorBanner message="Not saved: correct the system report fields marked above, or untick “This is a system report”." />
        </div>
      )}
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
