import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatBytes } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { deleteAudit, setAuditArchived } from '../../db/auditLifecycle';
import { listAuditSummaries } from '../../db/audits';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { hrefFor } from '../app/useHashRoute';
import { AuditCard } from './AuditCard';
import { AuditRemovalDialog, type RemovalKind } from './AuditRemovalDialog';

type Notice = { readonly kind: 'ok' | 'error'; readonly message: string } | null;

export function AuditListPage(): React.JSX.Element {
  const info = useSystemInfo();
  const all = useLiveQuery(listAuditSummaries, []);
  const [showArchived, setShowArchived] = useState(false);
  const [removing, setRemoving] = useState<{ readonly auditId: string; readonly kind: RemovalKind } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const summaries = all?.filter((s) => (s.audit.archivedAt ?? null) === null);
  const archived = all?.filter((s) => (s.audit.archivedAt ?? null) !== null) ?? [];

  const remove = async (auditId: string, kind: RemovalKind): Promise<void> => {
    const name = all?.find((s) => s.audit.id === auditId)?.audit.name ?? 'The audit';
    if (kind === 'archive') {
      await setAuditArchived(auditId, true, actorOf(info));
      setNotice({ kind: 'ok', message: `Archived ${name}. Show archived audits to restore it.` });
    } else {
      const result = await deleteAudit(auditId, actorOf(info));
      const freed = result.purge ? result.purge.purged.reduce((sum, p) => sum + p.size, 0) : 0;
      setNotice(
        result.purgeError === null
          ? { kind: 'ok', message: `Deleted ${name}${result.purge ? `, and ${result.purge.purged.length} evidence ${result.purge.purged.length === 1 ? 'file' : 'files'} (${formatBytes(freed)})` : ''}.` }
          : { kind: 'error', message: `Deleted ${name}, but its evidence files could not be removed from the store: ${result.purgeError}` },
      );
    }
    setRemoving(null);
  };

  const restore = (auditId: string): void => {
    setAuditArchived(auditId, false, actorOf(info)).then(
      () => setNotice({ kind: 'ok', message: `Restored ${all?.find((s) => s.audit.id === auditId)?.audit.name ?? 'the audit'}.` }),
      (e: unknown) => setNotice({ kind: 'error', message: messageOf(e) }),
    );
  };

  const card = (summary: NonNullable<typeof all>[number]): React.JSX.Element => (
    <AuditCard
      key={summary.audit.id}
      summary={summary}
      onRemove={(kind) => {
        setNotice(null);
        setRemoving({ auditId: summary.audit.id, kind });
      }}
      onRestore={() => restore(summary.audit.id)}
    />
  );

  return (
    <section aria-labelledby="audits-heading">
      <div className="page-heading">
        <h1 id="audits-heading">Audits</h1>
        <span className="page-actions">
          <a className="button" href={hrefFor({ screen: 'import' })}>
            Import bundle…
          </a>
          <a className="button button-primary" href={hrefFor({ screen: 'new-audit' })}>
            New audit
          </a>
        </span>
      </div>
      {notice?.kind === 'error' && <ErrorBanner message={notice.message} onDismiss={() => setNotice(null)} />}
      {notice?.kind === 'ok' && (
        <div className="banner" role="status">
          <span>{notice.message}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {summaries === undefined && <p className="muted">Loading…</p>}
      {summaries?.length === 0 && (
        <div className="empty-state">
          <h2>No audits yet</h2>
          <p>
            Create an audit to get a checklist of common SOC 2 controls. Capture screenshots and attach files against each
            control; everything stays on this computer.
          </p>
          <span className="page-actions page-actions-center">
            <a className="button button-primary" href={hrefFor({ screen: 'new-audit' })}>
              Create your first audit
            </a>
            <a className="button" href={hrefFor({ screen: 'import' })}>
              Explore a sample audit
            </a>
          </span>
          <p className="muted empty-state-note">
            The sample is a small Type II audit with screenshots, files and signed sign-offs: import it to see every screen,
            and export it to see what auditors receive.
          </p>
        </div>
      )}
      {summaries && summaries.length > 0 && <ul className="audit-list">{summaries.map(card)}</ul>}
      {archived.length > 0 && (
        <section className="archived-audits" aria-labelledby="archived-heading">
          <h2 id="archived-heading" className="archived-heading">
            <button type="button" className="link-button" aria-expanded={showArchived} onClick={() => setShowArchived((v) => !v)}>
              {showArchived ? 'Hide' : 'Show'} archived audits ({archived.length})
            </button>
          </h2>
          {showArchived && <ul className="audit-list">{archived.map(card)}</ul>}
        </section>
      )}
      {removing && (
        <AuditRemovalDialog auditId={removing.auditId} kind={removing.kind} onConfirm={() => remove(removing.auditId, removing.kind)} onClose={() => setRemoving(null)} />
      )}
    </section>
  );
}
