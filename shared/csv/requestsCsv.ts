/**
 * Importing the auditor's request list (the "PBC list": items Provided By Client) from CSV.
 * Plan only: the UI previews the plan and imports on confirm. Cells stay text, never evaluated.
 * Request id, control refs and due date are trimmed; the description is kept as in the file.
 */
import { visibleName } from '../files/visibleName';
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
import { refKey, refLook } from '../scope/refs';

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

/**
 * How a date written with slashes or dashes and the year last is read: US Excel writes
 * month/day/year, most of the world day/month/year. The file cannot say which, so the user picks
 * (with guessDateOrder's guess shown); a date that is impossible in the chosen order is an error,
 * never silently swapped.
 */
export const DATE_ORDERS = ['mdy', 'dmy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const DATE_ORDER_LABELS: Readonly<Record<DateOrder, string>> = {
  mdy: 'Month/day/year (03/31/2026, US)',
  dmy: 'Day/month/year (31/03/2026)',
};

const DATE_FORMATS: Readonly<Record<DateOrder, string>> = {
  mdy: 'YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an ISO date-time',
  dmy: 'YYYY-MM-DD, D/M/YYYY, D.M.YYYY or an ISO date-time',
};

const YEAR_LAST = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/**
 * Reads a due date: 'YYYY-MM-DD'; 'M/D/YYYY' or 'D/M/YYYY' (and the same with dashes), as `order`
 * says; 'D.M.YYYY' (dots are only ever day-first); or an ISO date-time such as
 * '2026-03-31T17:00:00Z', whose calendar date is taken as written (a due date is a day on the
 * writer's calendar, not an instant to convert). Impossible dates are rejected.
 */
