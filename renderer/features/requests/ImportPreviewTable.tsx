import type { ColumnMapping } from '../../../shared/csv/mapping';
import { cellAt } from '../../../shared/csv/mapping';
import type { RequestField } from '../../../shared/csv/requestsCsv';
import { visibleName } from '../../../shared/files/visibleName';
import type { ImportPreview, PreviewRow } from '../../../shared/requests/importPreview';
import { plural } from './labels';
import { visibleText } from './text';

/** Rows drawn at most: a file may hold 50,000, and rows with problems are the ones to read. */
const MAX_SHOWN = 300;

function cellsOf(row: PreviewRow, mapping: ColumnMapping<RequestField>): { requestId: string; description: string; controls: string; dueDate: string } {
  if (row.kind === 'error') {
    return {
      requestId: cellAt(row.raw, mapping.requestId).trim(),
      description: cellAt(row.raw, mapping.description),
      controls: cellAt(row.raw, mapping.controlRefs).trim(),
      dueDate: cellAt(row.raw, mapping.dueDate).trim(),
    };
  }
  const { request } = row;
  return { requestId: request.requestId, description: request.description, controls: request.controlRefs.join(', '), dueDate: request.dueDate ?? '' };
}

export function ImportPreviewTable({ preview, mapping }: { readonly preview: ImportPreview; readonly mapping: ColumnMapping<RequestField> }): React.JSX.Element {
  const { rows } = preview;
  const problems = rows.filter((row) => row.kind !== 'new' || row.warnings.length > 0);
  // Under the cap, the file in its own order; over it, every problem first, then as many ready rows as fit.
  const shown =
    rows.length <= MAX_SHOWN
      ? rows
      : [...problems.slice(0, MAX_SHOWN), ...rows.filter((row) => row.kind === 'new' && row.warnings.length === 0)].slice(0, MAX_SHOWN).sort((a, b) => a.line - b.line);

  return (
    <div className="request-preview">
      <div className="table-scroll">
        <table className="request-table request-preview-table" aria-label="Preview of the file's rows">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Request ID</th>
              <th scope="col">Description</th>
              <th scope="col">Control refs</th>
              <th scope="col">Due date</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const cells = cellsOf(row, mapping);
              return (
                <tr key={row.line} className={`preview-row preview-row-${row.kind}`}>
                  <td className="preview-line">{row.line}</td>
                  <th scope="row" className="request-id">
                    {cells.requestId === '' ? <span className="muted">—</span> : visibleName(cells.requestId)}
                  </th>
                  <td className="request-description">
                    <div className="preview-clamp">{visibleText(cells.description)}</div>
                  </td>
                  <td className="preview-refs">{visibleName(cells.controls)}</td>
                  <td className="request-due">{visibleName(cells.dueDate)}</td>
                  <td className="preview-result">
                    {row.kind === 'new' && <span className="preview-verdict preview-verdict-ok">Ready to import</span>}
                    {row.kind === 'existing' && <span className="preview-verdict preview-verdict-skip">Already in the list: skipped</span>}
                    {row.kind === 'error' && (
                      <>
                        <span className="preview-verdict preview-verdict-error">Not imported</span>
                        <ul className="preview-messages">
                          {row.errors.map((message) => (
                            <li key={message}>
                              Line {row.line}: {message}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                    {row.warnings.length > 0 && (
                      <ul className="preview-messages preview-warnings">
                        {row.warnings.map((message) => (
                          <li key={message}>{message}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown.length < rows.length && (
        <p className="muted">
          Showing {plural(shown.length, 'row')} of {rows.length.toLocaleString('en-US')}: every row with a problem, then the first rows ready to import.
        </p>
      )}
    </div>
  );
}
