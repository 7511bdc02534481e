import { describeAuditWindow } from '../../../shared/domain/audit';
import type { AuditRecord } from '../../../shared/domain/records';

export function AuditHeader({
  audit,
  controls,
  covered,
  items,
}: {
  readonly audit: AuditRecord;
  readonly controls: number;
  readonly covered: number;
  readonly items: number;
}): React.JSX.Element {
  return (
    <header className="audit-header">
      <div>
        <h1>{audit.name}</h1>
        <p className="audit-header-meta">
          <span>{audit.organization}</span>
          <span className="pill">{describeAuditWindow(audit)}</span>
          <span>{audit.timeZone}</span>
        </p>
      </div>
      <dl className="audit-stats">
        <div>
          <dt>Controls with evidence</dt>
          <dd>
            {covered.toLocaleString('en-US')} / {controls.toLocaleString('en-US')}
          </dd>
        </div>
        <div>
          <dt>Evidence items</dt>
          <dd>{items.toLocaleString('en-US')}</dd>
        </div>
      </dl>
    </header>
  );
}
