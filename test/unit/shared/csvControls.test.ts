import { describe, it, expect } from 'vitest';
import { parseCsv, toCsv } from '../../../shared/csv/csv';
import {
  CONTROL_FIELDS,
  type ControlImportPlan,
  type ControlImportRow,
  type ExportedControl,
  controlsToCsv,
  guessControlMapping,
  parseFrequency,
  planControlImport,
} from '../../../shared/csv/controlsCsv';
import type { ColumnMapping } from '../../../shared/csv/mapping';
import type { ControlField } from '../../../shared/csv/controlsCsv';

const HEADER = 'Ref,Title,Description,Owner,Frequency,Criteria';

function plan(text: string, existing: readonly string[] = []): ControlImportPlan {
  const parsed = parseCsv(text);
  return planControlImport(parsed, guessControlMapping(parsed.headers), new Set(existing));
}

/** The errors of the only data row, failing the test when the row is ok. */
function errorsOf(row: string, existing: readonly string[] = []): string[] {
  const result = plan(`${HEADER}\n${row}`, existing);
  expect(result.rows).toHaveLength(1);
  const only = result.rows[0];
  if (!only || only.ok) throw new Error(`expected an error row, got ${JSON.stringify(only)}`);
  return only.errors;
}

function okRow(row: ControlImportRow | undefined): Extract<ControlImportRow, { ok: true }> {
  if (!row?.ok) throw new Error(`expected an ok row, got ${JSON.stringify(row)}`);
  return row;
}

describe('guessControlMapping', () => {
  it('maps the plain field names to their columns', () => {
    expect(guessControlMapping(['Ref', 'Title', 'Description', 'Owner', 'Frequency', 'Criteria'])).toEqual({
      ref: 0,
      title: 1,
      description: 2,
      owner: 3,
      frequency: 4,
      criteria: 5,
    });
  });

  const synonyms: [string, ControlField][] = [
    ['id', 'ref'],
    ['Control ID', 'ref'],
    ['control ref', 'ref'],
    ['Control #', 'ref'],
    ['Control Number', 'ref'],
    ['Name', 'title'],
    ['Control', 'title'],
    ['Control Name', 'title'],
    ['Details', 'description'],
    ['Control Description', 'description'],
    ['Activity', 'description'],
    ['Control Owner', 'owner'],
    ['Responsible', 'owner'],
    ['Cadence', 'frequency'],
    ['Periodicity', 'frequency'],
    ['TSC', 'criteria'],
    ['TSC Criteria', 'criteria'],
    ['Trust Services Criteria', 'criteria'],
    ['Mapping', 'criteria'],
    ['SOC 2 Criteria', 'criteria'],
  ];
  for (const [header, field] of synonyms) {
    it(`maps the header ${JSON.stringify(header)} to ${field}`, () => {
      expect(guessControlMapping(['Notes', header])[field]).toBe(1);
    });
  }

  it('ignores case, spacing and punctuation', () => {
    expect(guessControlMapping(['CONTROL_ID', ' control-owner ', 'tsc  criteria', 'Frequency:'])).toMatchObject({
      ref: 0,
      owner: 1,
      criteria: 2,
      frequency: 3,
    });
  });

  it('takes "Control #" as the ref and "Control" as the title when both are present', () => {
    expect(guessControlMapping(['Control', 'Control #'])).toMatchObject({ ref: 1, title: 0 });
  });

  it('prefers "Control ID" for the ref over a plain "ID" column', () => {
    expect(guessControlMapping(['ID', 'Control ID', 'Control'])).toMatchObject({ ref: 1, title: 2 });
  });

  it('leaves fields without a matching header unmapped', () => {
    expect(guessControlMapping(['Ref', 'Comments'])).toEqual({
      ref: 0,
      title: null,
      description: null,
      owner: null,
      frequency: null,
      criteria: null,
    });
  });

  it('uses each column for one field only', () => {
    const mapping = guessControlMapping(['Title', 'Title']);
    expect(mapping.title).toBe(0);
    expect(Object.values(mapping).filter((v) => v !== null)).toEqual([0]);
  });
});

