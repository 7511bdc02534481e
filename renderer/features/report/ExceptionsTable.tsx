import { useState } from 'react';
import type { ControlRecord, ReportException } from '../../../shared/domain/records';
import { StatusTag } from '../maintain/StatusTag';

export function ExceptionsTable({
  exceptions,
  controls,
  onEdit,
  onRemove,
}: {
  readonly exceptions: readonly ReportException[];
  readonly controls: ReadonlyMap<string, ControlRecord>;
  readonly onEdit: (id: string) => void;
  readonly onRemove: (id: string) => Promise<void>;
}): React.JSX.Element {
  // Removing asks once more: the report is a record the organization answers for.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="work-table-wrap">
      <table className="work-table exceptions-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Control</th>
            <th scope="col">Auditor&apos;s description</th>
            <th scope="col">Management&apos;s response</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {exceptions.map((exception, index) => {
            const control = exception.controlId === null ? undefined : controls.get(exception.controlId);
            const answered = exception.managementResponse.trim() !== '';
            return (
              <tr key={exception.id} aria-label={`Exception ${index + 1}`}>
                <td className="cell-date">{index + 1}</td>
                <td>
                  {control ? (
                    <>
                      <span className="cell-ref">{control.ref}</span>
                      <span className="cell-sub">
                        {control.title}
                        {control.retired && ' (retired)'}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{exception.controlId === null ? 'No specific control' : 'Control removed'}</span>
                  )}
                </td>
                <td className="cell-text">{exception.description}</td>
                <td className="cell-text">{answered ? exception.managementResponse : <span className="muted">Not written yet</span>}</td>
                <td>{answered ? <StatusTag tone="ok">Responded</StatusTag> : <StatusTag tone="warn">Response needed</StatusTag>}</td>
                <td className="exception-actions">
                  {confirming === exception.id ? (
                    <>
                      <button type="button" className="button button-small button-danger" onClick={() => void onRemove(exception.id).finally(() => setConfirming(null))}>
                        Remove
                      </button>
                      <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" className="button button-small" onClick={() => onEdit(exception.id)} aria-label={`Edit exception ${index + 1}`}>
                        Edit
                      </button>
                      <button type="button" className="button button-small button-danger" onClick={() => setConfirming(exception.id)} aria-label={`Remove exception ${index + 1}`}>
                        Remove
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
