import { describe, expect, it } from 'vitest';
import { needsRework, reworkByControl } from '../../../shared/review/rework';
import type { ReviewDecision } from '../../../shared/review/reviewState';

const state = (decision: ReviewDecision, supersededBy: string | null = null): { decision: ReviewDecision; supersededBy: string | null } => ({ decision, supersededBy });

describe('rework needed', () => {
  it('is a rejected item that nothing replaced yet', () => {
    expect(needsRework(state('rejected'))).toBe(true);
    expect(needsRework(state('rejected', 'recapture'))).toBe(false);
    expect(needsRework(state('approved'))).toBe(false);
    expect(needsRework(state('pending'))).toBe(false);
    expect(needsRework(undefined)).toBe(false);
  });

  it('counts per control, an item linked to two controls for both, once each', () => {
    const evidence = [
      { id: 'a', controlIds: ['ac-01', 'ac-02', 'ac-01'] },
      { id: 'b', controlIds: ['ac-01'] },
      { id: 'c', controlIds: ['ac-03'] },
      { id: 'd', controlIds: ['ac-03'] },
    ];
    const states = new Map([
      ['a', state('rejected')],
      ['b', state('approved')],
      ['c', state('rejected', 'd')],
      ['d', state('pending')],
    ]);
    expect([...reworkByControl(evidence, states)]).toEqual([
      ['ac-01', 1],
      ['ac-02', 1],
    ]);
  });
});
