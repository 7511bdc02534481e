import { describe, expect, it } from 'vitest';
import { OUTSIDE_WINDOW } from '../../../shared/coverage/coverage';
import type { Review } from '../../../shared/coverage/coverage';
import { NO_FILTER, criteriaInUse, evidenceRows, filterRows, isFiltering } from '../../../shared/coverage/evidenceFilter';
import type { EvidenceFilter, EvidenceRow } from '../../../shared/coverage/evidenceFilter';
import { control, evidence, pending, type2 } from './coverageFixtures';

const controls = [control('ac-01', 'quarterly', ['CC6.2', 'CC6.3']), control('cm-01', 'monthly', ['CC8.1']), control('a-01', 'annual', ['A1.2', 'CC7.5'])];
const items = [
  evidence('okta', ['ac-01'], '2026-02-10T12:00:00.000Z', { name: 'Okta users Q1.csv', notes: 'Exported by Alice' }),
  evidence('review', ['ac-01', 'cm-01'], '2026-05-03T08:00:00.000Z', { name: 'access-review.pdf', notes: 'signed by the CISO' }),
  evidence('stale', ['ac-01'], '2025-11-20T08:00:00.000Z', { name: 'old export.csv' }),
  evidence('fix', ['cm-01'], '2026-07-01T08:00:00.000Z', { name: 'MFA fix.png', step: 'remediation' }),
  evidence('dr-v1', ['a-01'], '2026-03-01T08:00:00.000Z', { name: 'DR test.pdf' }),
  evidence('dr-v2', ['a-01'], '2026-03-02T08:00:00.000Z', { name: 'DR test (corrected).pdf', supersedes: 'dr-v1' }),
];

function ids(rows: readonly EvidenceRow[]): string[] {
  return rows.map((r) => r.item.id);
}

function run(filter: Partial<EvidenceFilter>, reviewOf: (id: string) => Review = pending): string[] {
  const rows = evidenceRows(type2(), controls, items, reviewOf);
  return ids(filterRows(rows, { ...NO_FILTER, ...filter }, controls));
}

describe('evidence browser filters', () => {
  it('lists every current item of the audit, newest evidence date first, when nothing is filtered', () => {
    expect(run({})).toEqual(['fix', 'review', 'dr-v2', 'okta', 'stale']);
  });

  it('shows superseded versions only when asked to', () => {
    expect(run({ includeSuperseded: true })).toContain('dr-v1');
    expect(run({})).not.toContain('dr-v1');
  });

  it('shows withdrawn items only when asked to, flagged; a withdrawn re-capture supersedes nothing', () => {
    const withdrawal = { at: '2026-12-01T10:00:00.000Z', by: 'alice@laptop', reason: 'wrong file', purge: null };
    const withWithdrawn = items.map((e) => (e.id === 'okta' || e.id === 'dr-v2' ? { ...e, withdrawal } : e));
    const rows = evidenceRows(type2(), controls, withWithdrawn, pending);
    expect(ids(filterRows(rows, NO_FILTER, controls))).toEqual(['fix', 'review', 'dr-v1', 'stale']);
    const shown = filterRows(rows, { ...NO_FILTER, includeWithdrawn: true }, controls);
    expect(shown.filter((r) => r.withdrawn).map((r) => r.item.id)).toEqual(['dr-v2', 'okta']);
    expect(isFiltering({ ...NO_FILTER, includeWithdrawn: true })).toBe(true);
  });

  it('narrows to one control', () => {
    expect(run({ controlId: 'cm-01' })).toEqual(['fix', 'review']);
  });

  it('narrows to one slot of the chosen control', () => {
    expect(run({ controlId: 'ac-01', slotId: '2026-Q1' })).toEqual(['okta']);
    expect(run({ controlId: 'cm-01', slotId: '2026-05' })).toEqual(['review']);
  });

  it('finds the items a control has outside the audit window', () => {
    expect(run({ controlId: 'ac-01', slotId: OUTSIDE_WINDOW })).toEqual(['stale']);
    expect(run({ controlId: 'cm-01', slotId: OUTSIDE_WINDOW })).toEqual([]);
  });

  it('ignores a slot when no control is chosen, since slots belong to a control', () => {
    expect(run({ slotId: '2026-Q1' })).toEqual(run({}));
  });

  it('narrows to the audit step the evidence was collected for', () => {
    expect(run({ step: 'remediation' })).toEqual(['fix']);
  });

  it('narrows to the items of controls that address a criterion', () => {
    expect(run({ criterion: 'CC8.1' })).toEqual(['fix', 'review']);
    expect(run({ criterion: 'CC6.3' })).toEqual(['review', 'okta', 'stale']);
  });

  it('narrows to a review status', () => {
    const reviewOf = (id: string): Review => (id === 'okta' ? 'approved' : 'pending');
    expect(run({ status: 'approved' }, reviewOf)).toEqual(['okta']);
    expect(run({ status: 'rejected' }, reviewOf)).toEqual([]);
  });

  it('searches names and notes without regard to case', () => {
    expect(run({ text: 'OKTA' })).toEqual(['okta']);
    expect(run({ text: 'ciso' })).toEqual(['review']);
    expect(run({ text: '  alice ' })).toEqual(['okta']);
    expect(run({ text: 'nothing like this' })).toEqual([]);
  });

  it('combines filters', () => {
    expect(run({ controlId: 'ac-01', text: '.csv' })).toEqual(['okta', 'stale']);
    expect(run({ controlId: 'ac-01', text: '.csv', slotId: '2026-Q1' })).toEqual(['okta']);
  });

  it('places an item in each of its controls’ slots', () => {
    const rows = evidenceRows(type2(), controls, items, pending);
    const review = rows.find((r) => r.item.id === 'review');
    const labels = [...(review?.placements.values() ?? [])].map((p) => (p.kind === 'slot' ? p.slot.label : p.kind));
    expect(labels).toEqual(['Q2 2026', 'May 2026']);
  });

  it('still lists items, unplaced, when the audit has no valid period', () => {
    const rows = evidenceRows({ ...type2(), periodStart: null }, controls, items, pending);
    expect(rows).toHaveLength(items.length);
    expect(rows.every((r) => r.placements.size === 0)).toBe(true);
  });

  it('says whether any filter is set', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: '   ' })).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: 'okta' })).toBe(true);
    expect(isFiltering({ ...NO_FILTER, step: 'fieldwork' })).toBe(true);
  });
});

describe('criteriaInUse', () => {
  it('lists each criterion the controls address once, in catalog order', () => {
    expect(criteriaInUse(controls)).toEqual(['CC6.2', 'CC6.3', 'CC7.5', 'CC8.1', 'A1.2']);
  });
});
