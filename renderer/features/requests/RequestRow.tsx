import type { AuditRecord, ControlRecord, RequestRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import type { RequestStatusResult } from '../../../shared/requests/status';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { plural } from './labels';
import { LinkEditor } from './LinkEditor';
import { StatusBadge } from './StatusBadge';
import { visibleText } from './text';

const COLUMNS = 6;

export function RequestRow({
  audit,
  request,
  result,
  controls,
  controlById,
  editing,
  onEdit,
  onClose,
}: {
  readonly audit: AuditRecord;
  readonly request: RequestRecord;
  readonly result: RequestStatusResult;
  /** The audit's active controls, the ones a request can be linked to. */
  readonly controls: readonly ControlRecord[];
  /** Every control of the audit, retired ones included, to name old links. */
  readonly controlById: ReadonlyMap<string, ControlRecord>;
  readonly editing: boolean;
  readonly onEdit: () => void;
  readonly onClose: () => void;
}): React.JSX.Element {
  const requestId = visibleName(request.requestId);
  return (
    <>
      <tr className={editing ? 'request-row request-row-editing' : 'request-row'}>
        <th scope="row" className="request-id">
          {requestId}
        </th>
        <td className="request-description">{visibleText(request.description)}</td>
        <td>
          <div className="request-links">
            {request.controlIds.length > 0 && (
              <span className="chips">
                {request.controlIds.map((id) => {
                  const control = controlById.get(id);
                  if (!control) return <span key={id} className="chip request-chip-gone">deleted control</span>;
                  if (control.retired) {
                    return (
                      <span key={id} className="chip request-chip-gone" title={`${control.title} (retired)`}>
                        {visibleName(control.ref)} (retired)
                      </span>
                    );
                  }
                  return (
                    <a key={id} className="chip request-chip" href={hrefFor(auditRoute(audit.id, 'fieldwork', { controlId: id }))} title={control.title}>
                      {visibleName(control.ref)}
                    </a>
                  );
                })}
              </span>
            )}
            <button
              type="button"
              className="link-button request-edit-links"
              onClick={editing ? onClose : onEdit}
              aria-expanded={editing}
              aria-label={`${request.controlIds.length === 0 ? 'Link controls to' : 'Edit linked controls of'} ${requestId}`}
            >
              {request.controlIds.length === 0 ? 'Link controls…' : 'Edit…'}
            </button>
          </div>
        </td>
        <td className="request-due">{request.dueDate ?? <span className="muted">none</span>}</td>
        <td>
          <StatusBadge status={result.status} />
          {result.onTime === false && <span className="request-note">after the due date</span>}
          {result.onTime === true && <span className="request-note">on time</span>}
        </td>
        <td className="request-evidence">
          <span>{plural(result.evidence, 'item')}</span>
          {result.linkedControls > 0 && (
            <span className="request-note">
              {result.coveredControls} of {plural(result.linkedControls, 'control')} covered
            </span>
          )}
          {result.outsideWindow > 0 && <span className="request-note request-note-warn">{result.outsideWindow} outside the audit window, not counted</span>}
          {result.rejected > 0 && <span className="request-note request-note-warn">{result.rejected} rejected, not counted</span>}
        </td>
      </tr>
      {editing && (
        <tr className="request-editor-row">
          <td colSpan={COLUMNS}>
            <LinkEditor request={request} controls={controls} onClose={onClose} />
          </td>
        </tr>
      )}
    </>
  );
}
