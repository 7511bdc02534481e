/**
 * Importing a control list from CSV (plan only: the UI previews the plan and imports on confirm)
 * and exporting the control matrix.
 *
 * Cells are text and stay text: nothing here evaluates a cell, so '=1+1' is imported as those
 * four characters. Single-line fields (ref, title, owner, frequency, criteria) are trimmed;
 * the description is kept exactly as in the file, line breaks and leading tabs included.
 */
import { criterionById } from '../catalog/tsc';
import type { ControlRecord } from '../domain/records';
import { FREQUENCIES, type Frequency } from '../domain/types';
import { visibleName } from '../files/visibleName';
import { describeLookAlike, hiddenCharacterProblem, refKey, refLook } from '../scope/refs';
import { toCsv } from './csv';
import {
  type ColumnMapping,
  type CsvTable,
  cellAt,
  charLength,
  describeLines,
  extraCellsWarning,
  guessColumnMapping,
  indexesByKey,
  lineOf,
  normalizeHeader,
  quote,
} from './mapping';

export const CONTROL_FIELDS = ['ref', 'title', 'description', 'owner', 'frequency', 'criteria'] as const;
export type ControlField = (typeof CONTROL_FIELDS)[number];

export const MAX_CONTROL_REF_CHARS = 40;
export const MAX_CONTROL_TITLE_CHARS = 300;

/** Synonyms in order of preference: with both 'Control ID' and 'Control' present, 'Control ID' is the ref. */
const CONTROL_SYNONYMS: Readonly<Record<ControlField, readonly string[]>> = {
  ref: ['ref', 'control ref', 'control id', 'control #', 'control number', 'id'],
  title: ['title', 'control name', 'name', 'control'],
  description: ['description', 'control description', 'details', 'activity'],
  owner: ['owner', 'control owner', 'responsible'],
  frequency: ['frequency', 'cadence', 'periodicity'],
  criteria: ['criteria', 'tsc criteria', 'trust services criteria', 'soc 2 criteria', 'tsc', 'mapping'],
};

export function guessControlMapping(headers: readonly string[]): ColumnMapping<ControlField> {
  return guessColumnMapping(headers, CONTROL_FIELDS, CONTROL_SYNONYMS);
}

export interface ImportedControl {
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly frequency: Frequency;
  readonly criteria: string[];
}

/**
 * One data row of the file. line is the 1-based line of the file the row starts on (the header is
 * usually line 1; quoted line breaks are counted). warnings never block the import.
 */
export type ControlImportRow =
  | { readonly line: number; readonly ok: true; readonly control: ImportedControl; readonly warnings: string[] }
  | { readonly line: number; readonly ok: false; readonly errors: string[]; readonly raw: string[]; readonly warnings: string[] };

export interface ControlImportPlan {
  readonly rows: ControlImportRow[];
  /** Rows that can be imported. */
  readonly ok: number;
  /** Rows with at least one error (not the number of messages). */
  readonly errors: number;
}

/** Spellings of each frequency, compared after normalizeHeader (case, spaces and hyphens ignored). */
const FREQUENCY_ALIASES: ReadonlyMap<string, Frequency> = new Map<string, Frequency>(
  (
    [
      ...FREQUENCIES.map((f): [string, Frequency] => [f, f]),
      ['annually', 'annual'],
      ['yearly', 'annual'],
      ['quarter', 'quarterly'],
      ['semi-annually', 'semiannual'],
      ['biannual', 'semiannual'],
      ['biannually', 'semiannual'],
      ['per event', 'per-event'],
      ['event-driven', 'per-event'],
      ['as needed', 'per-event'],
      ['ad hoc', 'per-event'],
      ['ongoing', 'continuous'],
      ['automated', 'continuous'],
      ['one-time', 'once'],
    ] satisfies [string, Frequency][]
  ).map(([alias, f]): [string, Frequency] => [normalizeHeader(alias), f]),
);

/** Reads a frequency cell: canonical values and the aliases above, in any case. */
export function parseFrequency(cell: string): Frequency | null {
  return FREQUENCY_ALIASES.get(normalizeHeader(cell)) ?? null;
}

/** Criterion ids in a cell, split on commas, semicolons and whitespace, upper-cased, de-duplicated. */
export function splitCriteria(cell: string): string[] {
  const ids = cell
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .map((t) => t.toUpperCase());
  return [...new Set(ids)];
}

/**
 * Checks every row and says what would be imported. Imports nothing. Refs are unique without
 * regard to case, both within the file and against existingRefs (the audit's current controls),
 * and no two may look alike (UTS #39 skeletons, see shared/scope/refs.ts); a ref with an
 * invisible character is refused, naming it.
 */
