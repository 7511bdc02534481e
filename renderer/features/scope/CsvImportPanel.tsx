import { useMemo, useState } from 'react';
import { guessControlMapping, planControlImport, type ControlField } from '../../../shared/csv/controlsCsv';
import { decodeCsvBytes, parseCsv, type ParsedCsv } from '../../../shared/csv/csv';
import type { ColumnMapping } from '../../../shared/csv/mapping';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { MAX_CONTROL_CSV_BYTES, mappingConflicts, needsMappingReview } from '../../../shared/scope/csvImport';
import { formatBytes } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { importControls } from '../../db/controls';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { ColumnMappingForm } from './ColumnMappingForm';
import { ImportPreview } from './ImportPreview';

interface Loaded {
  readonly fileName: string;
  readonly parsed: ParsedCsv;
  readonly mapping: ColumnMapping<ControlField>;
  /** Decided once per file, so the mapping stays on screen while the user corrects it. */
  readonly review: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Imports a control list from CSV in three steps: choose a file, check the column mapping and
 * the preview of every row, confirm. Nothing is written before the confirmation, and then only
 * the rows without errors, all in one transaction.
 */
export function CsvImportPanel({
  audit,
  controls,
  onClose,
  onImported,
}: {
  readonly audit: AuditRecord;
  readonly controls: readonly ControlRecord[];
  readonly onClose: () => void;
  readonly onImported: (message: string) => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const existingRefs = useMemo(() => new Set(controls.map((c) => c.ref)), [controls]);
  const plan = useMemo(() => (loaded ? planControlImport(loaded.parsed, loaded.mapping, existingRefs) : null), [loaded, existingRefs]);
  const conflicts = loaded ? mappingConflicts(loaded.mapping) : [];

  const choose = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again, after fixing it, reads it again.
    input.value = '';
    if (!file) return;
    setFailure(null);
    setLoaded(null);
    const name = visibleName(file.name);
    if (file.size > MAX_CONTROL_CSV_BYTES) {
      setFailure(`"${name}" is ${formatBytes(file.size)}; a control list can be at most ${formatBytes(MAX_CONTROL_CSV_BYTES)}. Split it into smaller files.`);
      return;
    }
    setBusy(true);
    try {
      const parsed = parseCsv(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())));
      if (parsed.rows.length === 0) throw new Error('It has a header row but no controls below it.');
      const mapping = guessControlMapping(parsed.headers);
      setLoaded({ fileName: file.name, parsed, mapping, review: needsMappingReview(parsed.headers, mapping) });
    } catch (error) {
      setFailure(`"${name}" cannot be read: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (): Promise<void> => {
    if (!loaded || !plan) return;
    const rows = plan.rows.flatMap((r) => (r.ok ? [r.control] : []));
    setBusy(true);
    setFailure(null);
    try {
      const count = await importControls(audit.id, rows, loaded.fileName, actorOf(info));
      onImported(`Imported ${plural(count, 'control')} from ${visibleName(loaded.fileName)}.`);
    } catch (error) {
      setFailure(`Nothing was imported: ${messageOf(error)}`);
      setBusy(false);
    }
  };

  return (
    <section className="scope-import" aria-labelledby="scope-import-heading">
      <header className="scope-import-head">
        <h3 id="scope-import-heading">Import controls from CSV</h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted scope-note">
        One control per row with columns for ref, title, frequency and criteria (description and owner are optional). Comma,
        semicolon or tab separated; UTF-8 or Excel’s Windows encoding; up to {formatBytes(MAX_CONTROL_CSV_BYTES)}. Nothing is
        saved until you confirm.
      </p>
      <div className="field scope-file">
        <label htmlFor="scope-import-file">{loaded ? 'Choose another CSV file' : 'CSV file'}</label>
        <input id="scope-import-file" type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void choose(e.currentTarget)} />
      </div>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      {loaded && plan && (
        <>
          <p className="scope-file-facts">
            <strong>{visibleName(loaded.fileName)}</strong>
            <span className="muted">
              {' '}
              · {plural(loaded.parsed.headers.length, 'column')} · delimiter {loaded.parsed.delimiter === '\t' ? 'tab' : `“${loaded.parsed.delimiter}”`}
            </span>
          </p>
          {loaded.review && (
            <ColumnMappingForm headers={loaded.parsed.headers} mapping={loaded.mapping} onChange={(mapping) => setLoaded({ ...loaded, mapping })} />
          )}
          <ImportPreview plan={plan} mapping={loaded.mapping} />
          <div className="scope-import-actions">
            <button type="button" className="button button-primary" disabled={busy || plan.ok === 0 || conflicts.length > 0} onClick={() => void confirm()}>
              {busy ? 'Importing…' : `Import ${plural(plan.ok, 'control')}`}
            </button>
            <button type="button" className="button" disabled={busy} onClick={onClose}>
              Cancel
            </button>
            <span className="muted">
              {conflicts.length > 0
                ? 'Two fields read the same column: fix the columns above first.'
                : plan.errors > 0
                  ? `${plural(plan.errors, 'row')} with errors will be skipped.`
                  : 'Every row is valid.'}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
