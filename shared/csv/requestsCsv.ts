/**
 * Importing the auditor's request list (the "PBC list": items Provided By Client) from CSV.
 * Plan only: the UI previews the plan and imports on confirm. Cells stay text, never evaluated.
 * Request id, control refs and due date are trimmed; the description is kept as in the file.
 */
import {
  type ColumnMapping,
  type CsvTable,
  cellAt,
  describeLines,
  extraCellsWarning,
  guessColumnMapping,
  indexesByKey,
  lineOf,
  quote,
} from './mapping';

export const REQUEST_FIELDS = ['requestId', 'description', 'controlRefs', 'dueDate'] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

const REQUEST_SYNONYMS: Readonly<Record<RequestField, readonly string[]>> = {
  requestId: ['request id', 'pbc #', 'request #', 'id', 'ref'],
  description: ['description', 'request description', 'request', 'item'],
  controlRefs: ['control refs', 'control ids', 'related controls', 'controls', 'control'],
  dueDate: ['due date', 'date due', 'due', 'deadline'],
};

export function guessRequestMapping(headers: readonly string[]): ColumnMapping<RequestField> {
  return guessColumnMapping(headers, REQUEST_FIELDS, REQUEST_SYNONYMS);
}

export interface ImportedRequest {
  readonly requestId: string;
  readonly description: string;
  /** Refs as the audit spells them (matched without regard to case), de-duplicated. */
  readonly controlRefs: string[];
  /** 'YYYY-MM-DD', or null when the cell is empty. */
  readonly dueDate: string | null;
}

export type RequestImportRow =
  | { readonly line: number; readonly ok: true; readonly request: ImportedRequest; readonly warnings: string[] }
  | { readonly line: number; readonly ok: false; readonly errors: string[]; readonly raw: string[]; readonly warnings: string[] };

export interface RequestImportPlan {
  readonly rows: RequestImportRow[];
  readonly ok: number;
  /** Rows with at least one error. */
  readonly errors: number;
}

export type DueDateResult = { readonly ok: true; readonly date: string } | { readonly ok: false; readonly error: string };

const DATE_FORMATS = 'YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an ISO date-time';

/**
 * Reads a due date: 'YYYY-MM-DD'; 'M/D/YYYY' (US order, what US Excel exports; a day-first
 * '31/03/2026' is rejected as month 31, never silently swapped); 'D.M.YYYY' (European); or an ISO
 * date-time such as '2026-03-31T17:00:00Z', whose calendar date is taken as written (a due date is
 * a day on the writer's calendar, not an instant to convert). Impossible dates are rejected.
 */
export function parseDueDate(cell: string): DueDateResult {
  const value = cell.trim();
  let parts: [string, string, string] | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  m = parts ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) parts = [m[3] ?? '', m[1] ?? '', m[2] ?? ''];
  m = parts ? null : /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (m) parts = [m[3] ?? '', m[2] ?? '', m[1] ?? ''];
  m = parts ? null : /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(value);
  if (m) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
      return { ok: false, error: `Due date ${quote(value)} has an impossible time of day.` };
    }
    parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  }
  if (!parts) {
    return { ok: false, error: `Due date ${quote(value)} is not a date in a recognized format (${DATE_FORMATS}).` };
  }
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const hint = value.includes('/') ? ' Dates with slashes are read as month/day/year.' : '';
    return { ok: false, error: `Due date ${quote(value)} is not a real calendar date.${hint}` };
  }
  return { ok: true, date: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Splits a control-refs cell on commas, semicolons and line breaks. A piece that is not a known ref
 * but whose space-separated words all are ('AC-01 AC-02') is taken as those refs; otherwise it is
 * reported whole, so a ref that itself contains a space still matches.
 */
function resolveControlRefs(cell: string, known: ReadonlyMap<string, string>): { refs: string[]; unknown: string[] } {
  const refs: string[] = [];
  const unknown: string[] = [];
  for (const piece of cell.split(/[,;\r\n]+/).map((p) => p.trim()).filter((p) => p !== '')) {
    const exact = known.get(refKey(piece));
    if (exact !== undefined) {
      refs.push(exact);
      continue;
    }
    const words = piece.split(/\s+/).map((w) => known.get(refKey(w)));
    if (words.length > 1 && words.every((w) => w !== undefined)) refs.push(...words.filter((w) => w !== undefined));
    else unknown.push(piece);
  }
  return { refs: [...new Set(refs)], unknown: [...new Set(unknown)] };
}

function refKey(ref: string): string {
  return ref.normalize('NFKC').toUpperCase();
}

/**
 * Checks every row of a request list against the audit's control refs. Imports nothing. Request
 * ids are unique within the file without regard to case. A control ref that matches no control
 * is an error: linking a request to a control that does not exist is a mistake to fix first.
 */
export function planRequestImport(
  parsed: CsvTable,
  mapping: ColumnMapping<RequestField>,
  knownControlRefs: ReadonlySet<string>,
): RequestImportPlan {
  const ids = parsed.rows.map((row) => cellAt(row, mapping.requestId).trim());
  const rowsById = indexesByKey(ids.map(refKey));
  const known = new Map([...knownControlRefs].map((r): [string, string] => [refKey(r), r]));
  const headerCount = parsed.headers.length;

  const rows = parsed.rows.map((row, index): RequestImportRow => {
    const line = lineOf(parsed, index);
    const errors: string[] = [];
    const warnings: string[] = [];
    const extra = extraCellsWarning(row, headerCount);
    if (extra !== null) warnings.push(extra);

    const requestId = ids[index] ?? '';
    if (requestId === '') {
      errors.push(mapping.requestId === null ? 'Request ID is missing: no column is mapped to Request ID.' : 'Request ID is missing.');
    } else {
      const others = (rowsById.get(refKey(requestId)) ?? []).filter((i) => i !== index).map((i) => lineOf(parsed, i));
      if (others.length > 0) errors.push(`Request ID ${quote(requestId)} is also used on ${describeLines(others)} of this file.`);
    }

    const description = cellAt(row, mapping.description);
    if (description.trim() === '') {
      errors.push(mapping.description === null ? 'Description is missing: no column is mapped to Description.' : 'Description is missing.');
    }

    const { refs, unknown } = resolveControlRefs(cellAt(row, mapping.controlRefs), known);
    for (const ref of unknown) errors.push(`Control ref ${quote(ref)} does not match any control in this audit.`);

    const dueCell = cellAt(row, mapping.dueDate).trim();
    let dueDate: string | null = null;
    if (dueCell !== '') {
      const parsedDate = parseDueDate(dueCell);
      if (parsedDate.ok) dueDate = parsedDate.date;
      else errors.push(parsedDate.error);
    }

    if (errors.length > 0) return { line, ok: false, errors, raw: [...row], warnings };
    return { line, ok: true, request: { requestId, description, controlRefs: refs, dueDate }, warnings };
  });

  const ok = rows.filter((r) => r.ok).length;
  return { rows, ok, errors: rows.length - ok };
}
