import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { addException, EMPTY_REPORT, removeException, updateException } from '../../db/report';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import '../maintain/workTable.css';
import { StatusTag } from '../maintain/StatusTag';
import { ExceptionForm } from './ExceptionForm';
import { ExceptionsTable } from './ExceptionsTable';
import { OPINION_TEXT } from './labels';
import './report.css';
import { ReportFactsForm } from './ReportFactsForm';

/** The form shows either a new exception, or the one being edited (by id). */
type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string } | null;

export function ReportScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const actor = actorOf(useSystemInfo());
  const report = audit.report ?? EMPTY_REPORT;
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const byId = useMemo(() => new Map(controls.map((c) => [c.id, c])), [controls]);
  const needResponse = report.exceptions.filter((e) => e.managementResponse.trim() === '').length;
  const editIndex = editing?.kind === 'edit' ? report.exceptions.findIndex((e) => e.id === editing.id) : -1;
  const edited = editIndex >= 0 ? (report.exceptions[editIndex] ?? null) : null;
  const opinion = OPINION_TEXT[report.opinion];

  const remove = async (id: string): Promise<void> => {
    setFailure(null);
    try {
      await removeException(audit.id, id, actor);
      if (editing?.kind === 'edit' && editing.id === id) setEditing(null);
    } catch (error) {
      setFailure(`The exception was not removed: ${messageOf(error)}`);
    }
  };

  return (
    <section className="step-screen report" aria-labelledby="report-heading">
      <header className="step-screen-head">
        <div>
          <h2 id="report-heading">Report</h2>
          <p className="muted">
            Record the report the auditor issued: the opinion, any exceptions noted, and management&apos;s response to each. Responses
            usually appear in the report itself, so write them before it is final.
          </p>
        </div>
        <div className="report-opinion-now">
          <span className="muted">Opinion</span>
          <StatusTag tone={opinion.tone}>{opinion.label}</StatusTag>
        </div>
      </header>
      <ReportFactsForm key={audit.id} auditId={audit.id} report={report} actor={actor} />
      <section className="panel report-exceptions" aria-labelledby="exceptions-heading">
        <header className="report-exceptions-head">
          <div>
            <h3 id="exceptions-heading">Exceptions noted</h3>
            <p className="muted">
              {report.exceptions.length === 0
                ? 'None recorded.'
                : `${report.exceptions.length} exception${report.exceptions.length === 1 ? '' : 's'} · ${
                    needResponse === 0 ? 'all have a management response' : `${needResponse} need${needResponse === 1 ? 's' : ''} a management response`
                  }`}
            </p>
          </div>
          {editing === null && (
            <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
              Add exception
            </button>
          )}
        </header>
        {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
        {report.exceptions.length > 0 && (
          <ExceptionsTable exceptions={report.exceptions} controls={byId} onEdit={(id) => setEditing({ kind: 'edit', id })} onRemove={remove} />
        )}
        {editing !== null && (
          <ExceptionForm
            key={editing.kind === 'edit' ? editing.id : 'new'}
            exception={edited}
            number={editIndex + 1}
            controls={controls}
            onSave={async (input) => {
              if (edited) await updateException(audit.id, edited.id, input, actor);
              else await addException(audit.id, input, actor);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </section>
    </section>
  );
}
