/**
 * CSV reading and writing for imports (control lists, auditors' request lists) and exports
 * (the control matrix). Pure: runs in main and renderer. Parsing and quoting are Papa Parse's
 * (RFC 4180); this module adds the limits, line numbers and formula neutralization around it.
 */
import Papa from 'papaparse';

/** Data rows (the header excluded) a file may hold; a control or request list is far smaller. */
export const MAX_CSV_ROWS = 50_000;
/** Characters one field may hold. */
export const MAX_CSV_FIELD_CHARS = 100_000;
/** Cells one row may hold: a line of a million commas must fail, not allocate. */
export const MAX_CSV_COLUMNS = 1_000;
/** The delimiters auto-detected. Excel writes ';' where ',' is the decimal separator (much of Europe). */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;

export interface ParsedCsv {
  /** The header cells, trimmed. */
  readonly headers: string[];
  /** Data rows exactly as in the file (cells untrimmed; rows may be shorter or longer than headers). */
  readonly rows: string[][];
  readonly delimiter: string;
  /** The 1-based line of the file on which the header row starts. */
  readonly headerLine: number;
  /** lines[i] is the 1-based line of the file on which rows[i] starts (quoted line breaks counted). */
  readonly lines: number[];
}

/**
 * Parses CSV text. Strips a UTF-8 BOM, detects ',' ';' or tab from the first rows, accepts CRLF,
 * LF or CR line ends, and skips blank rows: rows whose cells are all empty or whitespace (Excel
 * writes ',,,' for a row that once held formatting). The first non-blank row is the header.
 *
 * Throws an Error naming the line on: no header row, more than MAX_CSV_ROWS data rows, a field
 * over MAX_CSV_FIELD_CHARS, a row over MAX_CSV_COLUMNS cells, a malformed or unclosed quoted
 * field (which would otherwise swallow the rest of the file into one cell), or NUL characters
 * (a binary file such as an .xlsx workbook).
 */
export function parseCsv(text: string): ParsedCsv {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.includes('\u0000')) {
    throw new Error('This is not a CSV text file (it contains NUL bytes). If it is an Excel workbook, save it as "CSV UTF-8" first.');
  }

  // Pass 1 only sniffs: Papa guesses the delimiter from the first 10 non-blank rows and the
  // line break from the text outside quotes. Pass 2 must not skip blank lines itself, or the
  // line numbers computed from its cursor would drift.
  const sniff = Papa.parse<string[]>(input, {
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: 'greedy',
    preview: 1,
  });
  const delimiter = sniff.meta.delimiter;
  const newline = sniff.meta.linebreak;

  const state: { failure: string | null; headers: string[] | null; headerLine: number } = {
    failure: null,
    headers: null,
    headerLine: 0,
  };
  const rows: string[][] = [];
  const lines: number[] = [];
  let rowStart = 0;
  let counted = 0;
  let line = 1;

  Papa.parse<string[]>(input, {
    delimiter,
    newline: newline === '\r\n' || newline === '\r' ? newline : '\n',
    skipEmptyLines: false,
    step: (result, parser) => {
      const cells = result.data;
      // meta.cursor is the offset just past this row (and its line break): the next row starts there.
      const start = rowStart;
      rowStart = result.meta.cursor;
      line += countLineBreaks(input, counted, start);
      counted = start;

      const problem = rowProblem(result.errors, cells, line);
      if (problem !== null) {
        state.failure = problem;
        parser.abort();
        return;
      }
      if (cells.every((c) => c.trim() === '')) return;
      if (state.headers === null) {
        state.headers = cells.map((h) => h.trim());
        state.headerLine = line;
        return;
      }
      if (rows.length >= MAX_CSV_ROWS) {
        state.failure = `The file has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} data rows (line ${line} is one too many). Split it into smaller files.`;
        parser.abort();
        return;
      }
      rows.push(cells);
      lines.push(line);
    },
  });

  if (state.failure !== null) throw new Error(state.failure);
  if (state.headers === null) throw new Error('The file has no header row: it is empty or holds only blank lines.');
  return { headers: state.headers, rows, delimiter, headerLine: state.headerLine, lines };
}

