import { STEP_LABELS } from '../../../shared/domain/labels';
import { AUDIT_STEPS, type AuditStep } from '../../../shared/domain/types';
import { AUDIT_TOOLS, auditRoute, hrefFor, toolRoute, type AuditTool } from '../app/useHashRoute';
import { TOOL_LABELS } from './toolLabels';



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
        {AUDIT_TOOLS.map((t) => (
          <a key={t} href={hrefFor(toolRoute(auditId, t))} aria-current={t === tool ? 'page' : undefined}>
            {TOOL_LABELS[t]}
          </a>
        ))}
      </div>
    </nav>
  );
}