describe('parseFrequency', () => {
  const cases: [string, string][] = [
    ['annual', 'annual'],
    ['Annually', 'annual'],
    ['YEARLY', 'annual'],
    ['quarter', 'quarterly'],
    ['Quarterly', 'quarterly'],
    ['monthly', 'monthly'],
    ['Weekly', 'weekly'],
    ['daily', 'daily'],
    ['semi-annual', 'semiannual'],
    ['Semiannually', 'semiannual'],
    ['semi annually', 'semiannual'],
    ['biannual', 'semiannual'],
    ['per event', 'per-event'],
    ['Per-Event', 'per-event'],
    ['event-driven', 'per-event'],
    ['As needed', 'per-event'],
    ['ad hoc', 'per-event'],
    ['Ad-hoc', 'per-event'],
    ['continuous', 'continuous'],
    ['Ongoing', 'continuous'],
    ['automated', 'continuous'],
    ['once', 'once'],
    ['One-time', 'once'],
    ['one time', 'once'],
  ];
  for (const [cell, frequency] of cases) {
    it(`reads ${JSON.stringify(cell)} as ${frequency}`, () => {
      expect(parseFrequency(cell)).toBe(frequency);
    });
  }

  for (const cell of ['fortnightly', 'every so often', '', '12']) {
    it(`does not recognize ${JSON.stringify(cell)}`, () => {
      expect(parseFrequency(cell)).toBeNull();
    });
  }
});

