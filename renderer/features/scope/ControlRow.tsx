import { useState } from 'react';
import { criterionById } from '../../../shared/catalog/tsc';
import type { ControlRecord } from '../../../shared/domain/records';
import { TSC_CATEGORIES, type TscSeries } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import { messageOf } from '../../bridge';
import { deleteControl, hasLinks, setControlRetired, type ControlLinks } from '../../db/controls';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';

function describeLinks(links: ControlLinks): string {
  if (links.evidence > 0) return 'Has evidence — retire instead';
  return `Linked to ${links.requests > 0 ? 'requests' : 'tasks'} — retire instead`;
}

export function ControlRow({
  control,
  links,
  outOfScope,
  inScope,
  refWarning,
  onEdit,
  onNotice,
}: {
  readonly control: ControlRecord;
  readonly links: ControlLinks;
  /** The series of its criteria when all of them are out of scope, else empty. */
  readonly outOfScope: readonly TscSeries[];
  readonly inScope: ReadonlySet<TscSeries>;
  /** Why this control's ref needs renaming (a look-alike of another, a hidden character), if it does. */
  readonly refWarning?: string | undefined;
  readonly onEdit: (control: ControlRecord) => void;
  readonly onNotice: (notice: { kind: 'ok' | 'error'; message: string }) => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = visibleName(control.ref);

  const run = async (action: () => Promise<void>, done: string): Promise<void> => {
    setBusy(true);
    try {
      await action();
      onNotice({ kind: 'ok', message: done });
    } catch (error) {
      onNotice({ kind: 'error', message: messageOf(error) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const status = control.retired
    ? { className: 'scope-status-retired', label: 'Retired', title: 'Retired: kept with its evidence and history, left out of the checklists.' }
    : outOfScope.length > 0
      ? {
          className: 'scope-status-out',
          label: 'Out of scope',
          title: `All its criteria are in ${outOfScope.map((s) => TSC_CATEGORIES[s]).join(' and ')}, which ${outOfScope.length === 1 ? 'is' : 'are'} not in scope.`,
        }
      : { className: 'scope-status-in', label: 'In scope', title: 'At least one of its criteria is in scope.' };

  const dimmed = control.retired || outOfScope.length > 0;
  return (
    <tr className={dimmed ? 'scope-row-dimmed' : undefined}>
      <td className="scope-ref">
        {ref}
        {refWarning !== undefined && (
          <span className="scope-ref-warning" title={refWarning}>
            <span aria-hidden="true">⚠ </span>Check ref<span className="visually-hidden">: {refWarning}</span>
          </span>
        )}
      </td>
      <td className="scope-title">{visibleName(control.title)}</td>
      <td>{FREQUENCY_LABELS[control.frequency]}</td>
      <td className="scope-owner">{control.owner === '' ? <span className="muted">—</span> : visibleName(control.owner)}</td>
      <td>
        <span className="chips">
          {control.criteria.map((id) => {
            const criterion = criterionById(id);
            const out = criterion !== undefined && !inScope.has(criterion.series);
            return (
              <abbr key={id} className={`chip${out ? ' chip-out' : ''}`} title={`${criterion?.title ?? 'Unknown criterion'}${out ? ' (not in scope)' : ''}`}>
                {id}
              </abbr>
            );
          })}
        </span>
      </td>
      <td className={`scope-num${links.evidence === 0 ? ' muted' : ''}`}>{links.evidence}</td>
      <td>
        <span className={`scope-status ${status.className}`} title={status.title}>
          {status.label}
        </span>
      </td>
      <td className="scope-actions">
        {confirming ? (
          <span className="scope-confirm">
            <span>Delete {ref}?</span>
            <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => void run(() => deleteControl(control.id, actorOf(info)), `Deleted ${ref}.`)}>
              Delete
            </button>
            <button type="button" className="button button-small" disabled={busy} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="link-button" aria-label={`Edit ${control.ref}`} onClick={() => onEdit(control)}>
              Edit
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`${control.retired ? 'Restore' : 'Retire'} ${control.ref}`}
              disabled={busy}
              onClick={() =>
                void run(() => setControlRetired(control.id, !control.retired, actorOf(info)), control.retired ? `Restored ${ref}.` : `Retired ${ref}.`)
              }
            >
              {control.retired ? 'Restore' : 'Retire'}
            </button>
            {hasLinks(links) ? (
              <span className="scope-no-delete muted">{describeLinks(links)}</span>
            ) : (
              <button type="button" className="link-button link-danger" aria-label={`Delete ${control.ref}`} onClick={() => setConfirming(true)}>
                Delete
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
