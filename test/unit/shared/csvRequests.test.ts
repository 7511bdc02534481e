import { describe, it, expect } from 'vitest';
import { parseCsv, toCsv } from '../../../shared/csv/csv';
import {
  REQUEST_FIELDS,
  type RequestField,
  type RequestImportPlan,
  type RequestImportRow,
  guessDateOrder,
  guessRequestMapping,
  parseDueDate,
  planRequestImport,
} from '../../../shared/csv/requestsCsv';

const HEADER = 'Request ID,Description,Control Refs,Due Date';
const KNOWN = ['AC-01', 'AC-02', 'OP-03', 'HR 1'];

function plan(text: string, known: readonly string[] = KNOWN): RequestImportPlan {
  const parsed = parseCsv(text);
  return planRequestImport(parsed, guessRequestMapping(parsed.headers), new Set(known));
}

function errorsOf(row: string): string[] {
  const result = plan(`${HEADER}\n${row}`);
  expect(result.rows).toHaveLength(1);
  const only = result.rows[0];
  if (!only || only.ok) throw new Error(`expected an error row, got ${JSON.stringify(only)}`);
  return only.errors;
}

function okRow(row: RequestImportRow | undefined): Extract<RequestImportRow, { ok: true }> {
  if (!row?.ok) throw new Error(`expected an ok row, got ${JSON.stringify(row)}`);
  return row;
}

describe('guessRequestMapping', () => {
  it('maps the plain field names to their columns', () => {
    expect(guessRequestMapping(['Request ID', 'Description', 'Control Refs', 'Due Date'])).toEqual({
      requestId: 0,
      description: 1,
      controlRefs: 2,
      dueDate: 3,
    });
  });

  const synonyms: [string, RequestField][] = [
    ['ID', 'requestId'],
    ['PBC #', 'requestId'],
    ['Request #', 'requestId'],
    ['Ref', 'requestId'],
    ['Request', 'description'],
    ['Request Description', 'description'],
    ['Item', 'description'],
    ['Controls', 'controlRefs'],
    ['Control', 'controlRefs'],
    ['Control IDs', 'controlRefs'],
    ['Related Controls', 'controlRefs'],
    ['Due', 'dueDate'],
    ['Deadline', 'dueDate'],
    ['Date Due', 'dueDate'],
  ];
  for (const [header, field] of synonyms) {
    it(`maps the header ${JSON.stringify(header)} to ${field}`, () => {
      expect(guessRequestMapping(['Notes', header])[field]).toBe(1);
    });
  }

  it('tells "Request #" (the id) from "Request" (the description) in an auditor\'s PBC export', () => {
    expect(guessRequestMapping(['Request #', 'Request', 'Related Controls', 'Due'])).toEqual({
      requestId: 0,
      description: 1,
      controlRefs: 2,
      dueDate: 3,
    });
  });

  it('ignores case, spacing and punctuation', () => {
    expect(guessRequestMapping(['pbc#', 'DUE_DATE', 'control-refs'])).toMatchObject({ requestId: 0, dueDate: 1, controlRefs: 2 });
  });
});

