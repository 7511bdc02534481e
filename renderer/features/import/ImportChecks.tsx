import { visibleName } from '../../../shared/files/visibleName';
import type { VerifyReport } from '../../../shared/verify/report';

const VERDICT_LABELS = { pass: 'verified', unconfirmed: 'valid, signer not confirmed', fail: 'failed verification' } as const;
const STATUS_WORDS = { pass: 'PASS', fail: 'FAIL', unconfirmed: 'WARN', note: 'NOTE' } as const;

/** The verification core's verdict and checks, as main computed them (the same as the CLI's). */
export function ImportChecks({ fileName, report }: { readonly fileName: string; readonly report: VerifyReport }): React.JSX.Element {
  return (
    <>
      <h2>
        {visibleName(fileName)}: <span className={`verdict verdict-${report.verdict}`}>{VERDICT_LABELS[report.verdict]}</span>
      </h2>
      <ul className="import-checks">
        {report.checks.map((c) => (
          <li key={`${c.id}-${c.title}`} className={`check-${c.status}`}>
            <strong>{STATUS_WORDS[c.status]}</strong> {c.title}: {c.summary}
            {c.notes.length > 0 && (
              <ul className="import-notes">
                {c.notes.slice(0, 20).map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {report.verdict === 'fail' && (
        <div className="banner banner-error" role="alert">
          <div>
            <p>This bundle can be inspected but not imported:</p>
            <ul>
              {report.problems.slice(0, 50).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}
