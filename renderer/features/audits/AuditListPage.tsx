import { useLiveQuery } from 'dexie-react-hooks';
import { describeAuditWindow } from '../../../shared/domain/audit';
import { listAuditSummaries } from '../../db/audits';
import { auditRoute, hrefFor } from '../app/useHashRoute';

export function AuditListPage(): React.JSX.Element {
  const summaries = useLiveQuery(listAuditSummaries, []);

  return (
    <section aria-labelledby="audits-heading">
      <div className="page-heading">
        <h1 id="audits-heading">Audits</h1>
        <span className="page-actions">
          <a className="button" href={hrefFor({ screen: 'import' })}>
            Import bundle…
          </a>
          <a className="button button-primary" href={hrefFor({ screen: 'new-audit' })}>
            New audit
          </a>
        </span>
      </div>
      {summaries === undefined && <p className="muted">Loading…</p>}
      {summaries?.length === 0 && (
        <div className="empty-state">
          <h2>No audits yet</h2>
          <p>
            Create an audit to get a checklist of common SOC 2 controls. Capture screenshots and attach files against each
            control; everything stays on this computer.
          </p>
          <span className="page-actions page-actions-center">
            <a className="button button-primary" href={hrefFor({ screen: 'new-audit' })}>
              Create your first audit
            </a>
            <a className="button" href={hrefFor({ screen: 'import' })}>
              Explore a sample audit
            </a>
          </span>
          <p className="muted empty-state-note">
            The sample is a small Type II audit with screenshots, files and signed sign-offs: import it to see every screen,
            and export it to see what auditors receive.
          </p>
        </div>
      )}
      {summaries && summaries.length > 0 && (
        <ul className="audit-list">
          {summaries.map(({ audit, controls, evidence }) => (
            <li key={audit.id}>
              <a className="audit-card" href={hrefFor(auditRoute(audit.id))}>
                <span className="audit-card-name">{audit.name}</span>
                <span className="audit-card-org">{audit.organization}</span>
                <span className="audit-card-meta">
                  {describeAuditWindow(audit)} · {audit.timeZone}
                </span>
                <span className="audit-card-counts">
                  {controls.toLocaleString('en-US')} controls · {evidence.toLocaleString('en-US')} evidence {evidence === 1 ? 'item' : 'items'}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
