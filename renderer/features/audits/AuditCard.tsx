import { describeAuditWindow } from '../../../shared/domain/audit';
import type { AuditSummary } from '../../db/audits';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import type { RemovalKind } from './AuditRemovalDialog';

/** One audit in the list, with what can be done to it as a whole beside the link. */
export function AuditCard({
  summary,
  onRemove,
  onRestore,
}: {
  readonly summary: AuditSummary;
  readonly onRemove: (kind: RemovalKind) => void;
  readonly onRestore: () => void;
}): React.JSX.Element {
  const { audit, controls, evidence } = summary;
  const archived = (audit.archivedAt ?? null) !== null;
  return (
    <li className="audit-list-item">
      <a className="audit-card" href={hrefFor(auditRoute(audit.id))}>
        <span className="audit-card-name">{audit.name}</span>
        <span className="audit-card-org">{audit.organization}</span>
        <span className="audit-card-meta">
          {describeAuditWindow(audit)} · {audit.timeZone}
        </span>
        <span className="audit-card-counts">
          {controls} controls · {evidence} evidence {evidence === 1 ? 'item' : 'items'}
          {archived && ` · archived ${audit.archivedAt?.slice(0, 10) ?? ''}`}
        </span>
      </a>
      <span className="audit-card-actions">
        <a className="link-button" href={hrefFor({ screen: 'new-audit', from: audit.id })} aria-label={`Start the next audit from ${audit.name}`}>
          Start next audit
        </a>
        {archived ? (
          <button type="button" className="link-button" aria-label={`Restore ${audit.name}`} onClick={onRestore}>
            Restore
          </button>
        ) : (
          <button type="button" className="link-button" aria-label={`Archive ${audit.name}`} onClick={() => onRemove('archive')}>
            Archive
          </button>
        )}
        <button type="button" className="link-button link-danger" aria-label={`Delete ${audit.name}`} onClick={() => onRemove('delete')}>
          Delete…
        </button>
      </span>
    </li>
  );
}
