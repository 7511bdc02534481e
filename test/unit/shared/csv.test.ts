import { describe, it, expect } from 'vitest';
import {
  MAX_CSV_COLUMNS,
  MAX_CSV_FIELD_CHARS,
  MAX_CSV_ROWS,
  decodeCsvBytes,
  neutralizeFormula,
  parseCsv,
  toCsv,
} from '../../../shared/csv/csv';

/** The formula-looking cells of the OWASP CSV Injection guidance. */
const FORMULA_CELLS = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'];

function rowsOf(n: number): string {
  const lines = ['ref,title'];
  for (let i = 1; i <= n; i++) lines.push(`R-${i},Title ${i}`);
  return lines.join('\n');
}

describe('parseCsv', () => {
  it('strips a UTF-8 byte order mark so the first header is clean', () => {
    const parsed = parseCsv('\uFEFFref,title\nAC-01,Access');
    expect(parsed.headers).toEqual(['ref', 'title']);
    expect(parsed.rows).toEqual([['AC-01', 'Access']]);
  });

  it('detects a comma delimiter', () => {
    expect(parseCsv('a,b\n1,2').delimiter).toBe(',');
  });

  it('detects semicolons, as Excel writes in many European locales, even when values contain commas', () => {
    const parsed = parseCsv('ref;title;owner\nAC-01;Access, reviewed;Ann\nAC-02;Backups, daily;Bob\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.headers).toEqual(['ref', 'title', 'owner']);
    expect(parsed.rows).toEqual([
      ['AC-01', 'Access, reviewed', 'Ann'],
      ['AC-02', 'Backups, daily', 'Bob'],
    ]);
  });

  it('detects tabs', () => {
    const parsed = parseCsv('ref\ttitle\nAC-01\tAccess; reviewed, quarterly');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.rows).toEqual([['AC-01', 'Access; reviewed, quarterly']]);
  });

  it('reads quoted fields holding line breaks, doubled quotes and delimiters', () => {
    const parsed = parseCsv('ref,description\nAC-01,"Line one\nline two, with ""quotes"" and a comma"\nAC-02,plain');
    expect(parsed.rows).toEqual([
      ['AC-01', 'Line one\nline two, with "quotes" and a comma'],
      ['AC-02', 'plain'],
    ]);
  });

  it('reads CRLF files without leaving carriage returns in the cells', () => {
    const parsed = parseCsv('ref,title\r\nAC-01,Access\r\nAC-02,Backups\r\n');
    expect(parsed.rows).toEqual([
      ['AC-01', 'Access'],
      ['AC-02', 'Backups'],
    ]);
  });

  it('keeps a CRLF inside a quoted field of a CRLF file', () => {
    const parsed = parseCsv('ref,description\r\nAC-01,"a\r\nb"\r\n');
    expect(parsed.rows).toEqual([['AC-01', 'a\r\nb']]);
  });

  it('reads files with old Mac CR line ends, counting their lines', () => {
    const parsed = parseCsv('ref,title\rAC-01,Access\rAC-02,Backups');
    expect(parsed.rows).toEqual([
      ['AC-01', 'Access'],
      ['AC-02', 'Backups'],
    ]);
    expect(parsed.lines).toEqual([2, 3]);
  });

  it('skips empty lines and rows of empty cells, wherever they are', () => {
    const parsed = parseCsv('\n\nref,title\n\nAC-01,Access\n,\n  ,  \nAC-02,Backups\n\n');
    expect(parsed.headers).toEqual(['ref', 'title']);
    expect(parsed.rows).toEqual([
      ['AC-01', 'Access'],
      ['AC-02', 'Backups'],
    ]);
  });

  it('gives each row the file line it starts on, counting blank lines and quoted line breaks', () => {
    const parsed = parseCsv('\nref,description\nAC-01,"one\ntwo\nthree"\n\nAC-02,x\r\nAC-03,y');
    expect(parsed.headerLine).toBe(2);
    expect(parsed.lines).toEqual([3, 7, 8]);
  });

  it('trims header names but keeps data cells exactly as written', () => {
    const parsed = parseCsv('  ref  , Title\t\n  AC-01 , padded  ');
    expect(parsed.headers).toEqual(['ref', 'Title']);
    expect(parsed.rows).toEqual([['  AC-01 ', ' padded  ']]);
  });

  it('throws a clear error on an empty file', () => {
    expect(() => parseCsv('')).toThrow(/no header row/);
  });

  it('throws a clear error on a file of blank lines only', () => {
    expect(() => parseCsv('\uFEFF\r\n\r\n ,, \r\n')).toThrow(/no header row/);
  });

  it('returns no rows for a file with only a header', () => {
    const parsed = parseCsv('ref,title\r\n');
    expect(parsed.headers).toEqual(['ref', 'title']);
    expect(parsed.rows).toEqual([]);
  });

  it('returns ragged rows as they are, shorter or longer than the header', () => {
    expect(parseCsv('a,b,c\n1\n1,2,3,4').rows).toEqual([['1'], ['1', '2', '3', '4']]);
  });

  it('keeps formula-looking cells verbatim as text', () => {
    const text = `value\n${FORMULA_CELLS.map((c) => `"${c}"`).join('\n')}`;
    expect(parseCsv(text).rows).toEqual(FORMULA_CELLS.map((c) => [c]));
  });

  it('keeps markup as plain text', () => {
    expect(parseCsv('title\n<script>alert(1)</script>').rows).toEqual([['<script>alert(1)</script>']]);
  });

  it(`accepts exactly ${MAX_CSV_ROWS} data rows`, () => {
    expect(parseCsv(rowsOf(MAX_CSV_ROWS)).rows).toHaveLength(MAX_CSV_ROWS);
  });

  it(`throws a clear error naming the line on ${MAX_CSV_ROWS + 1} data rows`, () => {
    expect(() => parseCsv(rowsOf(MAX_CSV_ROWS + 1))).toThrow(`more than 50,000 data rows (line ${MAX_CSV_ROWS + 2} is one too many)`);
  });

  it('accepts a field of exactly the maximum length', () => {
    expect(parseCsv(`a,b\n1,${'x'.repeat(MAX_CSV_FIELD_CHARS)}`).rows[0]?.[1]).toHaveLength(MAX_CSV_FIELD_CHARS);
  });

  it('throws a clear error naming the line and column of a field over the maximum length', () => {
    expect(() => parseCsv(`a,b\n1,2\n1,"${'x'.repeat(MAX_CSV_FIELD_CHARS + 1)}"`)).toThrow(
      'Line 3, column 2: a field is longer than 100,000 characters.',
    );
  });

  it('throws a clear error on a long header field too', () => {
    expect(() => parseCsv(`${'h'.repeat(MAX_CSV_FIELD_CHARS + 1)},b\n1,2`)).toThrow(/Line 1, column 1/);
  });

  it('throws a clear error on a row with too many cells', () => {
    expect(() => parseCsv(`a,b\n${','.repeat(MAX_CSV_COLUMNS)}x`)).toThrow(`Line 2 has 1,001 cells; the limit is 1,000.`);
  });

  it('throws a clear error naming the line of a quoted field that is never closed', () => {
    expect(() => parseCsv('ref,title\nAC-01,ok\nAC-02,"never closed\nAC-03,lost')).toThrow(
      'Line 3: a quoted field is never closed',
    );
  });

  it('throws a clear error on text after a closing quote', () => {
    expect(() => parseCsv('ref,title\nAC-01,"Quarterly" review\n')).toThrow(/Line 2: a quoted field is malformed/);
  });

  it('refuses a binary file such as an xlsx workbook', () => {
    expect(() => parseCsv('PK\u0003\u0004\u0000\u0000ref,title')).toThrow(/not a CSV text file/);
  });
});

