import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { AuditRecord, EvidenceRecord } from '../../../shared/domain/records';
import { dayInZone } from '../../../shared/time/evidenceDate';
import { listControls } from '../../db/controls';
import { CaptureBar } from '../evidence/CaptureBar';

/**
 * Replaces a rejected item: a new screenshot or file recorded with `supersedes` pointing at it.
 * Nothing is erased: the rejected item and its sign-off stay as history.
 */
export function Recapture({ item, audit }: { readonly item: EvidenceRecord; readonly audit: AuditRecord }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const controls = useLiveQuery(() => listControls(audit.id), [audit.id]);
  const control = controls?.find((c) => item.controlIds.includes(c.id));

  if (!open) {
    return (
      <div className="rejection-actions">
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          Re-capture
        </button>
        <span className="muted">Capture the screen again or attach a corrected file; it replaces this item and goes back to review.</span>
      </div>
    );
  }
  return (
    <div className="recapture">
      <p className="recapture-hint">
        The replacement is a new item and this one stays, marked superseded. The new item is dated when it is captured: if it is evidence for{' '}
        {dayInZone(item.evidenceDate, audit.timeZone)} like this one, set its evidence date afterwards.
      </p>
      {controls === undefined ? (
        <p className="muted">Loading…</p>
      ) : control ? (
        <CaptureBar audit={audit} control={control} step={item.step} supersedes={item} />
      ) : (
        <p className="field-error">This item belongs to no control of the audit any more, so it cannot be re-captured here.</p>
      )}
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel re-capture
      </button>
    </div>
  );
}
