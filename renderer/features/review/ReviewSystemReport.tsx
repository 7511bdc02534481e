import type { EvidenceRecord, SystemReport } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { formatInZone, formatUtc } from '../../../shared/time/format';

/**
 * Where a system report came from, as the reviewer decides on it (issue #13): a sign-off covers
 * these facts, so the reviewer sees each one, and says so when one was not recorded.
 */
export function ReviewSystemReport({
  report,
  timeZone,
  evidenceById,
}: {
  readonly report: SystemReport;
  readonly timeZone: string;
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord>;
}): React.JSX.Element {
  const missing = <span className="muted">not recorded</span>;
  const filter = report.filterScreenshotId === null ? null : evidenceById.get(report.filterScreenshotId);
  return (
    <>
      <dt>System report from</dt>
      <dd data-testid="review-report-source">
        <bdi>{visibleName(report.sourceSystem)}</bdi>
      </dd>
      <dt>Query or filter</dt>
      <dd data-testid="review-report-query">{report.query.trim() === '' ? missing : <code className="review-report-query">{visibleName(report.query)}</code>}</dd>
      <dt>Row count</dt>
      <dd data-testid="review-report-rows">{report.rowCount === null ? missing : report.rowCount.toLocaleString('en-US')}</dd>
      <dt>Extracted</dt>
      <dd data-testid="review-report-extracted">
        {report.extractedAt === null ? (
          missing
        ) : (
          <>
            {formatInZone(report.extractedAt, timeZone)} <span className="muted">· {formatUtc(report.extractedAt)}</span>
          </>
        )}
      </dd>
      <dt>Filter screenshot</dt>
      <dd>
        {report.filterScreenshotId === null ? (
          missing
        ) : filter ? (
          <>
            <bdi>{visibleName(filter.name)}</bdi>
            {filter.withdrawal && <span className="pill pill-withdrawn">withdrawn</span>}
          </>
        ) : (
          'an item not in this audit'
        )}
      </dd>
    </>
  );
}
