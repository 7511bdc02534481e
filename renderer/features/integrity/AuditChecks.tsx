import type { AuditCheck } from '../../../shared/integrity/check';

/** The checks that concern the audit as a whole, each passed or failed in words. */
export function AuditChecks({ checks }: { readonly checks: readonly AuditCheck[] }): React.JSX.Element {
  return (
    <ul className="ic-audit-checks" aria-label="Audit-level checks">
      {checks.map((check) => (
        <li key={check.id} className={check.ok ? 'ic-audit-check' : 'ic-audit-check ic-audit-check-fail'}>
          <span className={`ic-tag ${check.ok ? 'ic-tag-pass' : 'ic-tag-fail'}`}>{check.ok ? 'Pass' : 'Fail'}</span>
          <span className="ic-audit-check-label">{check.label}</span>
          <span className="ic-audit-check-detail muted">{check.detail}</span>
        </li>
      ))}
    </ul>
  );
}
