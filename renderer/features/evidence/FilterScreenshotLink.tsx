import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { auditRoute, hrefFor } from '../app/useHashRoute';

/**
 * The page showing the screenshot: its control's evidence, brought to the item. A control it
 * shares with the report comes first, so the link usually stays on the page already open.
 */
function screenshotHref(audit: AuditRecord, report: EvidenceRecord, screenshot: EvidenceRecord): string | null {
  const controlId = screenshot.controlIds.find((id) => report.controlIds.includes(id)) ?? screenshot.controlIds[0];
  return controlId === undefined ? null : hrefFor(auditRoute(audit.id, 'fieldwork', { controlId, itemId: screenshot.id }));
}

/** The filter's screenshot by name, linking to where it is shown. */
export function FilterScreenshotLink({
  id,
  item,
  audit,
  evidenceById,
}: {
  readonly id: string;
  readonly item: EvidenceRecord;
  readonly audit: AuditRecord;
  /** Items of the audit by id (at least this one's); undefined while they load. */
  readonly evidenceById: ReadonlyMap<string, EvidenceRecord> | undefined;
}): React.JSX.Element {
  if (evidenceById === undefined) return <span className="muted">…</span>;
  const screenshot = evidenceById.get(id);
  if (!screenshot) return <span className="muted">an item no longer in this audit</span>;
  const name = <bdi>{visibleName(screenshot.name)}</bdi>;
  const href = screenshotHref(audit, item, screenshot);
  const link = href === null ? name : <a href={href} title="Show the screenshot of the filter">{name}</a>;
  // Withdrawn since it was linked: still named (the reviewer signed what it showed), and said so.
  return screenshot.withdrawal ? (
    <>
      {link} <span className="pill pill-withdrawn">withdrawn</span>
    </>
  ) : (
    link
  );
}
