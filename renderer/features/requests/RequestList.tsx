import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { compareRequests, matchesSearch } from '../../../shared/requests/list';
import { countByStatus, indexEvidence, requestStatus, type EvidenceIndex, type RequestStatus } from '../../../shared/requests/status';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { listControls } from '../../db/controls';
import { listRequests } from '../../db/requests';
import { plural, STATUS_LABELS } from './labels';
import { RequestImport } from './RequestImport';
import { RequestRow } from './RequestRow';
import { RequestsEmpty } from './RequestsEmpty';
import { StatusSummary } from './StatusSummary';
import { useNow } from './useNow';
import { reviewOf } from '../../../shared/review/reviewState';
import { useAuditReview } from '../review/useAuditReview';
import './requests.css';


/** The auditor's request list (PBC list) with each request's status from its controls' evidence. */
export function RequestList({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const requests = useLiveQuery(() => listRequests(audit.id), [audit.id]);
  const allControls = useLiveQuery(() => listControls(audit.id), [audit.id]);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [statusFilter, setStatusFilter] = useState<RequestStatus | null>(null);
  const [search, setSearch] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const now = useNow();
  const audited = useAuditReview(audit.id);
  const evidence = audited?.evidence;
  const review = useMemo(() => reviewOf(audited?.states), [audited]);

  const index = useMemo((): { ok: true; index: EvidenceIndex } | { ok: false; error: string } | null => {
    if (evidence === undefined) return null;
    try {
      return { ok: true, index: indexEvidence(audit, evidence, review) };
    } catch (e) {
      return { ok: false, error: messageOf(e) };
    }
  }, [audit, evidence, review]);
  const controlById = useMemo(() => new Map((allControls ?? controls).map((c) => [c.id, c])), [allControls, controls]);
  const existingIds = useMemo(() => (requests ?? []).map((r) => r.requestId), [requests]);

  if (requests === undefined || index === null) return <p className="muted">Loading the request list…</p>;
  if (!index.ok) {
    return <ErrorBanner message={`Request statuses need a valid audit window; fix it in the Scope step. ${index.error}`} />;
  }

  const rated = requests
    .map((request) => ({ request, result: requestStatus(request, index.index, now) }))
    .sort((a, b) => compareRequests(a.request, b.request));
  const counts = countByStatus(rated.map((r) => r.result.status));
  const refsOf = (ids: readonly string[]): string[] => ids.map((id) => controlById.get(id)?.ref ?? '');
  const shown = rated.filter(
    ({ request, result }) => (statusFilter === null || result.status === statusFilter) && matchesSearch(request, refsOf(request.controlIds), search),
  );

  const importPanel = (
    <RequestImport
      audit={audit}
      controls={controls}
      existingRequestIds={existingIds}
      onImported={(message) => {
        setNotice(message);
        setImporting(false);
      }}
      onCancel={() => setImporting(false)}
    />
  );
  const openImport = (): void => {
    setNotice(null);
    setImporting(true);
  };

  return (
    <section className="requests" aria-labelledby="requests-heading">
      <header className="requests-head">
        <div>
          <h2 id="requests-heading">Request list</h2>
          <p className="muted">
            The auditor’s PBC list. A request is provided when every control linked to it has evidence dated in the audit window.
          </p>
        </div>
        {requests.length > 0 && !importing && (
          <button type="button" className="button" onClick={openImport}>
            Import CSV…
          </button>
        )}
      </header>
      {notice && (
        <div className="requests-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {importing && importPanel}
      {requests.length === 0 && !importing && <RequestsEmpty onImport={openImport} />}
      {requests.length > 0 && (
        <>
          <StatusSummary counts={counts} total={requests.length} selected={statusFilter} onSelect={setStatusFilter} />
          <div className="requests-filters">
            <input
              type="search"
              className="checklist-search"
              placeholder="Search ids, descriptions and control refs"
              aria-label="Search requests"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <span className="muted" role="status">
              {shown.length === requests.length
                ? plural(requests.length, 'request')
                : `${shown.length} of ${plural(requests.length, 'request')}${statusFilter ? ` · ${STATUS_LABELS[statusFilter]}` : ''}`}
            </span>
          </div>
          <div className="table-scroll">
            <table className="request-table" aria-label="Requests">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Description</th>
                  <th scope="col">Linked controls</th>
                  <th scope="col">Due date</th>
                  <th scope="col">Status</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ request, result }) => (
                  <RequestRow
                    key={request.id}
                    audit={audit}
                    request={request}
                    result={result}
                    controls={controls}
                    controlById={controlById}
                    editing={editingId === request.id}
                    onEdit={() => setEditingId(request.id)}
                    onClose={() => setEditingId(null)}
                  />
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted requests-none">
                      No request matches{search.trim() !== '' ? ` “${search.trim()}”` : ''}
                      {statusFilter ? ` with status ${STATUS_LABELS[statusFilter]}` : ''}.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