describe('decodeCsvBytes', () => {
  it('decodes UTF-8, multi-byte characters included, and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('ref,title\nA,Café ✓')]);
    expect(decodeCsvBytes(bytes)).toBe('ref,title\nA,Café ✓');
  });

  it('falls back to windows-1252 for bytes that are not UTF-8, as Excel on Windows writes', () => {
    expect(decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe('Café');
  });

  it('reads 0x80 as the euro sign of windows-1252, not a Latin-1 control character', () => {
    expect(decodeCsvBytes(new Uint8Array([0x80, 0x35]))).toBe('€5');
  });

  it('reads all of 0x80-0x9F by the windows-1252 table: curly quotes, dashes, ellipsis, trade mark', () => {
    const bytes = new Uint8Array([0x93, 0x71, 0x94, 0x20, 0x91, 0x92, 0x96, 0x97, 0x85, 0x99, 0x9f, 0x81]);
    expect(decodeCsvBytes(bytes)).toBe('\u201Cq\u201D \u2018\u2019\u2013\u2014\u2026\u2122\u0178\u0081');
  });

  it('keeps a file that declares UTF-8 with a BOM as UTF-8, marking the bad bytes', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe9]))).toBe('a\uFFFD');
  });

  it('decodes UTF-16LE with a BOM, as Excel saves "Unicode Text"', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0xe9, 0x00]);
    expect(decodeCsvBytes(bytes)).toBe('a\té');
  });

  it('decodes an empty file to an empty string', () => {
    expect(decodeCsvBytes(new Uint8Array([]))).toBe('');
  });
});

