import { processingText } from '../../../shared/domain/labels';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatInZone, formatUtc } from '../../../shared/time/format';
import { SignoffHistory } from '../review/SignoffHistory';
import type { ItemsReview } from '../review/reviewOfRows';
import { EvidenceEditor } from './EvidenceEditor';
import { HashValue } from './HashValue';
import { SystemReportLine } from './SystemReportLine';
import { WithdrawPanel } from './WithdrawPanel';

/** What opens behind an evidence row: where it came from, its capture facts, its sign-offs, and what may be changed. */
export function EvidenceDetails({
  item,
  audit,
  frequency,
  review,
}: {
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
  readonly review: ItemsReview | undefined;
}): React.JSX.Element {
  const state = review?.states.get(item.id);
  const withdrawn = (item.withdrawal ?? null) !== null;
  const source =
    item.source.kind === 'display'
      ? `Screen capture of ${visibleName(item.source.displayName)}`
      : item.source.originalPath === ''
        ? `${visibleName(item.source.originalName)}, dropped or pasted (its folder is not known)`
        : visibleName(item.source.originalPath);
  return (
    <>
      <p className="evidence-source">
        <span className="pill">{item.source.kind === 'display' ? 'Screenshot' : 'File'}</span> <bdi>{source}</bdi>
      </p>
      {item.systemReport && <SystemReportLine item={item} report={item.systemReport} audit={audit} evidenceById={review?.evidenceById} />}
      <dl className="evidence-facts">
        <dt>Captured (UTC)</dt>
        <dd data-testid="captured-utc">{formatUtc(item.capturedAt)}</dd>
        <dt>Captured (local)</dt>
        <dd>{formatInZone(item.capturedAt, item.timeZone)}</dd>
        <dt>Captured by</dt>
        <dd>
          {item.capturedBy} on {item.host}
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(item.size)} ({item.size.toLocaleString('en-US')} bytes)
          {item.width !== null && item.height !== null && ` · ${item.width} × ${item.height} px`}
        </dd>
        {item.source.kind === 'file' && (
          <>
            <dt>File modified</dt>
            <dd>{formatUtc(item.source.modifiedAt)}</dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd>
          <HashValue sha256={item.sha256} />
        </dd>
        {item.processing.length > 0 && (
          <>
            <dt>Processing</dt>
            <dd data-testid="processing">{processingText(item.processing)}</dd>
          </>
        )}
        {item.original && (
          <>
            <dt>Raw capture</dt>
            <dd data-testid="original">
              {item.original.width} × {item.original.height} px, {formatBytes(item.original.size)} —{' '}
              {item.original.stored ? 'kept as the original' : 'not kept (redacted); only its SHA-256 is recorded'}
              <br />
              <HashValue sha256={item.original.sha256} label="Copy the raw capture's SHA-256" testId="original-sha256" />
            </dd>
          </>
        )}
      </dl>
      {state && review && <SignoffHistory history={state.history} validity={review.validity} />}
      {!withdrawn && (
        <EvidenceEditor
          // A saved change starts the editor afresh from the stored row.
          key={`${item.evidenceDate}|${item.notes}|${JSON.stringify(item.systemReport)}`}
          item={item}
          audit={audit}
          frequency={frequency}
        />
      )}
      <WithdrawPanel item={item} />
    </>
  );
}
