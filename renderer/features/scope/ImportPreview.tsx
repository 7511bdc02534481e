import { useState } from 'react';
import type { ControlField, ControlImportPlan } from '../../../shared/csv/controlsCsv';
import { cellAt, type ColumnMapping } from '../../../shared/csv/mapping';
import { visibleName } from '../../../shared/files/visibleName';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';

/** Cells wider than this are cut in the preview; the import takes them whole. */
const PREVIEW_CHARS = 80;

function shown(value: string): string {
  const chars = Array.from(visibleName(value));
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : chars.join('');
}

/** Every row of the file as it would be imported, or why it would not be. */
export function ImportPreview({ plan, mapping }: { readonly plan: ControlImportPlan; readonly mapping: ColumnMapping<ControlField> }): React.JSX.Element {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = errorsOnly ? plan.rows.filter((r) => !r.ok) : plan.rows;
  return (
    <div className="scope-preview">
      <div className="scope-preview-head">
        <p>
          <strong>{plan.rows.length}</strong> row{plan.rows.length === 1 ? '' : 's'}: <span className="scope-ok-text">{plan.ok} ready</span>,{' '}
          <span className={plan.errors > 0 ? 'scope-error-text' : undefined}>
            {plan.errors} with errors
          </span>
        </p>
        {plan.errors > 0 && (
          <label className="scope-toggle">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
            Only rows with errors
          </label>
        )}
      </div>
      {/* Scrolls both ways: focusable, so the keyboard can scroll it too (axe scrollable-region-focusable). */}
      <div className="scope-preview-scroll" tabIndex={0} role="region" aria-label="Rows of the file">
        <table className="scope-table scope-preview-table" aria-label="Import preview">
          <thead>
            <tr>
              <th scope="col" className="scope-num">
                Line
              </th>
              <th scope="col">Result</th>
              <th scope="col">Ref</th>
              <th scope="col">Title</th>
              <th scope="col">Frequency</th>
              <th scope="col">Criteria</th>
              <th scope="col">Messages</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line} className={row.ok ? undefined : 'scope-preview-bad'}>
                <td className="scope-num">{row.line}</td>
                <td>
                  <span className={`scope-status ${row.ok ? 'scope-status-in' : 'scope-status-error'}`}>{row.ok ? 'OK' : 'Error'}</span>
                </td>
                {row.ok ? (
                  <>
                    <td className="scope-ref">{shown(row.control.ref)}</td>
                    <td>{shown(row.control.title)}</td>
                    <td>{FREQUENCY_LABELS[row.control.frequency]}</td>
                    <td>{row.control.criteria.join(', ')}</td>
                  </>
                ) : (
                  <>
                    <td className="scope-ref">{shown(cellAt(row.raw, mapping.ref).trim())}</td>
                    <td>{shown(cellAt(row.raw, mapping.title).trim())}</td>
                    <td>{shown(cellAt(row.raw, mapping.frequency).trim())}</td>
                    <td>{shown(cellAt(row.raw, mapping.criteria).trim())}</td>
                  </>
                )}
                <td className="scope-messages">
                  {!row.ok && (
                    <ul>
                      {row.errors.map((message, i) => (
                        <li key={i} className="scope-error-text">
                          Line {row.line}: {message}
                        </li>
                      ))}
                    </ul>
                  )}
                  {row.warnings.length > 0 && (
                    <ul>
                      {row.warnings.map((message, i) => (
                        <li key={i} className="scope-warn-text">
                          Line {row.line}: {message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
