import { describeAuditWindow } from '../../../shared/domain/audit';
import type { AuditRecord } from '../../../shared/domain/records';

/** Shown where a count is still being read: never a number that could be taken for one. */
const COUNTING = '…';

export function AuditHeader({
  audit,
  controls,
  covered,
  items,
}: {
  readonly audit: AuditRecord;
  readonly controls: number;
  /** Null while the counts are read. */
  readonly covered: number | null;
  readonly items: number | null;
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
          <dd aria-busy={covered === null}>
            {covered === null ? COUNTING : covered.toLocaleString('en-US')} / {controls.toLocaleString('en-US')}
          </dd>
        </div>
        <div>
          <dt>Evidence items</dt>
          <dd aria-busy={items === null}>{items === null ? COUNTING : items.toLocaleString('en-US')}</dd>
        </div>
      </dl>
    </header>
  );
}
