import { describe, it, expect } from 'vitest';
import { FREQUENCIES, TSC_SERIES } from '../../../shared/domain/types';
import { TSC_CRITERIA, TSC_GROUPS, criteriaBySeries, criterionById } from '../../../shared/catalog/tsc';
import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';

const CRITERION_ID = /^(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9]$/;

describe('the Trust Services Criteria catalog', () => {
  it('contains exactly 61 criteria', () => {
    expect(TSC_CRITERIA).toHaveLength(61);
  });

  it('has no duplicate criterion ids', () => {
    const ids = TSC_CRITERIA.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the expected number of criteria in each series', () => {
    const counts = Object.fromEntries(TSC_SERIES.map((s) => [s, criteriaBySeries(s).length]));
    expect(counts).toEqual({ CC: 33, A: 3, C: 2, PI: 5, P: 18 });
  });

  it('gives every criterion a well-formed id', () => {
    const malformed = TSC_CRITERIA.filter((c) => !CRITERION_ID.test(c.id)).map((c) => c.id);
    expect(malformed).toEqual([]);
  });

  it('puts every criterion in the known group named by its id prefix, with that group\'s series', () => {
    const groups = new Map(TSC_GROUPS.map((g) => [g.id, g]));
    for (const c of TSC_CRITERIA) {
      const prefix = c.id.split('.')[0];
      expect(c.group, c.id).toBe(prefix);
      expect(groups.has(c.group), `${c.id} group ${c.group}`).toBe(true);
      expect(groups.get(c.group)?.series, c.id).toBe(c.series);
    }
  });

  it('has unique group ids', () => {
    expect(new Set(TSC_GROUPS.map((g) => g.id)).size).toBe(TSC_GROUPS.length);
  });

  it('gives every criterion a non-empty title', () => {
    const untitled = TSC_CRITERIA.filter((c) => c.title.trim() === '').map((c) => c.id);
    expect(untitled).toEqual([]);
  });

  it('finds every criterion by its id', () => {
    for (const c of TSC_CRITERIA) {
      expect(criterionById(c.id)).toBe(c);
    }
  });

  it('finds nothing for an unknown id', () => {
    expect(criterionById('CC10.1')).toBeUndefined();
    expect(criterionById('')).toBeUndefined();
  });
});

describe('the starter controls', () => {
  it('include at least 30 controls', () => {
    expect(STARTER_CONTROLS.length).toBeGreaterThanOrEqual(30);
  });

  it('have unique refs', () => {
    const refs = STARTER_CONTROLS.map((c) => c.ref);
    const duplicates = refs.filter((r, i) => refs.indexOf(r) !== i);
    expect(duplicates).toEqual([]);
  });

  it('maps every starter control only to real criteria', () => {
    const unknown = STARTER_CONTROLS.flatMap((control) =>
      control.criteria.filter((id) => criterionById(id) === undefined).map((id) => `${control.ref} → ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives every starter control a title, a description and at least one criterion', () => {
    const incomplete = STARTER_CONTROLS.filter(
      (c) => c.title.trim() === '' || c.description.trim() === '' || c.criteria.length === 0,
    ).map((c) => c.ref);
    expect(incomplete).toEqual([]);
  });

  it('uses only known frequencies', () => {
    const known = new Set<string>(FREQUENCIES);
    const bad = STARTER_CONTROLS.filter((c) => !known.has(c.frequency)).map((c) => `${c.ref}: ${c.frequency}`);
    expect(bad).toEqual([]);
  });

  it('uses every frequency at least once', () => {
    const used = new Set(STARTER_CONTROLS.map((c) => c.frequency));
    const unused = FREQUENCIES.filter((f) => !used.has(f));
    expect(unused).toEqual([]);
  });
});
