import { useLiveQuery } from 'dexie-react-hooks';
import { getAudit } from '../../db/audits';
import { listControls } from '../../db/controls';
import { countEvidence } from '../../db/evidence';
import { hrefFor } from '../app/useHashRoute';
import { ControlChecklist } from '../controls/ControlChecklist';
import { ControlDetail } from '../controls/ControlDetail';
import { AuditHeader } from './AuditHeader';

export function AuditPage({ auditId, controlId }: { readonly auditId: string; readonly controlId: string | null }): React.JSX.Element {
  const audit = useLiveQuery(() => getAudit(auditId), [auditId], null);
  const controls = useLiveQuery(() => listControls(auditId), [auditId]);
  const counts = useLiveQuery(() => countEvidence(auditId), [auditId]);

  if (audit === null || controls === undefined || counts === undefined) return <p className="muted">Loading…</p>;
  if (audit === undefined) {
    return (
      <div className="empty-state">
        <h2>This audit does not exist</h2>
        <a href={hrefFor({ screen: 'audits' })}>Back to all audits</a>
      </div>
    );
  }
  const selected = controls.find((c) => c.id === controlId) ?? null;

  return (
    <div className="audit-page">
      <AuditHeader
        audit={audit}
        controls={controls.length}
        covered={controls.filter((c) => (counts.byControl.get(c.id) ?? 0) > 0).length}
        items={counts.total}
      />
      <div className="workspace">
        <ControlChecklist auditId={audit.id} controls={controls} counts={counts.byControl} selectedId={selected?.id ?? null} />
        {selected ? (
          <ControlDetail audit={audit} control={selected} />
        ) : (
          <div className="detail-placeholder">
            <h2>Pick a control</h2>
            <p>Choose a control on the left to see what it needs and to capture or attach its evidence.</p>
          </div>
        )}
      </div>
    </div>
  );
}
