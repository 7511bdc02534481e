import { useEffect, useRef } from 'react';
import { processingText } from '../../../shared/domain/labels';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import { EvidenceEditor } from './EvidenceEditor';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatInZone, formatUtc } from '../../../shared/time/format';
import { RejectionNotice } from '../review/RejectionNotice';
import { ReviewBadge } from '../review/ReviewBadge';
import { SignoffHistory } from '../review/SignoffHistory';
import type { ItemsReview } from '../review/useAuditReview';
import { HashValue } from './HashValue';
import { SystemReportLine } from './SystemReportLine';
import { Thumbnail } from './Thumbnail';

export function EvidenceCard({
  item,
  audit,
  frequency,
  review,
  isFocused = false,
}: {
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  readonly frequency: Frequency;
  /** Review state of the item (and the items it refers to); undefined while it loads. */
  readonly review?: ItemsReview | undefined;
  /** The route points at this item (a link from another item): bring it into view. */
  readonly isFocused?: boolean;
}): React.JSX.Element {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!isFocused) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [isFocused]);
  const name = visibleName(item.name);
  const source =
    item.source.kind === 'display'
      ? `Screen capture of ${visibleName(item.source.displayName)}`
      : item.source.originalPath === ''
        ? `${visibleName(item.source.originalName)}, dropped or pasted (its folder is not known)`
        : visibleName(item.source.originalPath);
  const state = review?.states.get(item.id);
  const nameOf = (id: string): string => {
    const other = review?.evidenceById.get(id);
    return other ? visibleName(other.name) : 'an item no longer in this audit';
  };
  const superseded = state?.supersededBy ?? null;
  const rejection = state?.decision === 'rejected' ? state.latest : null;

  return (
    <article
      ref={ref}
      tabIndex={isFocused ? -1 : undefined}
      className={['evidence-card', superseded ? 'evidence-card-superseded' : '', isFocused ? 'evidence-card-focused' : ''].filter(Boolean).join(' ')}
      aria-label={name}
    >
      <Thumbnail sha256={item.sha256} mime={item.mime} name={name} />
      <div className="evidence-body">
        <h3 className="evidence-name">
          <bdi>{name}</bdi>
        </h3>
        <p className="evidence-source">
          <span className="pill">{item.source.kind === 'display' ? 'Screenshot' : 'File'}</span> {source}
        </p>
        {item.systemReport && <SystemReportLine item={item} report={item.systemReport} audit={audit} evidenceById={review?.evidenceById} />}
        {state && <ReviewBadge state={state} />}
        {superseded && (
          <p className="superseded-note">
            Superseded by <bdi>{nameOf(superseded)}</bdi> — kept as history, no longer counted.
          </p>
        )}
        {item.supersedes && (
          <p className="replaces-note">
            Replaces <bdi>{nameOf(item.supersedes)}</bdi>.
          </p>
        )}
        {rejection && <RejectionNotice item={item} audit={audit} signoff={rejection} superseded={superseded !== null} />}
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
                <code className="hash">{item.original.sha256}</code>
              </dd>
            </>
          )}
        </dl>
        {state && review && <SignoffHistory history={state.history} validity={review.validity} />}
        <EvidenceEditor
          // A saved change starts the editor afresh from the stored row.
          key={`${item.evidenceDate}|${item.notes}|${JSON.stringify(item.systemReport)}`}
          item={item}
          audit={audit}
          frequency={frequency}
        />
      </div>
    </article>
  );
}
