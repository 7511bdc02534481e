import { processingText } from '../../../shared/domain/labels';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import type { ReviewState } from '../../../shared/review/reviewState';
import type { SignoffValidity } from '../../../shared/signing/signoff';
import { dayInZone } from '../../../shared/time/evidenceDate';
import { formatBytes, formatInZone, formatUtc } from '../../../shared/time/format';
import { useSystemInfo } from '../app/systemInfo';
import { HashValue } from '../evidence/HashValue';
import { signedBy, useKeyNames } from './keyNames';
import { PreviewPane } from './PreviewPane';
import { SignoffHistory } from './SignoffHistory';
import { SignoffInvalid } from './SignoffInvalid';

export function ReviewPreview({
  item,
  state,
  slotLabel,
  audit,
  controlsById,
  evidenceById,
  states,
  validity,
}: {
  readonly item: EvidenceRecord;
  readonly state: ReviewState;
  readonly slotLabel: string;
  readonly audit: AuditRecord;
  readonly controlsById: ReadonlyMap<string, ControlRecord>;
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord>;
  readonly states: ReadonlyMap<string, ReviewState>;
  readonly validity: ReadonlyMap<string, SignoffValidity>;
}): React.JSX.Element {
  const info = useSystemInfo();
  const names = useKeyNames();
  const name = visibleName(item.name);
  const replaced = item.supersedes ? evidenceById.get(item.supersedes) : undefined;
  const replacedSignoff = item.supersedes ? (states.get(item.supersedes)?.latest ?? null) : null;
  const invalid = state.latest && state.validity && !state.validity.valid ? { signoff: state.latest, validity: state.validity } : null;

  return (
    <article className="review-preview" aria-labelledby="review-preview-name">
      <header className="review-preview-head">
        <h3 id="review-preview-name" className="review-preview-name">
          <bdi>{name}</bdi>
        </h3>
        <span className="pill">{item.source.kind === 'display' ? 'Screenshot' : 'File'}</span>
      </header>
      {invalid && <SignoffInvalid signoff={invalid.signoff} validity={invalid.validity} separator=": " />}
      {item.supersedes && (
        <div className="review-replaces">
          <strong>Re-capture</strong> replacing <bdi>{replaced ? visibleName(replaced.name) : 'an earlier item'}</bdi>
          {replacedSignoff?.payload.decision === 'rejected' && (
            <>
              , rejected by {signedBy(replacedSignoff.payload, names)}:<p className="signoff-comment">{replacedSignoff.payload.comment}</p>
            </>
          )}
        </div>
      )}
      <PreviewPane key={item.id} item={item} />
      <dl className="review-facts">
        <dt>Controls</dt>
        <dd className="chips">
          {item.controlIds.map((id) => {
            const control = controlsById.get(id);
            return (
              <span key={id} className="chip" title={control?.title ?? 'This control no longer exists'}>
                {control ? control.ref : 'unknown control'}
                {control?.retired ? ' (retired)' : ''}
              </span>
            );
          })}
        </dd>
        <dt>Evidence for</dt>
        <dd>
          {dayInZone(item.evidenceDate, audit.timeZone)} · {slotLabel}
        </dd>
        <dt>Captured (UTC)</dt>
        <dd>{formatUtc(item.capturedAt)}</dd>
        <dt>Captured (local)</dt>
        <dd>{formatInZone(item.capturedAt, item.timeZone)}</dd>
        <dt>Captured by</dt>
        <dd>
          {item.capturedBy} on {item.host}
          {item.capturedBy === info.user && item.host === info.host && <span className="muted"> (you collected this item yourself)</span>}
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(item.size)} ({item.size.toLocaleString('en-US')} bytes) · {item.mime}
          {item.width !== null && item.height !== null && ` · ${item.width} × ${item.height} px`}
        </dd>
        <dt>Source</dt>
        <dd className="review-source">
          {item.source.kind === 'display' ? (
            <>Screen capture of {visibleName(item.source.displayName)}</>
          ) : (
            <>
              File <bdi>{visibleName(item.source.originalPath)}</bdi>, modified {formatUtc(item.source.modifiedAt)}
            </>
          )}
        </dd>
        {item.processing.length > 0 && (
          <>
            <dt>Processing</dt>
            <dd>{processingText(item.processing)}</dd>
          </>
        )}
        {item.original && (
          <>
            <dt>Raw capture</dt>
            <dd>{item.original.stored ? 'Kept beside the stamped image, exported with it' : 'Not kept: redaction was applied; only its SHA-256 is recorded'}</dd>
          </>
        )}
        {item.notes && (
          <>
            <dt>Notes</dt>
            <dd className="review-notes">{item.notes}</dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd>
          <HashValue sha256={item.sha256} />
        </dd>
      </dl>
      <SignoffHistory history={state.history} validity={validity} />
    </article>
  );
}
