import { CONTROL_FIELDS, type ControlField } from '../../../shared/csv/controlsCsv';
import type { ColumnMapping } from '../../../shared/csv/mapping';
import { visibleName } from '../../../shared/files/visibleName';
import { CONTROL_FIELD_LABELS, REQUIRED_CONTROL_FIELDS, mappingConflicts } from '../../../shared/scope/csvImport';
import { Field } from '../../components/Field';

const NOT_IN_FILE = '';

/** A select per control field listing the file's columns, to correct the guessed mapping. */
export function ColumnMappingForm({
  headers,
  mapping,
  onChange,
}: {
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping<ControlField>;
  readonly onChange: (mapping: ColumnMapping<ControlField>) => void;
}): React.JSX.Element {
  const conflicts = new Set(mappingConflicts(mapping));
  const errorOf = (field: ControlField): string | undefined => {
    if (conflicts.has(field)) return 'Another field reads this column too.';
    if (mapping[field] === null && REQUIRED_CONTROL_FIELDS.has(field)) return 'Required: every row needs it.';
    return undefined;
  };
  return (
    <fieldset className="scope-mapping">
      <legend>Columns</legend>
      <p className="muted scope-note">The file’s headers differ from this app’s. Check which column holds each field.</p>
      <div className="scope-mapping-grid">
        {CONTROL_FIELDS.map((field) => (
          <Field key={field} label={`${CONTROL_FIELD_LABELS[field]}${REQUIRED_CONTROL_FIELDS.has(field) ? '' : ' (optional)'}`} error={errorOf(field)}>
            {(props) => (
              <select
                {...props}
                value={mapping[field] === null ? NOT_IN_FILE : String(mapping[field])}
                onChange={(e) => onChange({ ...mapping, [field]: e.target.value === NOT_IN_FILE ? null : Number(e.target.value) })}
              >
                <option value={NOT_IN_FILE}>— not in file —</option>
                {headers.map((header, column) => (
                  <option key={column} value={String(column)}>
                    {header === '' ? `Column ${column + 1} (no header)` : visibleName(header)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
