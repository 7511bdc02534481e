import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { controlsToCsv } from '../../../shared/csv/controlsCsv';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { controlsExportFileName, outOfScopeSeries, seriesInScope } from '../../../shared/scope/controls';
import { inScopeControls, outOfScopeControls } from '../../../shared/scope/inScope';
import { refWarnings } from '../../../shared/scope/refs';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { listControlLinks, logControlsExport, NO_LINKS } from '../../db/controls';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { ControlEditor } from './ControlEditor';
import { ControlRow } from './ControlRow';
import { CsvImportPanel } from './CsvImportPanel';
import { downloadText } from './downloadText';
import { useGrowingCount } from '../../components/useGrowingCount';

type Editor = { readonly editing: ControlRecord | null } | null;
type Notice = { readonly kind: 'ok' | 'error'; readonly message: string } | null;

export function ControlsSection({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const info = useSystemInfo();
  const links = useLiveQuery(() => listControlLinks(audit.id), [audit.id]);
  const [showRetired, setShowRetired] = useState(false);
  const [query, setQuery] = useState('');
  const [editor, setEditor] = useState<Editor>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const inScope = seriesInScope(audit.categories);
  const warnings = useMemo(() => refWarnings(controls), [controls]);
  const outOf = new Map(controls.map((c) => [c.id, outOfScopeSeries(c.criteria, audit.categories)]));
  const retired = controls.filter((c) => c.retired).length;
  const outCount = outOfScopeControls(controls, audit.categories).length;
  const inScopeCount = inScopeControls(controls, audit.categories).length;
  const needle = query.trim().toLowerCase();
  const shown = controls.filter(
    (c) => (showRetired || !c.retired) && (needle === '' || `${c.ref} ${c.title} ${c.owner} ${c.criteria.join(' ')}`.toLowerCase().includes(needle)),
  );
  // Every row stays in the page, drawn a frame's worth at a time (issue #12).
  const drawn = useGrowingCount(shown.length);

  const exportCsv = async (): Promise<void> => {
    const fileName = controlsExportFileName(audit.name);
    try {
      downloadText(controlsToCsv(controls), fileName, 'text/csv;charset=utf-8');
      await logControlsExport(audit.id, controls.length, fileName, actorOf(info));
      setNotice({ kind: 'ok', message: `Exported ${controls.length} controls to ${fileName}.` });
    } catch (error) {
      setNotice({ kind: 'error', message: `The export failed: ${messageOf(error)}` });
    }
  };

  return (
    <section className="panel scope-controls" aria-labelledby="scope-controls-heading">
      <div className="scope-controls-head">
        <div>
          <h2 id="scope-controls-heading">Controls</h2>
          <p className="muted scope-summary">
            {inScopeCount} in scope · {outCount} out of scope · {retired} retired
            {warnings.size > 0 && <span className="scope-warn-text"> · {warnings.size} with a ref to check</span>}
          </p>
        </div>
        <div className="scope-toolbar">
          <input
            type="search"
            className="checklist-search scope-filter"
            aria-label="Filter controls"
            placeholder="Filter by ref, title, owner or criterion"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <label className="scope-toggle">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
            Show retired ({retired})
          </label>
          <button type="button" className="button" onClick={() => void exportCsv()}>
            Export CSV
          </button>
          <button type="button" className="button" aria-expanded={importing} onClick={() => {
              setImporting((v) => !v);
              setNotice(null);
            }}>
            Import CSV…
          </button>
          <button type="button" className="button button-primary" onClick={() => {
              setEditor({ editing: null });
              setNotice(null);
            }}>
            Add control
          </button>
        </div>
      </div>

      {notice?.kind === 'error' && <ErrorBanner message={notice.message} onDismiss={() => setNotice(null)} />}
      {notice?.kind === 'ok' && (
        <div className="banner scope-notice" role="status">
          <span>{notice.message}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      {importing && (
        <CsvImportPanel
          audit={audit}
          controls={controls}
          onClose={() => setImporting(false)}
          onImported={(message) => {
            setImporting(false);
            setNotice({ kind: 'ok', message });
          }}
        />
      )}

      <div className="scope-table-wrap">
        <table className="scope-table" aria-labelledby="scope-controls-heading">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Title</th>
              <th scope="col">Frequency</th>
              <th scope="col">Owner</th>
              <th scope="col">Criteria</th>
              <th scope="col" className="scope-num">
                Evidence
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, drawn).map((control) => (
              <ControlRow
                key={control.id}
                control={control}
                links={links?.get(control.id) ?? NO_LINKS}
                outOfScope={outOf.get(control.id) ?? []}
                inScope={inScope}
                refWarning={warnings.get(control.id)}
                onEdit={(c) => setEditor({ editing: c })}
                onNotice={setNotice}
              />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="empty-inline scope-empty">
            {controls.length === 0
              ? 'This audit has no controls yet. Add one, or import your control list from CSV.'
              : needle !== ''
                ? `No control matches “${query}”.`
                : 'Every control is retired. Tick “Show retired” to see them.'}
          </p>
        )}
      </div>

      {editor && (
        <ControlEditor
          auditId={audit.id}
          categories={audit.categories}
          controls={controls}
          editing={editor.editing}
          onClose={() => setEditor(null)}
          onSaved={(message) => {
            setEditor(null);
            setNotice({ kind: 'ok', message });
          }}
        />
      )}
    </section>
  );
}
