import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { AuditRecord, ControlRecord, TaskRecord } from '../../../shared/domain/records';
import { readTaskEvidence } from '../../db/evidence';
import { isWithdrawn } from '../../../shared/evidence/withdrawal';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatUtc } from '../../../shared/time/format';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { CaptureBar } from '../evidence/CaptureBar';

/**
 * The evidence of a fix: what is linked to the task, a capture bar that stores new evidence
 * for the task's control and links it, and a way to link evidence already collected.
 */
export function TaskEvidence({
  audit,
  task,
  control,
  onLink,
}: {
  readonly audit: AuditRecord;
  readonly task: TaskRecord;
  readonly control: ControlRecord | null;
  readonly onLink: (evidenceIds: string[]) => void;
}): React.JSX.Element {
  const [pick, setPick] = useState('');
  // The task's own items and its control's, by index: never the audit's 10,000.
  const rows = useLiveQuery(() => readTaskEvidence(task.evidenceIds, control?.id ?? null), [task.evidenceIds, control?.id]);
  if (rows === undefined) return <p className="muted">Loading the evidence of the fix…</p>;
  const linked = task.evidenceIds.map((id) => {
    const item = rows.linked.get(id);
    return { id, item: item?.auditId === audit.id ? item : undefined };
  });
  const linkable = rows.ofControl.filter((e) => e.auditId === audit.id && !task.evidenceIds.includes(e.id) && !isWithdrawn(e));

  return (
    <section className="task-evidence" aria-labelledby="task-evidence-heading">
      <h4 id="task-evidence-heading">
        Evidence of the fix <span className="muted">({linked.length})</span>
      </h4>
      {linked.length === 0 ? (
        <p className="empty-inline">No evidence linked yet. Attach the screenshot or file that shows the gap is closed.</p>
      ) : (
        <ul className="task-evidence-list">
          {linked.map(({ id, item }) => (
            <li key={id}>
              {item ? (
                <>
                  <span className="task-evidence-name">{visibleName(item.name)}</span>
                  {item.withdrawal && <span className="pill pill-withdrawn">Withdrawn: {item.withdrawal.reason}</span>}
                  <span className="muted">
                    {item.source.kind === 'display' ? 'Screenshot' : 'File'} · {formatBytes(item.size)} · {formatUtc(item.capturedAt)}
                  </span>
                  <code className="task-evidence-hash" title={item.sha256}>
                    SHA-256 {item.sha256.slice(0, 12)}…
                  </code>
                </>
              ) : (
                <span className="field-error">Evidence {id} is linked but missing from this audit.</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {control === null ? (
        <p className="muted">Choose the task&apos;s control to attach evidence of the fix: evidence always belongs to a control.</p>
      ) : (
        <>
          <h4 className="task-evidence-attach">Attach evidence of the fix</h4>
          <p className="muted task-evidence-help">
            Stored for {control.ref} as Remediation evidence and linked to this task.{' '}
            <a href={hrefFor(auditRoute(audit.id, 'fieldwork', { view: 'evidence', controlId: control.id }))}>All evidence of {control.ref}</a>
          </p>
          <CaptureBar audit={audit} control={control} step="remediation" onStored={onLink} />
          {linkable.length > 0 && (
            <div className="task-evidence-existing">
              <label className="inline-field">
                <span>Or link evidence already collected</span>
                <select value={pick} onChange={(e) => setPick(e.target.value)}>
                  <option value="">Choose an item…</option>
                  {linkable.map((e) => (
                    <option key={e.id} value={e.id}>
                      {visibleName(e.name)} ({formatUtc(e.capturedAt)})
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button button-small"
                disabled={pick === ''}
                onClick={() => {
                  onLink([pick]);
                  setPick('');
                }}
              >
                Link
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
