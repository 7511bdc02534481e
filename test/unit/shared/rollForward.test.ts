import { describe, expect, it } from 'vitest';
import { addOneYear, carryForward, categoriesFor, nextAuditName, nextPeriod, pickStarterControls } from '../../../shared/audits/rollForward';
import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';
import type { AuditRecord, ControlRecord, RequestRecord } from '../../../shared/domain/records';
import { isOutOfScope } from '../../../shared/scope/controls';

describe('picking the starter controls of a new audit', () => {
  it('takes only controls with a criterion in a chosen category, so none starts out of scope', () => {
    const picked = pickStarterControls('categories', ['CC', 'A']);
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.length).toBeLessThan(STARTER_CONTROLS.length);
    for (const c of picked) expect(isOutOfScope(c.criteria, ['A'])).toBe(false);
    const left = STARTER_CONTROLS.filter((c) => !picked.includes(c));
    for (const c of left) expect(isOutOfScope(c.criteria, ['A'])).toBe(true);
    expect(picked.some((c) => c.ref === 'AV-01')).toBe(true);
  });

  it('has presets: Security only, all, none; and records the categories for each', () => {
    expect(pickStarterControls('security', ['A', 'P']).every((c) => !isOutOfScope(c.criteria, []))).toBe(true);
    expect(pickStarterControls('security', []).some((c) => c.ref === 'AV-01')).toBe(false);
    expect(pickStarterControls('all', [])).toHaveLength(STARTER_CONTROLS.length);
    expect(pickStarterControls('none', ['A'])).toEqual([]);
    expect(categoriesFor('categories', ['P', 'A'])).toEqual(['CC', 'A', 'P']);
    expect(categoriesFor('all', ['A'])).toEqual(['CC']);
    expect(categoriesFor('security', ['A'])).toEqual(['CC']);
  });
});

describe('the next period', () => {
  it('moves dates a year on, 29 February to 28 February', () => {
    expect(addOneYear('2026-01-01')).toBe('2027-01-01');
    expect(addOneYear('2028-02-29')).toBe('2029-02-28');
    expect(addOneYear('2026-12-31')).toBe('2027-12-31');
  });

  it('moves four-digit years in the name, not "SOC 2", and says so when there is none', () => {
    expect(nextAuditName('SOC 2 Type II FY2026')).toBe('SOC 2 Type II FY2027');
    expect(nextAuditName('SOC 2 2025–2026')).toBe('SOC 2 2026–2027');
    expect(nextAuditName('SOC 2 Type II')).toBe('SOC 2 Type II (next period)');
  });

  it('gives a Type II audit the next period and a Type I audit the next as-of date', () => {
    const base = { name: 'FY2026', asOf: null, periodStart: '2026-01-01', periodEnd: '2026-12-31' } as const;
    expect(nextPeriod({ ...base } as unknown as AuditRecord)).toEqual({ name: 'FY2027', asOf: null, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(nextPeriod({ name: 'Type I 2026', asOf: '2026-06-30', periodStart: null, periodEnd: null } as unknown as AuditRecord)).toMatchObject({ asOf: '2027-06-30', periodStart: null });
  });
});

describe('carrying the last audit forward', () => {
  const control = (id: string, ref: string, patch: Partial<ControlRecord> = {}): ControlRecord => ({
    id,
    auditId: 'old',
    ref,
    title: `${ref} title`,
    description: 'd',
    owner: 'IT Ops',
    frequency: 'quarterly',
    criteria: ['CC6.2'],
    readiness: 'ready',
    readinessNotes: 'done last year',
    retired: false,
    createdAt: '2026-01-01T00:00:00Z',
    ...patch,
  });
  const request = (id: string, controlIds: string[], dueDate: string | null): RequestRecord => ({
    id,
    auditId: 'old',
    requestId: id.toUpperCase(),
    description: 'r',
    controlIds,
    dueDate,
    createdAt: '2026-01-01T00:00:00Z',
  });
  let n = 0;
  const newId = (): string => `new-${++n}`;

  it('copies active controls with owners and frequencies, resets readiness, leaves retired ones behind', () => {
    const carried = carryForward(
      { controls: [control('c1', 'AC-01'), control('c2', 'AC-02', { retired: true }), control('c3', 'CM-01', { frequency: 'per-event', owner: 'Eng' })], requests: [] },
      'next',
      '2027-01-02T00:00:00Z',
      { requests: true, newId },
    );
    expect(carried.leftBehind).toBe(1);
    expect(carried.controls.map((c) => [c.ref, c.owner, c.frequency, c.auditId, c.readiness, c.readinessNotes])).toEqual([
      ['AC-01', 'IT Ops', 'quarterly', 'next', 'not-started', ''],
      ['CM-01', 'Eng', 'per-event', 'next', 'not-started', ''],
    ]);
    expect(carried.controls.every((c) => !['c1', 'c3'].includes(c.id))).toBe(true);
  });

  it('carries the request list with links to the new controls and due dates a year on, or not at all', () => {
    const previous = { controls: [control('c1', 'AC-01'), control('c2', 'AC-02', { retired: true })], requests: [request('pbc-1', ['c1', 'c2'], '2026-04-15'), request('pbc-2', [], null)] };
    const carried = carryForward(previous, 'next', '2027-01-02T00:00:00Z', { requests: true, newId });
    const ac01 = carried.controls[0]?.id;
    expect(carried.requests.map((r) => [r.requestId, r.controlIds, r.dueDate, r.auditId])).toEqual([
      ['PBC-1', [ac01], '2027-04-15', 'next'],
      ['PBC-2', [], null, 'next'],
    ]);
    expect(carryForward(previous, 'next', '2027-01-02T00:00:00Z', { requests: false, newId }).requests).toEqual([]);
  });
});
