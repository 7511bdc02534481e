import { describe, expect, it } from 'vitest';
import { checkSystemName } from '../../../shared/scope/systems';

describe('checkSystemName', () => {
  it('accepts a new name, trimmed', () => {
    expect(checkSystemName('  AWS production  ', ['Okta'])).toEqual({ ok: true, name: 'AWS production' });
  });

  it('rejects a name already in the list in another case, naming the one there', () => {
    expect(checkSystemName('okta ', ['Okta'])).toEqual({ ok: false, error: '"Okta" is already in the list.' });
  });

  it('accepts exactly 100 characters and rejects 101', () => {
    expect(checkSystemName('s'.repeat(100), []).ok).toBe(true);
    expect(checkSystemName('s'.repeat(101), [])).toEqual({ ok: false, error: 'Keep the name to 100 characters.' });
  });

  it('counts characters as people do: 100 emoji are 100 characters', () => {
    expect(checkSystemName('🔒'.repeat(100), []).ok).toBe(true);
  });

  it('rejects an empty name and a name with a line break', () => {
    expect(checkSystemName('   ', []).ok).toBe(false);
    expect(checkSystemName('AWS\nprod', []).ok).toBe(false);
  });
});