export function planControlImport(
  parsed: CsvTable,
  mapping: ColumnMapping<ControlField>,
  existingRefs: ReadonlySet<string>,
): ControlImportPlan {
  const refs = parsed.rows.map((row) => cellAt(row, mapping.ref).trim());
  const rowsByRef = indexesByKey(refs.map(refKey));
  const rowsByLook = indexesByKey(refs.map(refLook));
  const existing = new Set([...existingRefs].map(refKey));
  const existingByLook = new Map([...existingRefs].map((r): [string, string] => [refLook(r), r]));
  const headerCount = parsed.headers.length;

  const rows = parsed.rows.map((row, index): ControlImportRow => {
    const line = lineOf(parsed, index);
    const errors: string[] = [];
    const warnings: string[] = [];
    const extra = extraCellsWarning(row, headerCount);
    if (extra !== null) warnings.push(extra);

    const ref = refs[index] ?? '';
    if (ref === '') {
      errors.push(mapping.ref === null ? 'Ref is missing: no column is mapped to Ref.' : 'Ref is missing.');
    } else {
      const length = charLength(ref);
      if (length > MAX_CONTROL_REF_CHARS) {
        errors.push(`Ref ${quote(ref)} is ${length} characters long; the limit is ${MAX_CONTROL_REF_CHARS}.`);
      }
      if (/[,;\r\n]/.test(ref)) {
        errors.push(`Ref ${quote(ref)} contains a comma, semicolon or line break, which separate refs in request lists.`);
      }
      const shown = quote(visibleName(ref));
      const hidden = hiddenCharacterProblem(ref);
      // A ref with a hidden character is refused for that alone: comparing it would only add
      // a second message about the same character.
      if (hidden !== null) errors.push(`Ref ${shown}: ${hidden}`);
      const others = (rowsByRef.get(refKey(ref)) ?? []).filter((i) => i !== index).map((i) => lineOf(parsed, i));
      if (others.length > 0) errors.push(`Ref ${shown} is also used on ${describeLines(others)} of this file.`);
      const existingAlike = existingByLook.get(refLook(ref));
      if (existing.has(refKey(ref))) errors.push(`Ref ${shown} already exists in this audit.`);
      else if (hidden === null && existingAlike !== undefined) {
        errors.push(`Ref ${shown} looks the same as ${quote(visibleName(existingAlike))}, already in this audit: ${describeLookAlike(ref, existingAlike)}.`);
      } else if (hidden === null) {
        const alike = (rowsByLook.get(refLook(ref)) ?? []).filter((i) => {
          const other = refs[i] ?? '';
          return i !== index && refKey(other) !== refKey(ref) && hiddenCharacterProblem(other) === null;
        });
        const first = alike[0];
        if (first !== undefined) {
          const otherRef = refs[first] ?? '';
          errors.push(
            `Ref ${shown} looks the same as ${quote(visibleName(otherRef))} on ${describeLines(alike.map((i) => lineOf(parsed, i)))}: ${describeLookAlike(ref, otherRef)}.`,
          );
        }
      }
    }

    const title = cellAt(row, mapping.title).trim();
    if (title === '') {
      errors.push(mapping.title === null ? 'Title is missing: no column is mapped to Title.' : 'Title is missing.');
    } else if (charLength(title) > MAX_CONTROL_TITLE_CHARS) {
      errors.push(`Title is ${charLength(title)} characters long; the limit is ${MAX_CONTROL_TITLE_CHARS}.`);
    }

    const frequencyCell = cellAt(row, mapping.frequency).trim();
    const frequency = parseFrequency(frequencyCell);
    if (frequencyCell === '') {
      errors.push('Frequency is missing.');
    } else if (frequency === null) {
      errors.push(`Frequency ${quote(frequencyCell)} is not recognized; use one of: ${FREQUENCIES.join(', ')}.`);
    }

    const criteria = splitCriteria(cellAt(row, mapping.criteria));
    if (criteria.length === 0) {
      errors.push('No criteria are given: a control must address at least one Trust Services Criterion, e.g. CC6.1.');
    }
    for (const id of criteria) {
      if (!criterionById(id)) errors.push(`Criterion ${quote(id)} is not a Trust Services Criterion.`);
    }

    if (errors.length > 0 || frequency === null) {
      return { line, ok: false, errors, raw: [...row], warnings };
    }
    const control: ImportedControl = {
      ref,
      title,
      description: cellAt(row, mapping.description),
      owner: cellAt(row, mapping.owner).trim(),
      frequency,
      criteria,
    };
    return { line, ok: true, control, warnings };
  });

  const ok = rows.filter((r) => r.ok).length;
  return { rows, ok, errors: rows.length - ok };
}

export const CONTROL_MATRIX_HEADERS = ['Ref', 'Title', 'Description', 'Owner', 'Frequency', 'Criteria', 'Status'] as const;

export type ExportedControl = Pick<ControlRecord, 'ref' | 'title' | 'description' | 'owner' | 'frequency' | 'criteria' | 'retired'>;

/**
 * The control matrix as CSV (see toCsv: BOM, CRLF, formula cells neutralized). Frequency is the
 * canonical value and criteria are joined with '; ', so the file re-imports with planControlImport
 * (the Status column is ignored there).
 */
export function controlsToCsv(controls: readonly ExportedControl[]): string {
  return toCsv(
    CONTROL_MATRIX_HEADERS,
    controls.map((c) => [c.ref, c.title, c.description, c.owner, c.frequency, c.criteria.join('; '), c.retired ? 'Retired' : 'Active']),
  );
}