describe('neutralizeFormula', () => {
  for (const cell of FORMULA_CELLS) {
    it(`prefixes ${JSON.stringify(cell)} with a single quote`, () => {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    });
  }

  for (const cell of ['', 'AC-01', 'a=b', ' =1+1', "'=1+1", 'Quarterly review', '5-2']) {
    it(`leaves ${JSON.stringify(cell)} unchanged, as only the first character counts`, () => {
      expect(neutralizeFormula(cell)).toBe(cell);
    });
  }
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends records with CRLF', () => {
    expect(toCsv(['Ref', 'Title'], [['AC-01', 'Access'], ['AC-02', 'Backups']])).toBe(
      '\uFEFFRef,Title\r\nAC-01,Access\r\nAC-02,Backups',
    );
  });

  it('quotes only the cells that need it and doubles embedded quotes', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['x, y', 'say "hi"', 'two\nlines', 'plain']])).toBe(
      '\uFEFFa,b,c,d\r\n"x, y","say ""hi""","two\nlines",plain',
    );
  });

  it('neutralizes every formula-looking cell and quotes it', () => {
    const csv = toCsv(['v'], FORMULA_CELLS.map((c) => [c]));
    expect(csv).toBe(`\uFEFFv\r\n${FORMULA_CELLS.map((c) => `"'${c}"`).join('\r\n')}`);
  });

  it('neutralizes formula-looking headers too', () => {
    expect(toCsv(['=HYPERLINK("x")'], [])).toBe('\uFEFF"\'=HYPERLINK(""x"")"\r\n');
  });

  it('writes numbers as numbers, negative ones unneutralized, and null as an empty cell', () => {
    expect(toCsv(['n', 'm', 'z'], [[-5, 3.5, null]])).toBe('\uFEFFn,m,z\r\n-5,3.5,');
  });

  it('round-trips awkward text through parseCsv unchanged', () => {
    const cells = ['a, b', 'say "hi"', 'line\r\nbreak', '  spaced  ', 'Grüße ✓ 日本', 'semi;colon', 'tab\there', "'quoted"];
    const parsed = parseCsv(toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'], [cells]));
    expect(parsed.headers).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8']);
    expect(parsed.rows).toEqual([cells]);
  });

  it('is one-way for formula cells: a neutralized cell re-imports with its leading quote', () => {
    const parsed = parseCsv(toCsv(['v'], FORMULA_CELLS.map((c) => [c])));
    expect(parsed.rows).toEqual(FORMULA_CELLS.map((c) => [`'${c}`]));
  });

  it('round-trips 10,000 rows', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`R-${i}`, `Title ${i}, with "quotes"\nand a line break`]);
    const parsed = parseCsv(toCsv(['ref', 'title'], rows));
    expect(parsed.rows).toEqual(rows);
    expect(parsed.lines[9_999]).toBe(2 + 2 * 9_999);
  });
});
