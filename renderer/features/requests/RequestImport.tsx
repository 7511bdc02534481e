import { useId, useMemo, useState } from 'react';
import { decodeCsvBytes, parseCsv, type ParsedCsv } from '../../../shared/csv/csv';
import type { ColumnMapping } from '../../../shared/csv/mapping';
import { guessDateOrder, guessRequestMapping, planRequestImport, type DateOrder, type RequestField } from '../../../shared/csv/requestsCsv';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { visibleName } from '../../../shared/files/visibleName';
import { mappingNeedsReview, previewImport } from '../../../shared/requests/importPreview';
import { formatBytes } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { importRequests } from '../../db/requests';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { ColumnMappingForm } from './ColumnMappingForm';
import { DateOrderField } from './DateOrderField';
import { ImportPreviewTable } from './ImportPreviewTable';
import { plural } from './labels';

/** A request list is a few hundred rows; 20 MB is far beyond any real one and still parses quickly. */
const MAX_REQUEST_CSV_BYTES = 20 * 1024 * 1024;

interface LoadedFile {
  readonly name: string;
  readonly parsed: ParsedCsv;
  readonly mapping: ColumnMapping<RequestField>;
  /** Shown when the headers are not the plain field names, and kept open once shown. */
  readonly showMapping: boolean;
  /** Null until the user picks one: the guess from the mapped due-date column applies. */
  readonly dateOrder: DateOrder | null;
}

export function RequestImport({
  audit,
  controls,
  existingRequestIds,
  onImported,
  onCancel,
}: {
  readonly audit: AuditRecord;
  /** The audit's active controls: the refs a request may name. */
  readonly controls: readonly ControlRecord[];
  readonly existingRequestIds: readonly string[];
  readonly onImported: (message: string) => void;
  readonly onCancel: () => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const inputId = useId();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [saving, setSaving] = useState(false);

  const knownRefs = useMemo(() => new Set(controls.map((c) => c.ref)), [controls]);
  const dateGuess = useMemo(() => (file ? guessDateOrder(file.parsed, file.mapping.dueDate) : null), [file]);
  const dateOrder = file?.dateOrder ?? dateGuess?.order ?? 'mdy';
  const plan = useMemo(() => (file ? planRequestImport(file.parsed, file.mapping, knownRefs, dateOrder) : null), [file, knownRefs, dateOrder]);
  const preview = useMemo(() => (plan ? previewImport(plan, existingRequestIds) : null), [plan, existingRequestIds]);

  const choose = async (chosen: File | undefined): Promise<void> => {
    setError(null);
    setFile(null);
    if (!chosen) return;
    const name = visibleName(chosen.name);
    if (chosen.size > MAX_REQUEST_CSV_BYTES) {
      setError(`${name} is ${formatBytes(chosen.size)}; a request list may be at most ${formatBytes(MAX_REQUEST_CSV_BYTES)}. Is this the right file?`);
      return;
    }
    setReading(true);
    try {
      const parsed = parseCsv(decodeCsvBytes(new Uint8Array(await chosen.arrayBuffer())));
      if (parsed.rows.length === 0) {
        setError(`${name} has a header row but no requests below it.`);
        return;
      }
      const mapping = guessRequestMapping(parsed.headers);
      setFile({ name: chosen.name, parsed, mapping, showMapping: mappingNeedsReview(parsed.headers, mapping), dateOrder: null });
    } catch (e) {
      setError(`${name} could not be read: ${messageOf(e)}`);
    } finally {
      setReading(false);
    }
  };

  const commit = async (): Promise<void> => {
    if (!file || !preview || preview.toImport.length === 0) return;
    setSaving(true);
    setError(null);
    try {
      const result = await importRequests(audit.id, preview.toImport, file.name, actorOf(info));
      const skipped = result.skipped.length > 0 ? ` ${plural(result.skipped.length, 'request')} already in the list ${result.skipped.length === 1 ? 'was' : 'were'} skipped.` : '';
      onImported(`Imported ${plural(result.added.length, 'request')} from ${visibleName(file.name)}.${skipped}`);
    } catch (e) {
      setError(`Nothing was imported: ${messageOf(e)}`);
      setSaving(false);
    }
  };

  const count = preview?.toImport.length ?? 0;
  return (
    <section className="panel request-import" aria-labelledby={`${inputId}-heading`}>
      <div className="request-import-head">
        <h3 id={`${inputId}-heading`}>Import a request list</h3>
        <button type="button" className="link-button" onClick={onCancel} disabled={saving}>
          Close
        </button>
      </div>
      <p className="muted">
        A CSV file with one request per row: request id, description, control refs (several separated by commas or semicolons) and due
        date. Requests whose id is already in this list are reported and skipped, never changed.
      </p>
      <div className="field request-file">
        <label htmlFor={inputId}>CSV file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={reading || saving}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {reading && (
        <p className="muted" role="status">
          Reading the file…
        </p>
      )}
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      {file && preview && (
        <>
          {file.showMapping ? (
            <ColumnMappingForm headers={file.parsed.headers} sample={file.parsed.rows[0]} mapping={file.mapping} onChange={(mapping) => setFile({ ...file, mapping })} />
          ) : (
            <p className="request-mapping-ok">
              Columns found by name: Request ID, Description, Control refs, Due date.{' '}
              <button type="button" className="link-button" onClick={() => setFile({ ...file, showMapping: true })}>
                Change columns
              </button>
            </p>
          )}
          {dateGuess && dateGuess.yearLast > 0 && <DateOrderField guess={dateGuess} value={dateOrder} onChange={(order) => setFile({ ...file, dateOrder: order })} />}
          <p className="request-preview-summary" role="status">
            <strong>{visibleName(file.name)}</strong>: {plural(preview.rows.length, 'row')} — {count} ready to import
            {preview.existing > 0 && `, ${preview.existing} already in the list (skipped)`}
            {preview.errors > 0 && `, ${plural(preview.errors, 'row')} with errors (not imported)`}.
          </p>
          <ImportPreviewTable preview={preview} mapping={file.mapping} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => void commit()} disabled={saving || count === 0}>
              Import {plural(count, 'request')}
            </button>
            <button type="button" className="button" onClick={onCancel} disabled={saving}>
              Cancel
            </button>
          </div>
        </>
      )}
    </section>
  );
}
