import { useId, useState } from 'react';
import type { ControlRecord, RequestRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { setRequestControls } from '../../db/requests';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { plural } from './labels';

/**
 * Chooses the controls a request is linked to among the audit's active controls. Links to
 * controls retired since are kept as they are: they cannot be chosen here, and dropping them
 * silently would lose the auditor's mapping.
 */
export function LinkEditor({
  request,
  controls,
  onClose,
}: {
  readonly request: RequestRecord;
  readonly controls: readonly ControlRecord[];
  readonly onClose: () => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const headingId = useId();
  const activeIds = new Set(controls.map((c) => c.id));
  const kept = request.controlIds.filter((id) => !activeIds.has(id));
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(request.controlIds.filter((id) => activeIds.has(id))));
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? controls : controls.filter((c) => `${c.ref} ${c.title} ${c.criteria.join(' ')}`.toLowerCase().includes(needle));

  const toggle = (id: string, on: boolean): void => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      // In the checklist's order, so the log reads like the list the user saw.
      const chosen = controls.filter((c) => selected.has(c.id)).map((c) => c.id);
      await setRequestControls(request.id, [...chosen, ...kept], actorOf(info));
      onClose();
    } catch (e) {
      setError(`The links were not saved: ${messageOf(e)}`);
      setSaving(false);
    }
  };

  return (
    <div className="link-editor" role="group" aria-labelledby={headingId}>
      <div className="link-editor-head">
        <h3 id={headingId}>Controls linked to {visibleName(request.requestId)}</h3>
        <input
          type="search"
          className="checklist-search"
          placeholder="Filter by ref, title or criterion"
          aria-label="Filter controls to link"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted">{plural(selected.size + kept.length, 'control')} linked</span>
      </div>
      {selected.size > 0 && (
        <p className="link-editor-chosen">
          <span className="muted">Linked:</span>{' '}
          {controls
            .filter((c) => selected.has(c.id))
            .map((c) => c.ref)
            .join(', ')}
        </p>
      )}
      <ul className="link-editor-list">
        {shown.map((control) => (
          <li key={control.id}>
            <label>
              <input type="checkbox" checked={selected.has(control.id)} onChange={(e) => toggle(control.id, e.target.checked)} disabled={saving} />
              <span className="link-editor-ref">{control.ref}</span>
              <span className="link-editor-title">{control.title}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No control matches “{filter}”.</li>}
      </ul>
      {kept.length > 0 && <p className="muted">{plural(kept.length, 'retired control')} stay linked; they cannot be changed here.</p>}
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving}>
          Save links
        </button>
        <button type="button" className="button" onClick={onClose} disabled={saving}>
          Cancel
        </button>
      </div>
    </div>
  );
}
