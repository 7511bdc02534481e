import type { AuditRecord, EvidenceRecord, SystemReport } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { formatInZone } from '../../../shared/time/format';
import { FilterScreenshotLink } from './FilterScreenshotLink';

function rowsText(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
}

/** "System report · Okta · 412 rows · extracted …", and the filter's screenshot as a link. */
export function SystemReportLine({
  item,
  report,
  audit,
  evidenceById,
}: {
  readonly item: EvidenceRecord;
  readonly report: SystemReport;
  readonly audit: AuditRecord;
  /** Items by id, the filter's screenshot among them; undefined while they load. */
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord> | undefined;
}): React.JSX.Element {
  const parts = [
    visibleName(report.sourceSystem),
    report.rowCount === null ? 'row count not recorded' : rowsText(report.rowCount),
    report.extractedAt === null ? 'extraction time not recorded' : `extracted ${formatInZone(report.extractedAt, audit.timeZone)}`,
  ];
  return (
    <p className="system-report-line" data-testid="system-report">
      <span className="pill">System report</span> <bdi>{parts.join(' · ')}</bdi>
      {report.filterScreenshotId !== null && (
        <>
          {' · filter: '}
          <FilterScreenshotLink id={report.filterScreenshotId} item={item} audit={audit} evidenceById={evidenceById} />
        </>
      )}
      {report.query.trim() !== '' && (
        <code className="system-report-query" title={report.query}>
          {visibleName(report.query.replace(/\s+/g, ' ').trim())}
        </code>
      )}
    </p>
  );
}