describe('planControlImport', () => {
  it('plans a valid row, trimming single-line fields and normalizing frequency and criteria', () => {
    const result = plan(`${HEADER}\n AC-01 , User access review ,"Review all\nuser accounts", Ann ,Quarterly,"cc6.1; CC6.2,cc6.3\ncc6.1"`);
    expect(result).toMatchObject({ ok: 1, errors: 0 });
    expect(okRow(result.rows[0])).toEqual({
      line: 2,
      ok: true,
      warnings: [],
      control: {
        ref: 'AC-01',
        title: 'User access review',
        description: 'Review all\nuser accounts',
        owner: 'Ann',
        frequency: 'quarterly',
        criteria: ['CC6.1', 'CC6.2', 'CC6.3'],
      },
    });
  });

  it('allows an empty description and owner', () => {
    const control = okRow(plan(`${HEADER}\nAC-01,Title,,,annual,CC1.1`).rows[0]).control;
    expect(control.description).toBe('');
    expect(control.owner).toBe('');
  });

  it('reads semicolon files with headers in any order', () => {
    const result = plan('Criteria;Control Name;Control ID;Cadence\nCC7.2;Log review;OP-03;weekly');
    expect(okRow(result.rows[0]).control).toMatchObject({ ref: 'OP-03', title: 'Log review', frequency: 'weekly', criteria: ['CC7.2'] });
  });

  it('reports a missing ref', () => {
    expect(errorsOf(',Title,,,annual,CC1.1')).toEqual(['Ref is missing.']);
  });

  it('says so when no column is mapped to the ref', () => {
    const parsed = parseCsv('Title,Frequency,Criteria\nT,annual,CC1.1');
    const row = planControlImport(parsed, guessControlMapping(parsed.headers), new Set()).rows[0];
    expect(row?.ok === false && row.errors).toEqual(['Ref is missing: no column is mapped to Ref.']);
  });

  it('reports a missing title', () => {
    expect(errorsOf('AC-01,  ,,,annual,CC1.1')).toEqual(['Title is missing.']);
  });

  it('reports a ref used twice in the file on both rows, each naming the other line', () => {
    const result = plan(`${HEADER}\nAC-01,One,,,annual,CC1.1\nAC-02,Two,,,annual,CC1.1\nac-01,Three,,,annual,CC1.1`);
    expect(result).toMatchObject({ ok: 1, errors: 2 });
    expect(result.rows[0]).toMatchObject({ line: 2, ok: false, errors: ['Ref "AC-01" is also used on line 4 of this file.'] });
    expect(result.rows[2]).toMatchObject({ line: 4, ok: false, errors: ['Ref "ac-01" is also used on line 2 of this file.'] });
  });

  it('names every other line when a ref is used three times', () => {
    const result = plan(`${HEADER}\nX,1,,,annual,CC1.1\nX,2,,,annual,CC1.1\nX,3,,,annual,CC1.1`);
    expect(result.rows[0]).toMatchObject({ errors: ['Ref "X" is also used on lines 3 and 4 of this file.'] });
  });

  it('reports a ref that already exists in the audit, whatever its case', () => {
    expect(errorsOf('ac-01,Title,,,annual,CC1.1', ['AC-01'])).toEqual(['Ref "ac-01" already exists in this audit.']);
  });

  it('names each unknown criterion', () => {
    expect(errorsOf('AC-01,Title,,,annual,"CC6.1, CC9.9; XX1.1"')).toEqual([
      'Criterion "CC9.9" is not a Trust Services Criterion.',
      'Criterion "XX1.1" is not a Trust Services Criterion.',
    ]);
  });

  it('reports a control with no criteria', () => {
    expect(errorsOf('AC-01,Title,,,annual, ; ')).toEqual([
      'No criteria are given: a control must address at least one Trust Services Criterion, e.g. CC6.1.',
    ]);
  });

  it('reports a missing frequency rather than guessing one', () => {
    expect(errorsOf('AC-01,Title,,,,CC1.1')).toEqual(['Frequency is missing.']);
  });

  it('names an unknown frequency and lists the accepted ones', () => {
    expect(errorsOf('AC-01,Title,,,fortnightly,CC1.1')).toEqual([
      'Frequency "fortnightly" is not recognized; use one of: once, annual, semiannual, quarterly, monthly, weekly, daily, per-event, continuous.',
    ]);
  });

  it('accepts a ref of 40 characters and reports one of 41', () => {
    expect(plan(`${HEADER}\n${'R'.repeat(40)},Title,,,annual,CC1.1`).ok).toBe(1);
    expect(errorsOf(`${'R'.repeat(41)},Title,,,annual,CC1.1`)).toEqual([
      `Ref "${'R'.repeat(41)}" is 41 characters long; the limit is 40.`,
    ]);
  });

  it('accepts a title of 300 characters and reports one of 301', () => {
    expect(plan(`${HEADER}\nAC-01,${'t'.repeat(300)},,,annual,CC1.1`).ok).toBe(1);
    expect(errorsOf(`AC-01,${'t'.repeat(301)},,,annual,CC1.1`)).toEqual(['Title is 301 characters long; the limit is 300.']);
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(plan(`${HEADER}\n${'😀'.repeat(40)},Title,,,annual,CC1.1`).ok).toBe(1);
  });

  it('reports a ref containing a separator used in request lists', () => {
    expect(errorsOf('"AC;01",Title,,,annual,CC1.1')).toEqual([
      'Ref "AC;01" contains a comma, semicolon or line break, which separate refs in request lists.',
    ]);
  });

  it('lists every problem of a row at once and keeps its raw cells', () => {
    const result = plan(`${HEADER}\n,,desc,,sometimes,`);
    expect(result.rows[0]).toEqual({
      line: 2,
      ok: false,
      errors: [
        'Ref is missing.',
        'Title is missing.',
        'Frequency "sometimes" is not recognized; use one of: once, annual, semiannual, quarterly, monthly, weekly, daily, per-event, continuous.',
        'No criteria are given: a control must address at least one Trust Services Criterion, e.g. CC6.1.',
      ],
      raw: ['', '', 'desc', '', 'sometimes', ''],
      warnings: [],
    });
  });

  it('gives the file line of each row, past quoted line breaks and blank lines', () => {
    const result = plan(`${HEADER}\nAC-01,One,"a\nb\nc",,annual,CC1.1\n\nAC-02,Two,,,annual,CC9.9`);
    expect(result.rows.map((r) => r.line)).toEqual([2, 6]);
  });

  it('numbers rows from their index when the table carries no line numbers', () => {
    const mapping: ColumnMapping<ControlField> = { ref: 0, title: 1, description: null, owner: null, frequency: 2, criteria: 3 };
    const result = planControlImport(
      { headers: ['r', 't', 'f', 'c'], rows: [['A', 'T', 'annual', 'CC1.1'], ['A', 'T', 'annual', 'CC1.1']] },
      mapping,
      new Set(),
    );
    expect(result.rows[1]).toMatchObject({ line: 3, errors: ['Ref "A" is also used on line 2 of this file.'] });
  });

  it('keeps formula-looking cells as plain text, without error', () => {
    const cells = ['=1+1', '+SUM(A1)', '-2+3', '@cmd'];
    const rows = cells.map((c, i) => `R-${i},"${c}","${c}","${c}",annual,CC1.1`);
    const result = plan(`${HEADER}\n${rows.join('\n')}`);
    expect(result.errors).toBe(0);
    result.rows.forEach((row, i) => {
      expect(okRow(row).control).toMatchObject({ title: cells[i], description: cells[i], owner: cells[i] });
    });
  });

  it('keeps a description starting with a tab or carriage return verbatim', () => {
    const result = plan(`${HEADER}\r\nR-1,T,"\t=x",,annual,CC1.1\r\nR-2,T2,"\r=x",,annual,CC1.1\r\n`);
    expect(result.rows.map((r) => okRow(r).control.description)).toEqual(['\t=x', '\r=x']);
  });

  it('keeps markup in a title as plain text', () => {
    const control = okRow(plan(`${HEADER}\nAC-01,<script>alert(1)</script>,<img src=x onerror=alert(1)>,,annual,CC1.1`).rows[0]).control;
    expect(control.title).toBe('<script>alert(1)</script>');
    expect(control.description).toBe('<img src=x onerror=alert(1)>');
  });

  it('treats cells missing from a short row as empty', () => {
    const result = plan(`${HEADER}\nAC-01,Title,,,annual,CC1.1\nAC-02,Title`);
    expect(result.rows[0]?.ok).toBe(true);
    expect(result.rows[1]).toMatchObject({ ok: false, errors: ['Frequency is missing.', expect.stringMatching(/^No criteria/)], raw: ['AC-02', 'Title'] });
  });

  it('ignores cells beyond the header, warning when they hold text', () => {
    const result = plan(`${HEADER}\nAC-01,Title,,,annual,CC1.1,stray\nAC-02,Title,,,annual,CC1.1,,  `);
    expect(result.ok).toBe(2);
    expect(result.rows[0]?.warnings).toEqual(['This row has 7 cells but the header has 6; the extra cells were ignored.']);
    expect(result.rows[1]?.warnings).toEqual([]);
  });

  it('returns no rows for a header-only file', () => {
    expect(plan(`${HEADER}\r\n`)).toEqual({ rows: [], ok: 0, errors: 0 });
  });

  it('does not change the table it is given', () => {
    const parsed = parseCsv(`${HEADER}\nAC-01,T,,,nope,CC1.1`);
    const before = JSON.stringify(parsed);
    const row = planControlImport(parsed, guessControlMapping(parsed.headers), new Set()).rows[0];
    expect(JSON.stringify(parsed)).toBe(before);
    if (row?.ok !== false) throw new Error('expected an error row');
    expect(row.raw).toEqual(parsed.rows[0]);
    expect(row.raw).not.toBe(parsed.rows[0]);
  });

  it('parses and plans 10,000 rows, all ok', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`C-${i}`, `Control ${i}`, `Does thing ${i}, carefully`, 'Ann', 'monthly', 'CC6.1; CC7.2']);
    const result = plan(toCsv(CONTROL_FIELDS, rows));
    expect(result.ok).toBe(10_000);
    expect(result.errors).toBe(0);
    expect(result.rows[9_999]?.line).toBe(10_001);
  });
});

