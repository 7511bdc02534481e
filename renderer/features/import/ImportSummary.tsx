import type { ImportHistory } from '../../../shared/bundle/importHistory';
import type { ImportPreview } from '../../../shared/bundle/importPlan';
import { describeAuditWindow } from '../../../shared/domain/audit';
import { visibleName } from '../../../shared/files/visibleName';

function countBy(items: readonly { readonly reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.reason, (counts.get(i.reason) ?? 0) + 1);
  return [...counts.entries()].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

/** What the import would add, what a partial bundle left out, and whether its history extends the one here. */
export function ImportSummary({ preview, history }: { readonly preview: ImportPreview; readonly history: ImportHistory }): React.JSX.Element {
  return (
    <>
      <h3>What will be added</h3>
      <p>
        <strong>{visibleName(preview.audit.name)}</strong> · {visibleName(preview.audit.organization)} · {describeAuditWindow(preview.audit)} —{' '}
        {preview.auditExists ? 'already here: new items are merged into it' : 'a new audit here'}
      </p>
      {preview.leftOut.length > 0 && (
        <div className="import-partial" role="note">
          <strong>A partial bundle.</strong> {preview.selection.length > 0 && <>It holds {preview.selection.join('; ')}. </>}
          {preview.leftOut.length} {preview.leftOut.length === 1 ? 'item' : 'items'} its trail records {preview.leftOut.length === 1 ? 'is' : 'are'} not in it ({countBy(preview.leftOut)}): they
          are left out, not lost, and the integrity check will say so rather than report them missing.
        </div>
      )}
      <dl className="import-counts">
        <dt>Evidence items</dt>
        <dd>{preview.evidence.length}</dd>
        <dt>Already here</dt>
        <dd>
          {preview.duplicates.sameId} same item, {preview.duplicates.sameBytes} same bytes
        </dd>
        <dt>Controls</dt>
        <dd>{preview.controls.length}</dd>
        <dt>Sign-offs</dt>
        <dd>{preview.signoffs.length}</dd>
        <dt>Requests</dt>
        <dd>{preview.requests.length}</dd>
        <dt>Audit trail</dt>
        <dd>{preview.auditExists ? 'recorded as one import entry' : `${preview.log.length} entries, chain intact`}</dd>
        <dt>History</dt>
        <dd className={history.ok ? 'history-ok' : 'history-bad'}>{history.ok ? history.summary : 'does not extend the trail held here'}</dd>
      </dl>
      {!history.ok && (
        <div className="banner banner-error" role="alert">
          <div>
            <p>This bundle&apos;s audit trail does not extend the one this installation holds, so it is not imported:</p>
            <ul>
              {history.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}
