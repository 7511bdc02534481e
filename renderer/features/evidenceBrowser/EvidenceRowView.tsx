import type { Placement } from '../../../shared/coverage/coverage';
import type { EvidenceRow } from '../../../shared/coverage/evidenceFilter';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { scopeOfControl } from '../../../shared/scope/inScope';
import { formatBytes, formatInZone } from '../../../shared/time/format';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { STEP_LABELS } from '../../../shared/domain/labels';
import { Thumbnail } from '../evidence/Thumbnail';
import { REVIEW_LABELS } from './labels';

function placementText(placement: Placement | undefined): { text: string; flag: 'outside' | 'between' | null } {
  if (placement === undefined) return { text: '—', flag: null };
  if (placement.kind === 'outside') return { text: 'Outside the audit window', flag: 'outside' };
  if (placement.kind === 'between') return { text: 'Mid-period, not counted', flag: 'between' };
  return { text: placement.slot.partial ? `${placement.slot.label} (partial)` : placement.slot.label, flag: null };
}

/** The slot an item fills: for the chosen control, else for each of its controls. */
function SlotCell({ row, controlId, refOf }: { readonly row: EvidenceRow; readonly controlId: string | null; readonly refOf: (id: string) => string }): React.JSX.Element {
  const ids = controlId !== null ? [controlId] : row.item.controlIds;
  const lines = ids.map((id) => ({ id, ...placementText(row.placements.get(id)) }));
  const allSame = lines.every((line) => line.text === lines[0]?.text);
  const shown = allSame ? lines.slice(0, 1) : lines;
  return (
    <td className="eb-slot">
      {shown.map((line) => (
        <span key={line.id} className={line.flag === null ? 'eb-slot-line' : `eb-slot-line eb-flag-${line.flag}`}>
          {!allSame && <span className="eb-slot-ref">{refOf(line.id)}: </span>}
          {line.text}
        </span>
      ))}
    </td>
  );
}

/** An instant in the audit's zone: date and time on one line, the zone below. */
function ZonedDate({ iso, timeZone }: { readonly iso: string; readonly timeZone: string }): React.JSX.Element {
  const text = formatInZone(iso, timeZone);
  const split = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.*)$/.exec(text);
  if (!split) return <>{text}</>;
  return (
    <>
      <span className="eb-date">{split[1]}</span>
      <span className="eb-zone muted">{split[2]}</span>
    </>
  );
}

export function EvidenceRowView({
  audit,
  row,
  controlsById,
  activeIds,
  controlId,
}: {
  readonly audit: AuditRecord;
  readonly row: EvidenceRow;
  readonly controlsById: ReadonlyMap<string, ControlRecord>;
  readonly activeIds: ReadonlySet<string>;
  readonly controlId: string | null;
}): React.JSX.Element {
  const { item } = row;
  const name = visibleName(item.name);
  const refOf = (id: string): string => controlsById.get(id)?.ref ?? 'unknown control';
  return (
    <tr className={row.superseded || row.withdrawn ? 'eb-row eb-superseded' : 'eb-row'}>
      <td className="eb-thumb">
        <Thumbnail sha256={item.sha256} mime={item.mime} name={name} />
      </td>
      <td className="eb-name">
        <bdi>{name}</bdi>
        {row.superseded && <span className="pill eb-pill-muted">Superseded by a newer version</span>}
        {item.withdrawal && <span className="pill pill-withdrawn">Withdrawn: {item.withdrawal.reason}</span>}
        {item.notes !== '' && <span className="eb-notes muted">{item.notes}</span>}
      </td>
      <td className="eb-controls">
        {item.controlIds.map((id) => {
          const control = controlsById.get(id);
          if (control && activeIds.has(id)) {
            return (
              <a key={id} className="chip eb-control-link" href={hrefFor(auditRoute(audit.id, 'fieldwork', { controlId: id }))} title={`Open ${control.ref}: ${control.title}`}>
                {control.ref}
              </a>
            );
          }
          // Not active: retired by hand, or out of scope (its categories are not audited); said as such.
          const outOfScope = control !== undefined && scopeOfControl(control, audit.categories) === 'out-of-scope';
          return (
            <span
              key={id}
              className="chip eb-control-retired"
              title={control ? (outOfScope ? 'This control is out of scope: its categories are not in the audit.' : 'This control is retired.') : 'This control no longer exists.'}
            >
              {control ? `${control.ref} (${outOfScope ? 'out of scope' : 'retired'})` : 'unknown control'}
            </span>
          );
        })}
      </td>
      <td>{STEP_LABELS[item.step]}</td>
      <td className="eb-when">
        <ZonedDate iso={item.evidenceDate} timeZone={audit.timeZone} />
      </td>
      <SlotCell row={row} controlId={controlId} refOf={refOf} />
      <td className="eb-size">{formatBytes(item.size)}</td>
      <td>
        {row.withdrawn ? <span className="eb-review">Withdrawn</span> : <span className={`eb-review eb-review-${row.review}`}>{REVIEW_LABELS[row.review]}</span>}
      </td>
    </tr>
  );
}