describe('controlsToCsv', () => {
  const controls: ExportedControl[] = [
    { ref: 'AC-01', title: 'Access review', description: 'Quarterly, by "owners"', owner: 'Ann', frequency: 'quarterly', criteria: ['CC6.1', 'CC6.2'], retired: false },
    { ref: 'OP-09', title: 'Old control', description: 'Line 1\nLine 2', owner: '', frequency: 'per-event', criteria: ['CC7.2'], retired: true },
  ];

  it('writes the control matrix with a BOM, CRLF, Active/Retired status and criteria joined by "; "', () => {
    expect(controlsToCsv(controls)).toBe(
      '\uFEFFRef,Title,Description,Owner,Frequency,Criteria,Status\r\n' +
        'AC-01,Access review,"Quarterly, by ""owners""",Ann,quarterly,CC6.1; CC6.2,Active\r\n' +
        'OP-09,Old control,"Line 1\nLine 2",,per-event,CC7.2,Retired',
    );
  });

  it('neutralizes formula-looking cells', () => {
    const csv = controlsToCsv([{ ...controls[0]!, title: '=HYPERLINK("http://x")', owner: '@boss' }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`"'@boss"`);
  });

  it('re-imports as the same controls, ignoring the Status column', () => {
    const result = plan(controlsToCsv(controls));
    expect(result.errors).toBe(0);
    expect(result.rows.map((r) => okRow(r).control)).toEqual(
      controls.map(({ retired: _retired, ...c }) => ({ ...c, criteria: [...c.criteria] })),
    );
  });

  it('re-imports a neutralized title with its leading quote, as text', () => {
    const result = plan(controlsToCsv([{ ...controls[0]!, title: '=1+1' }]));
    expect(okRow(result.rows[0]).control.title).toBe("'=1+1");
  });
});