function rowProblem(errors: readonly Papa.ParseError[], cells: readonly string[], line: number): string | null {
  const quoteError = errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    return quoteError.code === 'MissingQuotes'
      ? `Line ${line}: a quoted field is never closed (a closing " is missing).`
      : `Line ${line}: a quoted field is malformed (text follows its closing "; write a quote inside a quoted field as "").`;
  }
  if (cells.length > MAX_CSV_COLUMNS) {
    return `Line ${line} has ${cells.length.toLocaleString('en-US')} cells; the limit is ${MAX_CSV_COLUMNS.toLocaleString('en-US')}.`;
  }
  const long = cells.findIndex((c) => c.length > MAX_CSV_FIELD_CHARS);
  if (long !== -1) {
    return `Line ${line}, column ${long + 1}: a field is longer than ${MAX_CSV_FIELD_CHARS.toLocaleString('en-US')} characters.`;
  }
  return null;
}

/** Line breaks (CRLF, LF or a lone CR, as an editor counts them) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) n++;
  }
  return n;
}

/** WHATWG index-windows-1252 for bytes 0x80-0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1 controls). */
const WINDOWS_1252_C1: readonly string[] = Array.from(
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
    '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178',
);

/**
 * Decodes the bytes of a CSV file. UTF-8 is tried first with fatal:true, so that a file that is
 * not UTF-8 is detected rather than decoded into U+FFFD replacement characters. On failure the
 * bytes are read as windows-1252: "Save as CSV" in Excel on Windows writes the ANSI code page,
 * which for English and Western European locales is windows-1252 (a lone 0xE9 is 'é', 0x80 '€',
 * 0x93/0x94 curly quotes). Text that happens to be valid UTF-8 is almost never meant as
 * windows-1252, so trying UTF-8 first is safe.
 *
 * Also: a UTF-16 BOM (Excel's "Unicode Text" save) decodes as UTF-16; a file that declares UTF-8
 * with its BOM but holds invalid sequences stays UTF-8, with U+FFFD for the bad bytes.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: fall through.
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  // Node 20.18.3+ and 22.13+ decode 'windows-1252' as Latin-1, giving C1 controls for 0x80-0x9F
  // (nodejs/node#56542, #60888); browsers follow the WHATWG table. Remapping makes both agree:
  // on a correct decoder it changes nothing, as the table's own C1 results map to themselves.
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** OWASP "CSV Injection": the characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralizes a cell a spreadsheet would run as a formula (OWASP CSV Injection guidance): a cell
 * whose FIRST character is '=', '+', '-', '@', tab or carriage return gets a leading "'", which
 * Excel and LibreOffice take as "this is text". Only the first character is checked, as OWASP
 * says: " =1+1" (leading space) is text to Excel already. One-way: a neutralized cell re-imports
 * with its quote, since an importer cannot tell it from text that really began with "'".
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Writes CSV: RFC 4180 quoting by Papa Parse (only where needed, plus every neutralized cell, as
 * OWASP advises), CRLF line ends, a UTF-8 BOM so that Excel reads the file as UTF-8 rather than
 * the ANSI code page. Every string cell, headers included, goes through neutralizeFormula; numbers
 * are written as numbers (a -5 stays a number) and null as an empty cell.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const body = Papa.unparse<string[]>(
    { fields: headers.map(exportCell), data: rows.map((row) => row.map(exportCell)) },
    {
      delimiter: ',',
      newline: '\r\n',
      quotes: (value: unknown): boolean => typeof value === 'string' && value.startsWith("'"),
      escapeFormulae: false,
    },
  );
  return `\uFEFF${body}`;
}

function exportCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return neutralizeFormula(value);
}
