import type { ColumnMapping } from '../../../shared/csv/mapping';
import { REQUEST_FIELDS, type RequestField } from '../../../shared/csv/requestsCsv';
import { visibleName } from '../../../shared/files/visibleName';
import { REQUEST_FIELD_LABELS } from '../../../shared/requests/importPreview';
import { Field } from '../../components/Field';

const NOT_IN_FILE = '';

/** Which column of the file holds each field: one select per field, listing the file's headers. */
export function ColumnMappingForm({
  headers,
  sample,
  mapping,
  onChange,
}: {
  readonly headers: readonly string[];
  /** The first data row, to show what each chosen column holds. */
  readonly sample: readonly string[] | undefined;
  readonly mapping: ColumnMapping<RequestField>;
  readonly onChange: (mapping: ColumnMapping<RequestField>) => void;
}): React.JSX.Element {
  const usedBy = (column: number, field: RequestField): RequestField | undefined =>
    REQUEST_FIELDS.find((other) => other !== field && mapping[other] === column);

  return (
    <fieldset className="request-mapping">
      <legend>Columns</legend>
      <p className="muted">
        The file names its columns differently from Request ID, Description, Control refs and Due date. Check which column holds each field;
        the preview below follows your choice.
      </p>
      <div className="request-mapping-fields">
        {REQUEST_FIELDS.map((field) => {
          const column = mapping[field];
          const clash = column === null ? undefined : usedBy(column, field);
          const example = column === null ? '' : (sample?.[column] ?? '').trim();
          return (
            <Field key={field} label={REQUEST_FIELD_LABELS[field]} error={clash ? `Also chosen for ${REQUEST_FIELD_LABELS[clash]}.` : undefined}>
              {(props) => (
                <>
                  <select
                    {...props}
                    value={column === null ? NOT_IN_FILE : String(column)}
                    onChange={(e) => onChange({ ...mapping, [field]: e.target.value === NOT_IN_FILE ? null : Number(e.target.value) })}
                  >
                    <option value={NOT_IN_FILE}>— not in file —</option>
                    {headers.map((header, index) => (
                      <option key={index} value={String(index)}>
                        {header === '' ? `Column ${index + 1} (no header)` : visibleName(header)}
                      </option>
                    ))}
                  </select>
                  <span className="request-mapping-sample muted">{example === '' ? '\u00a0' : `e.g. ${visibleName(example.slice(0, 40))}`}</span>
                </>
              )}
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
