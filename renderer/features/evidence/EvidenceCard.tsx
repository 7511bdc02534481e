import type { EvidenceRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatInZone, formatUtc } from '../../../shared/time/format';
import { HashValue } from './HashValue';
import { Thumbnail } from './Thumbnail';

export function EvidenceCard({ item }: { readonly item: EvidenceRecord }): React.JSX.Element {
  const name = visibleName(item.name);
  const source =
    item.source.kind === 'display' ? `Screen capture of ${visibleName(item.source.displayName)}` : `File ${visibleName(item.source.originalPath)}`;
  return (
    <article className="evidence-card" aria-label={name}>
      <Thumbnail sha256={item.sha256} mime={item.mime} name={name} />
      <div className="evidence-body">
        <h3 className="evidence-name">
          <bdi>{name}</bdi>
        </h3>
        <p className="evidence-source">
          <span className="pill">{item.source.kind === 'display' ? 'Screenshot' : 'File'}</span> {source}
        </p>
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
        </dl>
      </div>
    </article>
  );
}
