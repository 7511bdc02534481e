import { percentCovered, SLOT_STATUSES } from '../../../shared/coverage/coverage';
import type { AuditCoverage } from '../../../shared/coverage/coverage';
import { itemCount, STATUS_LABELS } from './statusLabels';

/** The audit at a glance: slots per status, the share covered, and what is not counted. */
export function CoverageSummary({ coverage, asOf }: { readonly coverage: AuditCoverage; readonly asOf: string }): React.JSX.Element {
  const { totals } = coverage;
  const percent = percentCovered(totals);
  return (
    <section className="panel cov-summary" aria-label="Coverage summary">
      <div className="cov-summary-head">
        <p className="cov-percent">
          {percent === null ? (
            <strong>No slot is due yet</strong>
          ) : (
            <>
              <strong>{percent} %</strong> of due slots covered
            </>
          )}
          <span className="muted">
            {' '}
            ({totals.covered} of {totals.due} due, as of {asOf}; {totals.notDue} not due yet)
          </span>
        </p>
        <div className="cov-bar" aria-hidden="true">
          {SLOT_STATUSES.map((status) =>
            totals[status] > 0 ? <span key={status} className={`cov-bar-part cov-${status}`} style={{ flexGrow: totals[status] }} /> : null,
          )}
        </div>
      </div>
      <dl className="cov-counts">
        {SLOT_STATUSES.map((status) => (
          <div key={status} className="cov-count-item" data-status={status}>
            <dt>
              <span className={`cov-swatch cov-${status}`} aria-hidden="true" />
              {STATUS_LABELS[status]}
            </dt>
            <dd>{totals[status]}</dd>
          </div>
        ))}
        {coverage.outside > 0 && (
          <div className="cov-count-item cov-count-outside">
            <dt>Outside the window</dt>
            <dd>{itemCount(coverage.outside)}</dd>
          </div>
        )}
        {coverage.superseded > 0 && (
          <div className="cov-count-item">
            <dt>Superseded</dt>
            <dd>{itemCount(coverage.superseded)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
