/**
 * Helpers shared by the CSV importers: guessing which column holds which field, reading a mapped
 * cell, and wording per-row messages.
 */

/** What the importers read: parseCsv's result, or a table built by hand (lines then default). */
export interface CsvTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** lines[i] is the 1-based file line of rows[i]; without it, row i is taken to be on line i + 2. */
  readonly lines?: readonly number[];
}

/** Which column (0-based) holds each field, or null when none does. */
export type ColumnMapping<F extends string> = Record<F, number | null>;

/**
 * Lower case, '#' read as "number" (so 'Control #' equals 'Control Number' and is not 'Control'),
 * everything that is not a letter or digit dropped: 'Control_ID', 'control id' and 'CONTROL-ID'
 * all become 'controlid'.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Assigns each field the header matching its best-ranked synonym (earlier in its list is better);
 * a header serves at most one field. Ties between fields go to the earlier field, between
 * headers to the leftmost column.
 */
export function guessColumnMapping<F extends string>(
  headers: readonly string[],
  fields: readonly F[],
  synonyms: Readonly<Record<F, readonly string[]>>,
): ColumnMapping<F> {
  const normalized = headers.map(normalizeHeader);
  const candidates: { field: F; fieldRank: number; column: number; rank: number }[] = [];
  fields.forEach((field, fieldRank) => {
    synonyms[field].forEach((synonym, rank) => {
      const wanted = normalizeHeader(synonym);
      normalized.forEach((h, column) => {
        if (h === wanted) candidates.push({ field, fieldRank, column, rank });
      });
    });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.fieldRank - b.fieldRank || a.column - b.column);

  const mapping = Object.fromEntries(fields.map((f) => [f, null])) as ColumnMapping<F>;
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || used.has(c.column)) continue;
    mapping[c.field] = c.column;
    used.add(c.column);
  }
  return mapping;
}

/** The cell of a mapped column; '' when the field is unmapped or the row is short. */
export function cellAt(row: readonly string[], column: number | null): string {
  if (column === null || column < 0) return '';
  return row[column] ?? '';
}

export function lineOf(table: CsvTable, index: number): number {
  return table.lines?.[index] ?? index + 2;
}

/** A warning when a row has non-empty cells beyond the header's columns; they are not imported. */
export function extraCellsWarning(row: readonly string[], headerCount: number): string | null {
  if (row.length <= headerCount || row.slice(headerCount).every((c) => c.trim() === '')) return null;
  return `This row has ${row.length} cells but the header has ${headerCount}; the extra cells were ignored.`;
}

/** A value quoted for a message: JSON escapes make tabs and line breaks visible; long values are cut. */
export function quote(value: string, max = 60): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : value);
}

/** 'line 3', 'lines 3 and 7', 'lines 3, 7 and 9'. */
export function describeLines(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** Length in characters as people count them (code points, so an emoji is one). */
export function charLength(value: string): number {
  return Array.from(value).length;
}

/** Groups the row indexes by key (rows with an empty key are left out). */
export function indexesByKey(keys: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key === '') return;
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  });
  return map;
}
