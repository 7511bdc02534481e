import { useEffect, useRef, useState } from 'react';
import type { Events } from '../../../shared/bridge/contract';
import type { AuditRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import type { IntegrityReport } from '../../../shared/integrity/check';
import { formatUtc } from '../../../shared/time/format';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { IntegrityStep } from '../../../shared/integrity/check';
import { runIntegrityCheck, type IntegrityPhase } from '../../db/integrity';
import { AuditChecks } from './AuditChecks';
import { IntegrityProgress } from './IntegrityProgress';
import { ItemResults } from './ItemResults';
import './integrity.css';

type Progress = Events['evidence:verify-progress'];

/** Problems listed in the summary; every one is also shown with its item in the results. */
const MAX_LISTED_PROBLEMS = 100;

/** A setter that applies only the latest value once per animation frame. */
function perFrame<T>(set: (value: T) => void): (value: T) => void {
  let pending: { readonly value: T } | null = null;
  return (value) => {
    if (pending === null) requestAnimationFrame(() => {
      if (pending !== null) set(pending.value);
      pending = null;
    });
    pending = { value };
  };
}

/**
 * The on-demand integrity check (issue #5): every stored file re-hashed by main, every
 * sign-off's signature verified, the log chain walked, and each evidence row compared with
 * what the trail says it must be. Nothing is skipped: each problem is named by item or entry.
 */
export function IntegrityScreen({ audit }: { readonly audit: AuditRecord }): React.JSX.Element {
  const [phase, setPhase] = useState<IntegrityPhase | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [step, setStep] = useState<IntegrityStep | null>(null);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const unsubscribe = useRef<(() => void) | null>(null);

  // Leaving the screen mid-run stops listening; the run itself finishes harmlessly in main.
  useEffect(() => () => unsubscribe.current?.(), []);

  const run = async (): Promise<void> => {
    setError(null);
    setProgress(null);
    setStep(null);
    setPhase('reading');
    // At most one progress render per frame, whatever the rate of events.
    const showProgress = perFrame(setProgress);
    const showStep = perFrame(setStep);
    try {
      unsubscribe.current = bridge().onEvent('evidence:verify-progress', showProgress);
      const result = await runIntegrityCheck(audit.id, (sha256s) => unwrap(bridge().verifyEvidence({ sha256s })), setPhase, showStep);
      setReport(result);
      setOnlyProblems(!result.ok && result.items.length > 20);
    } catch (caught) {
      setError(`The integrity check could not finish: ${messageOf(caught)}`);
    } finally {
      unsubscribe.current?.();
      unsubscribe.current = null;
      setPhase(null);
    }
  };

  const items = report ? (onlyProblems ? report.items.filter((i) => !i.ok) : report.items) : [];

  return (
    <section className="ic" aria-labelledby="ic-heading">
      <header className="ic-head">
        <div>
          <h2 id="ic-heading">Integrity check</h2>
          <p className="muted ic-intro">
            Re-hashes every stored file, verifies every sign-off&apos;s signature, walks the audit trail&apos;s hash chain, and compares each
            evidence record with what the trail says it must be. Run it before an export, or whenever you doubt the data.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => void run()} disabled={phase !== null}>
          {report ? 'Run again' : 'Run integrity check'}
        </button>
      </header>

      {phase !== null && <IntegrityProgress phase={phase} progress={progress} step={step} />}
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      {report === null && phase === null && !error && (
        <p className="empty-inline">Not run yet. The check reads every stored file, so a large audit takes a moment.</p>
      )}

      {report && (
        <>
          <div className={`ic-summary ${report.ok ? 'ic-summary-pass' : 'ic-summary-fail'}`} role="status">
            <span className="ic-summary-mark" aria-hidden="true">
              {report.ok ? '✓' : '!'}
            </span>
            <div className="ic-summary-text">
              <strong data-testid="integrity-summary">{report.summary}</strong>
              <span className="muted"> Checked {formatUtc(report.checkedAt)}.</span>
              {!report.ok && (
                <ul className="ic-problems" aria-label="Problems found">
                  {report.problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => (
                    <li key={problem}>{visibleName(problem)}</li>
                  ))}
                  {report.problems.length > MAX_LISTED_PROBLEMS && (
                    <li className="muted">
                      and {(report.problems.length - MAX_LISTED_PROBLEMS).toLocaleString('en-US')} more, each listed with its item below
                    </li>
                  )}
                </ul>
              )}
            </div>
          </div>

          <h3 className="ic-section-title">Audit-level checks</h3>
          <AuditChecks checks={report.auditChecks} />

          <div className="ic-items-head">
            <h3 className="ic-section-title">
              By item <span className="muted">({report.items.length.toLocaleString('en-US')})</span>
            </h3>
            {!report.ok && (
              <label className="ic-only">
                <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
                Only items with problems
              </label>
            )}
          </div>
          {report.items.length === 0 ? (
            <p className="empty-inline">No evidence in this audit yet.</p>
          ) : (
            <ItemResults key={String(onlyProblems)} items={items} />
          )}
        </>
      )}
    </section>
  );
}
