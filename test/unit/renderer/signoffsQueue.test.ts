import { describe, expect, it } from 'vitest';
import type { ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { Frequency } from '../../../shared/domain/types';
import type { ReviewState } from '../../../shared/review/reviewState';
import type { SignoffRecord } from '../../../shared/signing/signoff';
import { buildQueue, OUTSIDE_LABEL, UNLINKED_KEY } from '../../../renderer/features/review/queueGroups';

const AUDIT = { type: 'type2', asOf: null, periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' } as const;

function control(id: string, ref: string, frequency: Frequency): ControlRecord {
  return {
    id,
    auditId: 'a1',
    ref,
    title: `${ref} title`,
    description: '',
    owner: '',
    frequency,
    criteria: [],
    readiness: 'not-started',
    readinessNotes: '',
    retired: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function item(id: string, controlIds: string[], evidenceDate: string, supersedes: string | null = null): EvidenceRecord {
  return {
    id,
    auditId: 'a1',
    controlIds,
    step: 'fieldwork',
    name: `${id}.png`,
    evidenceDate,
    capturedAt: evidenceDate,
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'display', displayId: '0', displayName: 'screen' },
    processing: [],
    mime: 'image/png',
    size: 10,
    sha256: 'a'.repeat(64),
    width: 1,
    height: 1,
    notes: '',
    supersedes,
    original: null,
    systemReport: null,
    createdAt: evidenceDate,
  };
}

const SIGNOFF = { id: 's1', payload: { decision: 'approved' } } as unknown as SignoffRecord;

function state(decision: ReviewState['decision'], extra: Partial<ReviewState> = {}): ReviewState {
  return { decision, latest: null, validity: null, supersededBy: null, history: [], ...extra };
}

const CONTROLS = [control('c2', 'AC-10', 'monthly'), control('c1', 'AC-02', 'quarterly')];

describe('the review queue', () => {
  it('groups waiting items by control in ref order, then by slot in period order, with the outside-window group last', () => {
    const evidence = [
      item('late', ['c1'], '2026-11-20T12:00:00.000Z'),
      item('early', ['c1'], '2026-02-03T12:00:00.000Z'),
      item('before', ['c1'], '2025-12-20T12:00:00.000Z'),
      item('march', ['c2'], '2026-03-05T12:00:00.000Z'),
    ];
    const states = new Map(evidence.map((e) => [e.id, state('pending')]));

    const queue = buildQueue(AUDIT, CONTROLS, evidence, states);

    expect(queue.groups.map((g) => g.control?.ref)).toEqual(['AC-02', 'AC-10']);
    expect(queue.groups[0]?.slots.map((s) => [s.label, s.outside, s.items.map((i) => i.item.id)])).toEqual([
      ['Q1 2026', false, ['early']],
      ['Q4 2026', false, ['late']],
      [OUTSIDE_LABEL, true, ['before']],
    ]);
    expect(queue.groups[1]?.slots.map((s) => s.label)).toEqual(['Mar 2026']);
    expect(queue.order.map((e) => e.item.id)).toEqual(['early', 'late', 'before', 'march']);
  });

  it('leaves out decided and superseded items but keeps one whose latest sign-off is invalid', () => {
    const evidence = [
      item('approved', ['c1'], '2026-02-01T12:00:00.000Z'),
      item('rejected', ['c1'], '2026-02-02T12:00:00.000Z'),
      item('replaced', ['c1'], '2026-02-03T12:00:00.000Z'),
      item('replacement', ['c1'], '2026-02-04T12:00:00.000Z', 'replaced'),
      item('tampered', ['c1'], '2026-02-05T12:00:00.000Z'),
    ];
    const states = new Map<string, ReviewState>([
      ['approved', state('approved')],
      ['rejected', state('rejected')],
      ['replaced', state('rejected', { supersededBy: 'replacement' })],
      ['replacement', state('pending')],
      ['tampered', state('pending', { latest: SIGNOFF, validity: { valid: false, kind: 'invalid', reason: 'the signature does not verify' } })],
    ]);

    const queue = buildQueue(AUDIT, CONTROLS, evidence, states);

    expect(queue.order.map((e) => e.item.id)).toEqual(['replacement', 'tampered']);
  });

  it('lists an item linked to two controls once, under the first by ref, and one linked to no active control apart', () => {
    const evidence = [item('shared', ['c2', 'c1'], '2026-02-01T12:00:00.000Z'), item('orphan', ['retired-control'], '2026-02-01T12:00:00.000Z')];
    const states = new Map(evidence.map((e) => [e.id, state('pending')]));

    const queue = buildQueue(AUDIT, CONTROLS, evidence, states);

    expect(queue.groups.map((g) => [g.key, g.slots.flatMap((s) => s.items.map((i) => i.item.id))])).toEqual([
      ['c1', ['shared']],
      [UNLINKED_KEY, ['orphan']],
    ]);
  });

  it('puts mid-period evidence of a continuous control in a group of its own, inside the window', () => {
    const evidence = [item('june', ['c3'], '2026-06-15T12:00:00.000Z'), item('january', ['c3'], '2026-01-10T12:00:00.000Z')];
    const states = new Map(evidence.map((e) => [e.id, state('pending')]));

    const queue = buildQueue(AUDIT, [control('c3', 'AC-02', 'continuous')], evidence, states);

    expect(queue.groups[0]?.slots.map((s) => [s.label, s.outside, s.items.map((i) => i.item.id)])).toEqual([
      ['Period start', false, ['january']],
      ['Mid-period (between the start and end slots)', false, ['june']],
    ]);
  });
});
