import { describe, expect, it } from 'vitest';
import { countsInScope, inScopeControls, outOfScopeControls, outOfScopeIds, scopeOfControl } from '../../../shared/scope/inScope';

const control = (id: string, criteria: string[], retired = false): { id: string; criteria: string[]; retired: boolean } => ({ id, criteria, retired });

const ac01 = control('ac01', ['CC6.1']);
const pi03 = control('pi03', ['PI1.3']);
const priv04 = control('priv04', ['P4.1']);
const mixed = control('mixed', ['PI1.2', 'A1.2']);
const gone = control('gone', ['CC6.2'], true);
const goneOut = control('gone-out', ['P1.1'], true);
const all = [ac01, pi03, priv04, mixed, gone, goneOut];

describe('the in-scope selector', () => {
  it('keeps a control with at least one criterion in scope', () => {
    expect(scopeOfControl(ac01, [])).toBe('in');
    expect(scopeOfControl(mixed, ['A'])).toBe('in');
  });

  it('leaves out a control whose every criterion belongs to a category not in scope', () => {
    expect(scopeOfControl(pi03, ['A'])).toBe('out-of-scope');
    expect(scopeOfControl(mixed, [])).toBe('out-of-scope');
  });

  it('calls a retired control retired, whatever its criteria', () => {
    expect(scopeOfControl(gone, ['A'])).toBe('retired');
    expect(scopeOfControl(goneOut, [])).toBe('retired');
  });

  it('gives the controls every other screen shows, in the order given', () => {
    expect(inScopeControls(all, ['A']).map((c) => c.id)).toEqual(['ac01', 'mixed']);
    expect(inScopeControls(all, ['A', 'PI', 'P']).map((c) => c.id)).toEqual(['ac01', 'pi03', 'priv04', 'mixed']);
  });

  it('lists the out-of-scope controls apart, without the retired ones', () => {
    expect(outOfScopeControls(all, ['A']).map((c) => c.id)).toEqual(['pi03', 'priv04']);
    expect([...outOfScopeIds(all, [])]).toEqual(['pi03', 'priv04', 'mixed']);
  });
});

describe('which evidence counts in scope', () => {
  const out = outOfScopeIds(all, ['A']);
  it('drops an item linked only to out-of-scope controls', () => {
    expect(countsInScope(['pi03'], out)).toBe(false);
    expect(countsInScope(['pi03', 'priv04'], out)).toBe(false);
  });
  it('keeps an item with one in-scope control among out-of-scope ones', () => {
    expect(countsInScope(['pi03', 'ac01'], out)).toBe(true);
  });
  it('keeps an item linked to no control: it still waits to be linked', () => {
    expect(countsInScope([], out)).toBe(true);
  });
});
