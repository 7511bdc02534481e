/** What the control import screen decides before showing a plan (see shared/csv/controlsCsv.ts). */
import { CONTROL_FIELDS, type ControlField } from '../csv/controlsCsv';
import { normalizeHeader, type ColumnMapping } from '../csv/mapping';

/** A control list is a few hundred rows; 20 MB is far beyond that and still quick to read. */
export const MAX_CONTROL_CSV_BYTES = 20 * 1024 * 1024;

export const CONTROL_FIELD_LABELS: Readonly<Record<ControlField, string>> = {
  ref: 'Ref',
  title: 'Title',
  description: 'Description',
  owner: 'Owner',
  frequency: 'Frequency',
  criteria: 'Criteria',
};

/** Fields every row needs; description and owner may be left out of a file. */
export const REQUIRED_CONTROL_FIELDS: ReadonlySet<ControlField> = new Set<ControlField>(['ref', 'title', 'frequency', 'criteria']);

/**
 * Whether the user should look at the column mapping before the preview: yes unless every field
 * was found under its own name (as in a file this app exported). A guess from a synonym
 * ('Control ID' taken as Ref) is shown, so that a wrong guess is caught before importing.
 */
export function needsMappingReview(headers: readonly string[], mapping: ColumnMapping<ControlField>): boolean {
  return CONTROL_FIELDS.some((field) => {
    const column = mapping[field];
    if (column === null) return true;
    return normalizeHeader(headers[column] ?? '') !== normalizeHeader(CONTROL_FIELD_LABELS[field]);
  });
}

/** The fields mapped to the same column as another field: each column can feed one field. */
export function mappingConflicts(mapping: ColumnMapping<ControlField>): ControlField[] {
  return CONTROL_FIELDS.filter((field) => {
    const column = mapping[field];
    return column !== null && CONTROL_FIELDS.some((other) => other !== field && mapping[other] === column);
  });
}
