import { useState } from 'react';
import { isCalendarDate } from '../../../shared/domain/audit';
import { OPINIONS, type AuditReport, type Opinion } from '../../../shared/domain/records';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { saveReportFacts } from '../../db/report';
import { OPINION_TEXT } from './labels';

interface Draft {
  readonly opinion: Opinion;
  readonly reportDate: string;
  readonly auditorFirm: string;
}

function draftOf(report: AuditReport): Draft {
  return { opinion: report.opinion, reportDate: report.reportDate ?? '', auditorFirm: report.auditorFirm };
}

/** The opinion, the report date and the firm, saved together as one change of the audit. */
export function ReportFactsForm({ auditId, report, actor }: { readonly auditId: string; readonly report: AuditReport; readonly actor: string }): React.JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = draftOf(report);
  const dirty = draft.opinion !== saved.opinion || draft.reportDate !== saved.reportDate || draft.auditorFirm.trim() !== saved.auditorFirm;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice(null);
    if (key === 'reportDate') setDateError(undefined);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    if (draft.reportDate !== '' && !isCalendarDate(draft.reportDate)) {
      setDateError('Enter the date on the report, or leave it empty until it is issued.');
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await saveReportFacts(auditId, { opinion: draft.opinion, reportDate: draft.reportDate === '' ? null : draft.reportDate, auditorFirm: draft.auditorFirm }, actor);
      setDraft((d) => ({ ...d, auditorFirm: d.auditorFirm.trim() }));
      setNotice('Saved.');
    } catch (error) {
      setFailure(`The report was not saved: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel report-facts" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="report-facts-heading">
      <h3 id="report-facts-heading">The report received</h3>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <fieldset className="field report-opinions">
        <legend>Opinion</legend>
        {OPINIONS.map((opinion) => (
          <label key={opinion} className={`report-opinion${draft.opinion === opinion ? ' report-opinion-chosen' : ''}`}>
            <input type="radio" name="opinion" value={opinion} checked={draft.opinion === opinion} onChange={() => set('opinion', opinion)} />
            <span>
              <span className="report-opinion-label">{OPINION_TEXT[opinion].label}</span>
              <span className="report-opinion-text">{OPINION_TEXT[opinion].explanation}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <Field label="Report date" error={dateError}>
          {(props) => <input {...props} type="date" value={draft.reportDate} onChange={(e) => set('reportDate', e.target.value)} />}
        </Field>
        <Field label="Auditor's firm" error={undefined}>
          {(props) => (
            <input {...props} value={draft.auditorFirm} maxLength={200} placeholder="The CPA firm that issued the report" onChange={(e) => set('auditorFirm', e.target.value)} />
          )}
        </Field>
      </div>
      <div className="form-actions report-actions">
        <button type="submit" className="button button-primary" disabled={saving || !dirty}>
          Save report
        </button>
        <span className="saved-note" role="status">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : notice}
        </span>
      </div>
    </form>
  );
}
