import { describe, expect, it } from 'vitest';
import {
  controlsExportFileName,
  findRefConflict,
  isOutOfScope,
  normalizeControlInput,
  outOfScopeSeries,
  refKey,
  sortCriteria,
  validateControlInput,
  type ControlInput,
} from '../../../shared/scope/controls';

const VALID: ControlInput = {
  ref: 'AC-03',
  title: 'Quarterly access review',
  description: 'Owners review access.',
  owner: 'IT Security',
  frequency: 'quarterly',
  criteria: ['CC6.2', 'CC6.3'],
};

const EXISTING = [
  { id: 'c1', ref: 'AC-01' },
  { id: 'c2', ref: 'ch-02' },
];

describe('out-of-scope controls', () => {
  it('keeps a control in scope when any one of its criteria is in a series in scope', () => {
    expect(isOutOfScope(['CC6.1', 'C1.1'], [])).toBe(false);
    expect(isOutOfScope(['A1.2', 'PI1.5'], ['PI'])).toBe(false);
  });

  it('puts a control out of scope when all its criteria are in series not in scope, naming them', () => {
    expect(outOfScopeSeries(['A1.2', 'PI1.5'], ['CC'])).toEqual(['A', 'PI']);
    expect(isOutOfScope(['P1.1'], ['A', 'C'])).toBe(true);
  });

  it('treats Security as always in scope, even when the stored categories omit it', () => {
    expect(isOutOfScope(['CC8.1'], [])).toBe(false);
  });

  it('never puts a control out of scope on a guess: no criteria, or an unknown criterion', () => {
    expect(isOutOfScope([], ['CC'])).toBe(false);
    expect(isOutOfScope(['A1.1', 'X9.9'], ['CC'])).toBe(false);
  });
});

describe('ref uniqueness', () => {
  it('compares refs without regard to case, surrounding space or compatibility forms', () => {
    expect(refKey(' ac-01 ')).toBe(refKey('AC-01'));
    expect(refKey('ＡＣ-01')).toBe(refKey('AC-01'));
  });

  it('finds the control that already uses a ref, except the one being edited', () => {
    expect(findRefConflict('AC-01', EXISTING, null)?.id).toBe('c1');
    expect(findRefConflict('CH-02', EXISTING, null)?.id).toBe('c2');
    expect(findRefConflict('ac-01', EXISTING, 'c1')).toBeUndefined();
    expect(findRefConflict('AC-99', EXISTING, null)).toBeUndefined();
  });
});

describe('validateControlInput', () => {
  it('accepts a complete control', () => {
    expect(validateControlInput(VALID, EXISTING, null)).toEqual({});
  });

  it('rejects a ref another control uses in a different case, naming that ref', () => {
    expect(validateControlInput({ ...VALID, ref: 'CH-02' }, EXISTING, null).ref).toBe('"ch-02" is already used by another control in this audit.');
  });

  it('lets a control keep its own ref when edited, even in a new case', () => {
    expect(validateControlInput({ ...VALID, ref: 'ac-01' }, EXISTING, 'c1')).toEqual({});
  });

  it.each([
    ['an empty ref', { ref: '  ' }, 'ref'],
    ['a ref over 40 characters', { ref: 'A'.repeat(41) }, 'ref'],
    ['a ref with a semicolon', { ref: 'AC-01;AC-02' }, 'ref'],
    ['an empty title', { title: ' ' }, 'title'],
    ['a title over 300 characters', { title: 'x'.repeat(301) }, 'title'],
    ['an owner over 200 characters', { owner: 'o'.repeat(201) }, 'owner'],
    ['no criteria', { criteria: [] }, 'criteria'],
    ['an unknown criterion', { criteria: ['CC6.1', 'CC6.9'] }, 'criteria'],
  ] as const)('rejects %s', (_name, patch, field) => {
    expect(Object.keys(validateControlInput({ ...VALID, ...patch }, EXISTING, null))).toEqual([field]);
  });

  it('names the unknown criterion', () => {
    expect(validateControlInput({ ...VALID, criteria: ['CC6.9'] }, [], null).criteria).toContain('"CC6.9"');
  });

  it('rejects a frequency that is not one of the list', () => {
    const input = { ...VALID, frequency: 'hourly' } as unknown as ControlInput;
    expect(validateControlInput(input, [], null).frequency).toBeDefined();
  });
});

describe('normalizeControlInput', () => {
  it('trims single-line fields, keeps the description as typed and orders criteria as the catalog does', () => {
    const clean = normalizeControlInput({ ...VALID, ref: ' AC-03 ', title: ' T ', owner: ' Ops ', description: '  line 1\n', criteria: ['A1.1', 'CC6.3', 'CC6.1', 'CC6.3'] });
    expect(clean).toEqual({ ...VALID, ref: 'AC-03', title: 'T', owner: 'Ops', description: '  line 1\n', criteria: ['CC6.1', 'CC6.3', 'A1.1'] });
  });

  it('puts unknown criteria last rather than dropping them', () => {
    expect(sortCriteria(['ZZ1', 'P1.1', 'CC1.1'])).toEqual(['CC1.1', 'P1.1', 'ZZ1']);
  });
});

describe('controlsExportFileName', () => {
  it('names the file after the audit in safe ASCII', () => {
    expect(controlsExportFileName('SOC 2 Type II FY2026')).toBe('controls-soc-2-type-ii-fy2026.csv');
    expect(controlsExportFileName('Café ../../etc <b>')).toBe('controls-cafe-etc-b.csv');
  });

  it('falls back to a generic name when nothing safe is left', () => {
    expect(controlsExportFileName('日本語')).toBe('controls-audit.csv');
  });
});
