import { describe, it, expect } from 'vitest';
import { describeAuditWindow, isCalendarDate, validateNewAudit, type NewAuditInput } from '../../../shared/domain/audit';

const TYPE_I: NewAuditInput = {
  name: 'SOC 2 Type I 2026',
  organization: 'Acme GmbH',
  type: 'type1',
  asOf: '2026-03-31',
  periodStart: '',
  periodEnd: '',
  timeZone: 'Europe/Berlin',
};

const TYPE_II: NewAuditInput = {
  name: 'SOC 2 Type II 2026',
  organization: 'Acme GmbH',
  type: 'type2',
  asOf: '',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  timeZone: 'America/New_York',
};

/** The fields a validation complained about, sorted. */
function problems(input: NewAuditInput): string[] {
  return Object.keys(validateNewAudit(input)).sort();
}

describe('validateNewAudit', () => {
  it('accepts a valid Type I audit', () => {
    expect(validateNewAudit(TYPE_I)).toEqual({});
  });

  it('accepts a valid Type II audit', () => {
    expect(validateNewAudit(TYPE_II)).toEqual({});
  });

  it('accepts a Type II period of a single day', () => {
    expect(validateNewAudit({ ...TYPE_II, periodStart: '2026-06-01', periodEnd: '2026-06-02' })).toEqual({});
  });

  it('ignores the period fields of a Type I audit', () => {
    expect(validateNewAudit({ ...TYPE_I, periodStart: 'junk', periodEnd: '1999-01-01' })).toEqual({});
  });

  it('ignores the as-of date of a Type II audit', () => {
    expect(validateNewAudit({ ...TYPE_II, asOf: 'junk' })).toEqual({});
  });

  for (const blank of ['', ' ', '\t\n', '\u00a0']) {
    it(`rejects a name of ${JSON.stringify(blank)}`, () => {
      const errors = validateNewAudit({ ...TYPE_I, name: blank });
      expect(Object.keys(errors)).toEqual(['name']);
      expect(errors.name).toMatch(/name/i);
    });

    it(`rejects an organization of ${JSON.stringify(blank)}`, () => {
      const errors = validateNewAudit({ ...TYPE_II, organization: blank });
      expect(Object.keys(errors)).toEqual(['organization']);
      expect(errors.organization).toMatch(/organization/i);
    });
  }

  it('reports a blank name and organization together', () => {
    expect(problems({ ...TYPE_I, name: '', organization: '  ' })).toEqual(['name', 'organization']);
  });

  it('accepts a name of exactly 200 characters', () => {
    expect(validateNewAudit({ ...TYPE_I, name: 'n'.repeat(200), organization: 'o'.repeat(200) })).toEqual({});
  });

  it('rejects a name over 200 characters', () => {
    const errors = validateNewAudit({ ...TYPE_I, name: 'n'.repeat(201) });
    expect(Object.keys(errors)).toEqual(['name']);
    expect(errors.name).toMatch(/200/);
  });

  it('rejects an organization over 200 characters', () => {
    const errors = validateNewAudit({ ...TYPE_I, organization: 'o'.repeat(1000) });
    expect(Object.keys(errors)).toEqual(['organization']);
    expect(errors.organization).toMatch(/200/);
  });

  for (const asOf of ['', '2026-02-30', '2026-13-01', '26-01-01', '2026-00-10', '2026-04-31', '2027-02-29', '31.03.2026', '2026-03-31T00:00:00Z']) {
    it(`rejects a Type I audit as of ${JSON.stringify(asOf)}`, () => {
      const errors = validateNewAudit({ ...TYPE_I, asOf });
      expect(Object.keys(errors)).toEqual(['asOf']);
      expect(errors.asOf).toMatch(/Type I/);
    });
  }

  it('rejects a Type II period that ends before it starts', () => {
    const errors = validateNewAudit({ ...TYPE_II, periodStart: '2026-12-31', periodEnd: '2026-01-01' });
    expect(Object.keys(errors)).toEqual(['periodEnd']);
    expect(errors.periodEnd).toMatch(/after it starts/);
  });

  it('rejects a Type II period that ends the day it starts', () => {
    expect(problems({ ...TYPE_II, periodStart: '2026-05-05', periodEnd: '2026-05-05' })).toEqual(['periodEnd']);
  });

  it('rejects a Type II period that ends a year before it starts on the same day of the month', () => {
    expect(problems({ ...TYPE_II, periodStart: '2026-03-01', periodEnd: '2025-03-01' })).toEqual(['periodEnd']);
  });

  it('rejects an impossible Type II start date', () => {
    expect(problems({ ...TYPE_II, periodStart: '2026-02-30' })).toEqual(['periodStart']);
  });

  it('rejects an impossible Type II end date', () => {
    expect(problems({ ...TYPE_II, periodEnd: '2026-13-01' })).toEqual(['periodEnd']);
  });

  it('rejects a Type II audit with neither date', () => {
    expect(problems({ ...TYPE_II, periodStart: '', periodEnd: '' })).toEqual(['periodEnd', 'periodStart']);
  });

  for (const timeZone of ['Mars/Olympus', '', 'Europe/Berlinn', 'GMT+25']) {
    it(`rejects the time zone ${JSON.stringify(timeZone)}`, () => {
      const errors = validateNewAudit({ ...TYPE_I, timeZone });
      expect(Object.keys(errors)).toEqual(['timeZone']);
    });
  }

  it('accepts UTC and a half-hour zone', () => {
    expect(validateNewAudit({ ...TYPE_I, timeZone: 'UTC' })).toEqual({});
    expect(validateNewAudit({ ...TYPE_I, timeZone: 'Asia/Kolkata' })).toEqual({});
  });
});

describe('isCalendarDate', () => {
  const VALID = ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-04-30', '1999-12-31', '1900-01-01', '2999-12-31'];
  const INVALID = [
    '0099-01-01',
    '1899-12-31',
    '3000-01-01',
    '2027-02-29',
    '1900-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '26-01-01',
    '2026-1-01',
    '2026-01-1',
    '2026/01/01',
    '20260101',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-01-01\n',
    '+002026-01-01',
    '',
    'yyyy-mm-dd',
  ];

  for (const value of VALID) {
    it(`accepts ${value}`, () => {
      expect(isCalendarDate(value)).toBe(true);
    });
  }

  for (const value of INVALID) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      expect(isCalendarDate(value)).toBe(false);
    });
  }
});

describe('describeAuditWindow', () => {
  it('describes a Type I audit by its as-of date', () => {
    expect(describeAuditWindow({ type: 'type1', asOf: '2026-03-31', periodStart: null, periodEnd: null })).toBe('Type I as of 2026-03-31');
  });

  it('describes a Type II audit by its period', () => {
    expect(describeAuditWindow({ type: 'type2', asOf: null, periodStart: '2026-01-01', periodEnd: '2026-12-31' })).toBe(
      'Type II 2026-01-01 to 2026-12-31',
    );
  });

  it('shows a dash for a missing date', () => {
    expect(describeAuditWindow({ type: 'type1', asOf: null, periodStart: null, periodEnd: null })).toBe('Type I as of —');
    expect(describeAuditWindow({ type: 'type2', asOf: null, periodStart: '2026-01-01', periodEnd: null })).toBe('Type II 2026-01-01 to —');
  });

  it('uses only the fields that belong to the type', () => {
    expect(describeAuditWindow({ type: 'type1', asOf: '2026-03-31', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).toBe(
      'Type I as of 2026-03-31',
    );
    expect(describeAuditWindow({ type: 'type2', asOf: '2026-03-31', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).not.toContain(
      '2026-03-31',
    );
  });
});
