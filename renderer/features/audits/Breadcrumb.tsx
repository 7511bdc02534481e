import { STEP_LABELS } from '../../../shared/domain/labels';
import type { AuditRecord } from '../../../shared/domain/records';
import { auditRoute, hrefFor, type Route } from '../app/useHashRoute';
import { FIELDWORK_VIEW_LABELS } from '../fieldwork/viewLabels';
import { TOOL_LABELS } from './toolLabels';

type AuditRoute = Extract<Route, { screen: 'audit' }>;

/**
 * Where this page is and the way back (issue #13): All audits › the audit › the step, and in
 * Fieldwork its view. Every part but the last is a link.
 */
export function Breadcrumb({ audit, route }: { readonly audit: AuditRecord; readonly route: AuditRoute }): React.JSX.Element {
  const trail: { readonly label: string; readonly href: string }[] = [
    { label: 'All audits', href: hrefFor({ screen: 'audits' }) },
    { label: audit.name, href: hrefFor(auditRoute(audit.id)) },
  ];
  if (route.tool) {
    trail.push({ label: TOOL_LABELS[route.tool], href: hrefFor(auditRoute(audit.id, route.step, { tool: route.tool })) });
  } else {
    trail.push({ label: STEP_LABELS[route.step], href: hrefFor(auditRoute(audit.id, route.step)) });
    if (route.step === 'fieldwork' && route.view !== 'controls') {
      trail.push({ label: FIELDWORK_VIEW_LABELS[route.view], href: hrefFor(auditRoute(audit.id, 'fieldwork', { view: route.view })) });
    }
  }
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {trail.map((part, i) => (
          <li key={part.href}>
            {i === trail.length - 1 ? (
              <a href={part.href} aria-current="page">
                {part.label}
              </a>
            ) : (
              <a href={part.href}>{part.label}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