export function parseDueDate(cell: string, order: DateOrder = 'mdy'): DueDateResult {
  const value = cell.trim();
  let parts: [string, string, string] | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  m = parts ? null : YEAR_LAST.exec(value);
  if (m) parts = order === 'mdy' ? [m[3] ?? '', m[1] ?? '', m[2] ?? ''] : [m[3] ?? '', m[2] ?? '', m[1] ?? ''];
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
    return { ok: false, error: `Due date ${quote(value)} is not a date in a recognized format (${DATE_FORMATS[order]}).` };
  }
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const hint = YEAR_LAST.test(value) ? ` Dates like this are read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}: change the date format if the file uses the other order.` : '';
    return { ok: false, error: `Due date ${quote(value)} is not a real calendar date.${hint}` };
  }
  return { ok: true, date: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` };
}

export interface DateOrderGuess {
  readonly order: DateOrder;
  /** Why: the first date that only one order can read, or null when every date reads both ways. */
  readonly because: { readonly line: number; readonly value: string } | null;
  /** Dates that only the other order can read: the file mixes both, and some rows will fail. */
  readonly conflicts: number;
  /** Dates written day and month first, year last: when 0, the order does not matter. */
  readonly yearLast: number;
}

/**
 * Which order a file's year-last dates are in, from the dates themselves: '31/12/2026' can only
 * be day-first, '12/31/2026' only month-first. With no such date either reads; month-first is
 * kept then (US Excel's export, and what the app read before the choice existed).
 */
export function guessDateOrder(parsed: CsvTable, column: number | null): DateOrderGuess {
  const first: Partial<Record<DateOrder, { line: number; value: string }>> = {};
  const counts: Record<DateOrder, number> = { mdy: 0, dmy: 0 };
  let yearLast = 0;
  for (const [index, row] of parsed.rows.entries()) {
    const value = cellAt(row, column).trim();
    const m = YEAR_LAST.exec(value);
    if (!m) continue;
    yearLast += 1;
    const [a, b] = [Number(m[1]), Number(m[2])];
    const only: DateOrder | null = a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null;
    if (only === null) continue;
    counts[only] += 1;
    first[only] ??= { line: lineOf(parsed, index), value };
  }
  const order: DateOrder = counts.dmy > counts.mdy ? 'dmy' : 'mdy';
  return { order, because: first[order] ?? null, conflicts: counts[order === 'mdy' ? 'dmy' : 'mdy'], yearLast };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

interface KnownRefs {
  readonly byKey: ReadonlyMap<string, string>;
  /** By UTS #39 skeleton: the audit's refs cannot look alike (shared/scope/refs.ts), so one each. */
  readonly byLook: ReadonlyMap<string, string>;
}

/**
 * Splits a control-refs cell on commas, semicolons and line breaks. A piece that is not a known ref
 * but whose space-separated words all are ('AC-01 AC-02') is taken as those refs; otherwise it is
 * reported whole, so a ref that itself contains a space still matches. A piece that only looks like
 * a ref (a non-breaking hyphen from a word processor, a Cyrillic letter) is linked, and reported.
 */
function resolveControlRefs(cell: string, known: KnownRefs): { refs: string[]; unknown: string[]; lookAlikes: [string, string][] } {
  const refs: string[] = [];
  const unknown: string[] = [];
  const lookAlikes: [string, string][] = [];
  const find = (text: string): string | undefined => known.byKey.get(refKey(text));
  for (const piece of cell.split(/[,;\r\n]+/).map((p) => p.trim()).filter((p) => p !== '')) {
    const exact = find(piece);
    if (exact !== undefined) {
      refs.push(exact);
      continue;
    }
    const words = piece.split(/\s+/).map(find);
    if (words.length > 1 && words.every((w) => w !== undefined)) {
      refs.push(...words.filter((w) => w !== undefined));
      continue;
    }
    const alike = known.byLook.get(refLook(piece));
    if (alike !== undefined) {
      refs.push(alike);
      lookAlikes.push([piece, alike]);
    } else unknown.push(piece);
  }
  return { refs: [...new Set(refs)], unknown: [...new Set(unknown)], lookAlikes };
}

/**
 * Checks every row of a request list against the audit's control refs. Imports nothing. Request
 * ids are unique within the file without regard to case. A control ref that matches no control
 * does not lose the row (issue #13): the request is kept, linked to the refs that do match (or
 * unlinked, for the request list's triage), with a warning naming the refs left out. Year-last
 * dates are read in `dateOrder` (see guessDateOrder).
 */
export function planRequestImport(
  parsed: CsvTable,
  mapping: ColumnMapping<RequestField>,
  knownControlRefs: ReadonlySet<string>,
  dateOrder: DateOrder = 'mdy',
): RequestImportPlan {
  const ids = parsed.rows.map((row) => cellAt(row, mapping.requestId).trim());
  const rowsById = indexesByKey(ids.map(refKey));
  const known: KnownRefs = {
    byKey: new Map([...knownControlRefs].map((r): [string, string] => [refKey(r), r])),
    byLook: new Map([...knownControlRefs].map((r): [string, string] => [refLook(r), r])),
  };
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

    const { refs, unknown, lookAlikes } = resolveControlRefs(cellAt(row, mapping.controlRefs), known);
    if (unknown.length > 0) {
      const names = unknown.map((r) => quote(visibleName(r))).join(', ');
      warnings.push(
        `${unknown.length === 1 ? 'Control ref' : 'Control refs'} ${names} ${unknown.length === 1 ? 'matches' : 'match'} no control in this audit: ${
          refs.length === 0 ? 'the request is imported unlinked' : 'the request is imported without that link'
        }; link it on the request list.`,
      );
    }
    for (const [piece, ref] of lookAlikes) {
      warnings.push(`Control ref ${quote(visibleName(piece))} is not spelled like any control, but looks like ${quote(ref)}: linked to ${quote(ref)}.`);
    }

    const dueCell = cellAt(row, mapping.dueDate).trim();
    let dueDate: string | null = null;
    if (dueCell !== '') {
      const parsedDate = parseDueDate(dueCell, dateOrder);
      if (parsedDate.ok) dueDate = parsedDate.date;
      else errors.push(parsedDate.error);
    }

    if (errors.length > 0) return { line, ok: false, errors, raw: [...row], warnings };
    return { line, ok: true, request: { requestId, description, controlRefs: refs, dueDate }, warnings };
  });

  const ok = rows.filter((r) => r.ok).length;
  return { rows, ok, errors: rows.length - ok };
}
