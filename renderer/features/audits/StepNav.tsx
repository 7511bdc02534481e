import { STEP_LABELS } from '../../../shared/domain/labels';
import { AUDIT_STEPS, type AuditStep } from '../../../shared/domain/types';
import { auditRoute, hrefFor, toolRoute, type AuditTool } from '../app/useHashRoute';

const TOOL_LABELS: readonly (readonly [AuditTool, string])[] = [
  ['trail', 'Audit trail'],
  ['integrity', 'Integrity check'],
  ['export', 'Export bundle'],
];


export function StepNav({
  auditId,
  current,
  tool,
}: {
  readonly auditId: string;
  readonly current: AuditStep | null;
  readonly tool: AuditTool | null;
}): React.JSX.Element {
  return (
    <nav className="step-nav" aria-label="Audit steps">
      <ol>
        {AUDIT_STEPS.map((step, index) => (
          <li key={step}>
            <a href={hrefFor(auditRoute(auditId, step))} aria-current={step === current ? 'page' : undefined}>
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              {STEP_LABELS[step]}
            </a>
          </li>
        ))}
      </ol>
      <div className="step-tools">
        {TOOL_LABELS.map(([t, label]) => (
          <a key={t} href={hrefFor(toolRoute(auditId, t))} aria-current={t === tool ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </div>
    </nav>
  );
}
