import { describe, expect, it } from 'vitest';
import { checkSegregation, isSodPolicy } from '../../../shared/review/segregation';

const me = { user: 'dana', host: 'it-laptop-07' };
const mine = { name: 'okta-users.csv', capturedBy: 'dana', host: 'it-laptop-07' };
const theirs = { name: 'mfa.png', capturedBy: 'alice', host: 'it-laptop-07' };
const sameNameElsewhere = { name: 'firewall.png', capturedBy: 'dana', host: 'build-server' };

describe('segregation of duties', () => {
  it('refuses approving one’s own evidence when set to forbid, and says who must act', () => {
    const verdict = checkSegregation('approved', [theirs, mine], me, 'forbid');
    expect(verdict.refused).toBe(true);
    expect(verdict.own).toEqual(['okta-users.csv']);
    expect(verdict.message).toMatch(/You collected "okta-users.csv" yourself \(dana on it-laptop-07\).*Another reviewer must approve it/);
  });

  it('warns but allows when set to warn', () => {
    const verdict = checkSegregation('approved', [mine], me, 'warn');
    expect(verdict.refused).toBe(false);
    expect(verdict.message).toMatch(/independent review/);
  });

  it('always allows a rejection and evidence collected by someone else', () => {
    expect(checkSegregation('rejected', [mine], me, 'forbid')).toMatchObject({ refused: false, message: null });
    expect(checkSegregation('approved', [theirs, sameNameElsewhere], me, 'forbid')).toEqual({ own: [], refused: false, message: null });
  });

  it('accepts only the two policies', () => {
    expect(isSodPolicy('warn')).toBe(true);
    expect(isSodPolicy('forbid')).toBe(true);
    expect(isSodPolicy('off')).toBe(false);
    expect(isSodPolicy(null)).toBe(false);
  });
});