describe('parseDueDate', () => {
  const valid: [string, string][] = [
    ['2026-03-31', '2026-03-31'],
    ['2026-3-5', '2026-03-05'],
    ['3/31/2026', '2026-03-31'],
    ['03/05/2026', '2026-03-05'],
    ['31.03.2026', '2026-03-31'],
    ['5.3.2026', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2026-03-31T10:00:00Z', '2026-03-31'],
    ['2026-03-31T23:30:00.123-05:00', '2026-03-31'],
    ['2026-04-01T01:00+0530', '2026-04-01'],
    ['2026-03-31 00:00:00', '2026-03-31'],
    ['  2026-03-31  ', '2026-03-31'],
  ];
  for (const [cell, date] of valid) {
    it(`reads ${JSON.stringify(cell)} as ${date}`, () => {
      expect(parseDueDate(cell)).toEqual({ ok: true, date });
    });
  }

  const impossible = ['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2/30/2026', '30.02.2026', '31.04.2026'];
  for (const cell of impossible) {
    it(`rejects the impossible date ${JSON.stringify(cell)}`, () => {
      expect(parseDueDate(cell)).toEqual({ ok: false, error: expect.stringContaining(`Due date "${cell}" is not a real calendar date.`) as unknown });
    });
  }

  it('rejects a day-first date read month first, saying how it was read and what to change', () => {
    expect(parseDueDate('31/03/2026')).toEqual({
      ok: false,
      error: 'Due date "31/03/2026" is not a real calendar date. Dates like this are read as month/day/year: change the date format if the file uses the other order.',
    });
  });

  it('reads slash and dash dates day first when told to, and dots always day first', () => {
    expect(parseDueDate('31/03/2026', 'dmy')).toEqual({ ok: true, date: '2026-03-31' });
    expect(parseDueDate('04/03/2026', 'dmy')).toEqual({ ok: true, date: '2026-03-04' });
    expect(parseDueDate('04/03/2026', 'mdy')).toEqual({ ok: true, date: '2026-04-03' });
    expect(parseDueDate('31-03-2026', 'dmy')).toEqual({ ok: true, date: '2026-03-31' });
    expect(parseDueDate('04.03.2026', 'mdy')).toEqual({ ok: true, date: '2026-03-04' });
    expect(parseDueDate('2026-03-04', 'dmy')).toEqual({ ok: true, date: '2026-03-04' });
    expect(parseDueDate('03/31/2026', 'dmy')).toMatchObject({ ok: false, error: expect.stringContaining('read as day/month/year') as unknown });
  });

  it('rejects an impossible time of day in an ISO date-time', () => {
    expect(parseDueDate('2026-03-31T24:00:00Z')).toEqual({ ok: false, error: 'Due date "2026-03-31T24:00:00Z" has an impossible time of day.' });
  });

  for (const cell of ['next week', '03/31/26', '2026/03/31', 'March 31, 2026', '20260331', '=TODAY()']) {
    it(`rejects the unrecognized format ${JSON.stringify(cell)}, listing the accepted ones`, () => {
      expect(parseDueDate(cell)).toEqual({
        ok: false,
        error: `Due date ${JSON.stringify(cell)} is not a date in a recognized format (YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an ISO date-time).`,
      });
    });
  }
});

describe('guessDateOrder', () => {
  const guess = (dates: string[]) => {
    const parsed = parseCsv(`${HEADER}\n${dates.map((d, i) => `PBC-${i},Item,,${d}`).join('\n')}`);
    return guessDateOrder(parsed, guessRequestMapping(parsed.headers).dueDate);
  };

  it('guesses day first from a date only day-first can read, naming it', () => {
    expect(guess(['2026-01-15', '04/03/2026', '31/12/2026'])).toEqual({ order: 'dmy', because: { line: 4, value: '31/12/2026' }, conflicts: 0, yearLast: 2 });
  });

  it('guesses month first from a date only month-first can read', () => {
    expect(guess(['12/31/2026', '04/03/2026'])).toEqual({ order: 'mdy', because: { line: 2, value: '12/31/2026' }, conflicts: 0, yearLast: 2 });
  });

  it('keeps month first when every date reads both ways, saying nothing decided it', () => {
    expect(guess(['04/03/2026', '01/02/2026', '2026-05-01'])).toEqual({ order: 'mdy', because: null, conflicts: 0, yearLast: 2 });
  });

  it('follows the majority of a mixed file and counts the dates that will fail', () => {
    expect(guess(['31/12/2026', '30/11/2026', '12/31/2026'])).toEqual({ order: 'dmy', because: { line: 2, value: '31/12/2026' }, conflicts: 1, yearLast: 3 });
  });
});

describe('planRequestImport', () => {
  it('plans a valid row', () => {
    const result = plan(`${HEADER}\nPBC-1,"Provide the access review\nfor Q1","AC-01, AC-02",3/31/2026`);
    expect(result).toMatchObject({ ok: 1, errors: 0 });
    expect(okRow(result.rows[0])).toEqual({
      line: 2,
      ok: true,
      warnings: [],
      request: { requestId: 'PBC-1', description: 'Provide the access review\nfor Q1', controlRefs: ['AC-01', 'AC-02'], dueDate: '2026-03-31' },
    });
  });

  it('allows a request without control refs or due date', () => {
    expect(okRow(plan(`${HEADER}\nPBC-1,Org chart,,`).rows[0]).request).toEqual({
      requestId: 'PBC-1',
      description: 'Org chart',
      controlRefs: [],
      dueDate: null,
    });
  });

  it('splits control refs on commas, semicolons, line breaks and spaces, matching case-insensitively and de-duplicating', () => {
    const request = okRow(plan(`${HEADER}\nPBC-1,Item,"ac-01; AC-02\nop-03 AC-01, AC-02 AC-01",`).rows[0]).request;
    expect(request.controlRefs).toEqual(['AC-01', 'AC-02', 'OP-03']);
  });

  it('matches a known ref that itself contains a space', () => {
    expect(okRow(plan(`${HEADER}\nPBC-1,Item,"HR 1, AC-01",`).rows[0]).request.controlRefs).toEqual(['HR 1', 'AC-01']);
  });

  it('keeps a row whose control refs match no control, linked to those that do, and names the others', () => {
    const row = okRow(plan(`${HEADER}\nPBC-1,Item,"AC-01, ZZ-9; AC-77",`).rows[0]);
    expect(row.request.controlRefs).toEqual(['AC-01']);
    expect(row.warnings).toEqual(['Control refs "ZZ-9", "AC-77" match no control in this audit: the request is imported without that link; link it on the request list.']);
  });

  it('keeps a row none of whose refs match as an unlinked request, with a warning', () => {
    const row = okRow(plan(`${HEADER}\nPBC-3,Firewall rule review,ZZ-99,`).rows[0]);
    expect(row.request.controlRefs).toEqual([]);
    expect(row.warnings).toEqual(['Control ref "ZZ-99" matches no control in this audit: the request is imported unlinked; link it on the request list.']);
  });

  it('links a ref that only looks like a control (a non-breaking hyphen, a Cyrillic letter), saying so', () => {
    const row = okRow(plan(`${HEADER}\nPBC-1,Item,"AC\u201101; \u0410C-02",`).rows[0]);
    expect(row.request.controlRefs).toEqual(['AC-01', 'AC-02']);
    expect(row.warnings).toEqual([
      'Control ref "AC‑01" is not spelled like any control, but looks like "AC-01": linked to "AC-01".',
      'Control ref "АC-02" is not spelled like any control, but looks like "AC-02": linked to "AC-02".',
    ]);
  });

  it('reports a missing request id', () => {
    expect(errorsOf(' ,Item,,')).toEqual(['Request ID is missing.']);
  });

  it('reports a request id used twice, each row naming the other line', () => {
    const result = plan(`${HEADER}\nPBC-1,One,,\n"PBC-2","Two\nlines",,\npbc-1,Three,,`);
    expect(result).toMatchObject({ ok: 1, errors: 2 });
    expect(result.rows[0]).toMatchObject({ line: 2, errors: ['Request ID "PBC-1" is also used on line 5 of this file.'] });
    expect(result.rows[2]).toMatchObject({ line: 5, errors: ['Request ID "pbc-1" is also used on line 2 of this file.'] });
  });

  it('reports a missing description', () => {
    expect(errorsOf('PBC-1,  ,AC-01,')).toEqual(['Description is missing.']);
  });

  it('reports a due date that is not a real date', () => {
    expect(errorsOf('PBC-1,Item,,2026-02-30')).toEqual(['Due date "2026-02-30" is not a real calendar date.']);
  });

  it('lists every problem of a row at once and keeps its raw cells', () => {
    expect(plan(`${HEADER}\n,,XX,soon`).rows[0]).toEqual({
      line: 2,
      ok: false,
      errors: [
        'Request ID is missing.',
        'Description is missing.',
        'Due date "soon" is not a date in a recognized format (YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an ISO date-time).',
      ],
      raw: ['', '', 'XX', 'soon'],
      warnings: ['Control ref "XX" matches no control in this audit: the request is imported unlinked; link it on the request list.'],
    });
  });

  it('keeps formula-looking and markup descriptions as plain text', () => {
    const cells = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '<script>alert(1)</script>'];
    const result = plan(`${HEADER}\n${cells.map((c, i) => `R-${i},"${c}",,`).join('\n')}`);
    expect(result.errors).toBe(0);
    expect(result.rows.map((r) => okRow(r).request.description)).toEqual(cells);
  });

  it('treats missing cells of a short row as empty and warns about extra cells with text', () => {
    const result = plan(`${HEADER}\nPBC-1,Item\nPBC-2,Item,,,surplus`);
    expect(okRow(result.rows[0]).request).toMatchObject({ controlRefs: [], dueDate: null });
    expect(okRow(result.rows[1]).warnings).toEqual(['This row has 5 cells but the header has 4; the extra cells were ignored.']);
  });

  it('reads an auditor\'s semicolon export with European dates', () => {
    const result = plan('PBC #;Request;Related Controls;Deadline\n1;Population of new hires;AC-01;15.04.2026');
    expect(okRow(result.rows[0]).request).toEqual({ requestId: '1', description: 'Population of new hires', controlRefs: ['AC-01'], dueDate: '2026-04-15' });
  });

  it('returns no rows for a header-only file', () => {
    expect(plan(HEADER)).toEqual({ rows: [], ok: 0, errors: 0 });
  });

  it('parses and plans 10,000 rows, all ok', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`PBC-${i}`, `Item ${i}, please`, 'AC-01; OP-03', '2026-06-30']);
    const result = plan(toCsv(REQUEST_FIELDS, rows));
    expect(result.ok).toBe(10_000);
    expect(result.errors).toBe(0);
  });
});
