import { describe, expect, it } from 'vitest';
import type { AuditWindow } from '../../../shared/periods/slots';
import {
  countByStatus,
  dueDeadline,
  indexEvidence,
  requestStatus,
  type Review,
  type StatusEvidence,
  type StatusRequest,
} from '../../../shared/requests/status';

const NEW_YORK: AuditWindow = { type: 'type2', asOf: null, periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'America/New_York' };
const MID_PERIOD = '2026-06-15T12:00:00Z';

let counter = 0;
function item(controlIds: string[], evidenceDate: string, extra: Partial<StatusEvidence> = {}): StatusEvidence {
  counter += 1;
  return { id: `e${counter}`, controlIds, evidenceDate, capturedAt: evidenceDate, supersedes: null, ...extra };
}

function statusOf(
  request: StatusRequest,
  evidence: StatusEvidence[],
  { now = MID_PERIOD, audit = NEW_YORK, reviewOf = (): Review => 'pending' }: { now?: string; audit?: AuditWindow; reviewOf?: (id: string) => Review } = {},
): ReturnType<typeof requestStatus> {
  return requestStatus(request, indexEvidence(audit, evidence, reviewOf), now);
}

describe('requestStatus', () => {
  it('calls a request without linked controls unlinked, even when its due date has passed', () => {
    const result = statusOf({ controlIds: [], dueDate: '2026-02-01' }, [item(['c1'], '2026-03-01T12:00:00Z')]);
    expect(result.status).toBe('unlinked');
    expect(result.linkedControls).toBe(0);
  });

  it('is not started while no linked control has evidence', () => {
    const result = statusOf({ controlIds: ['c1', 'c2'], dueDate: '2026-12-01' }, [item(['c3'], '2026-03-01T12:00:00Z')]);
    expect(result).toMatchObject({ status: 'not-started', coveredControls: 0, evidence: 0 });
  });

  it('is partial when some linked controls have evidence and some do not', () => {
    const result = statusOf({ controlIds: ['c1', 'c2'], dueDate: null }, [item(['c1'], '2026-03-01T12:00:00Z')]);
    expect(result).toMatchObject({ status: 'partial', linkedControls: 2, coveredControls: 1, evidence: 1 });
  });

  it('is provided when every linked control has evidence, counting an item linked to both once', () => {
    const shared = item(['c1', 'c2'], '2026-03-01T12:00:00Z');
    const result = statusOf({ controlIds: ['c1', 'c2'], dueDate: null }, [shared, item(['c2'], '2026-04-01T12:00:00Z')]);
    expect(result).toMatchObject({ status: 'provided', coveredControls: 2, evidence: 2, onTime: null });
  });

  it('is overdue when the due date has passed and the request is not provided', () => {
    const result = statusOf({ controlIds: ['c1', 'c2'], dueDate: '2026-05-01' }, [item(['c1'], '2026-03-01T12:00:00Z')]);
    expect(result.status).toBe('overdue');
  });

  it('stays provided after the due date when the evidence is complete', () => {
    const result = statusOf({ controlIds: ['c1'], dueDate: '2026-05-01' }, [item(['c1'], '2026-03-01T12:00:00Z')]);
    expect(result).toMatchObject({ status: 'provided', onTime: true });
  });

  it('ends a due date at midnight in the audit zone, not in UTC (New York, daylight time)', () => {
    const request = { controlIds: ['c1'], dueDate: '2026-03-31' };
    // 00:30 UTC on April 1st is still 20:30 on March 31st in New York.
    expect(statusOf(request, [], { now: '2026-04-01T00:30:00Z' }).status).toBe('not-started');
    expect(statusOf(request, [], { now: '2026-04-01T03:59:59Z' }).status).toBe('not-started');
    expect(statusOf(request, [], { now: '2026-04-01T04:00:00Z' }).status).toBe('overdue');
  });

  it('ends a due date earlier than UTC in a zone east of Greenwich (Auckland)', () => {
    const auckland: AuditWindow = { ...NEW_YORK, timeZone: 'Pacific/Auckland' };
    const request = { controlIds: ['c1'], dueDate: '2026-05-10' };
    // Midnight in Auckland (NZST, +12) is noon UTC on the due date itself.
    expect(statusOf(request, [], { audit: auckland, now: '2026-05-10T11:59:59Z' }).status).toBe('not-started');
    expect(statusOf(request, [], { audit: auckland, now: '2026-05-10T12:00:00Z' }).status).toBe('overdue');
  });

  it('says provided on time only when every control had evidence captured before the due date ended', () => {
    const request = { controlIds: ['c1', 'c2'], dueDate: '2026-03-31' };
    const early = item(['c1'], '2026-03-01T12:00:00Z');
    const lastMinute = item(['c2'], '2026-03-02T12:00:00Z', { capturedAt: '2026-04-01T03:59:59Z' });
    const late = item(['c2'], '2026-03-02T12:00:00Z', { capturedAt: '2026-04-01T04:00:00Z' });
    expect(statusOf(request, [early, lastMinute], { now: '2026-06-01T00:00:00Z' })).toMatchObject({ status: 'provided', onTime: true });
    expect(statusOf(request, [early, late], { now: '2026-06-01T00:00:00Z' })).toMatchObject({ status: 'provided', onTime: false });
  });

  it('treats rejected evidence as not provided, and counts it apart', () => {
    const rejected = item(['c1'], '2026-03-01T12:00:00Z');
    const result = statusOf({ controlIds: ['c1'], dueDate: null }, [rejected], { reviewOf: (id) => (id === rejected.id ? 'rejected' : 'pending') });
    expect(result).toMatchObject({ status: 'not-started', evidence: 0, rejected: 1 });
  });

  it('counts approved and pending evidence alike', () => {
    const approved = item(['c1'], '2026-03-01T12:00:00Z');
    const result = statusOf({ controlIds: ['c1'], dueDate: null }, [approved], { reviewOf: () => 'approved' });
    expect(result.status).toBe('provided');
  });

  it('does not count evidence dated outside the audit window, but reports it', () => {
    // 23:00 on Dec 31st in New York: before the period's first instant (2026-01-01T05:00Z).
    const before = item(['c1'], '2026-01-01T04:00:00Z');
    const after = item(['c1'], '2027-01-01T05:00:00Z');
    const result = statusOf({ controlIds: ['c1'], dueDate: null }, [before, after]);
    expect(result).toMatchObject({ status: 'not-started', evidence: 0, outsideWindow: 2 });
  });

  it('counts evidence dated on the first instant of the window and the last instant before its end', () => {
    const first = statusOf({ controlIds: ['c1'], dueDate: null }, [item(['c1'], '2026-01-01T05:00:00Z')]);
    const last = statusOf({ controlIds: ['c1'], dueDate: null }, [item(['c1'], '2027-01-01T04:59:59Z')]);
    expect(first.status).toBe('provided');
    expect(last.status).toBe('provided');
  });

  it('uses the 90 days up to the as-of date as the window of a Type I audit', () => {
    const typeOne: AuditWindow = { type: 'type1', asOf: '2026-06-30', periodStart: null, periodEnd: null, timeZone: 'UTC' };
    const inside = statusOf({ controlIds: ['c1'], dueDate: null }, [item(['c1'], '2026-04-02T00:00:00Z')], { audit: typeOne });
    const outside = statusOf({ controlIds: ['c1'], dueDate: null }, [item(['c1'], '2026-04-01T23:59:59Z')], { audit: typeOne });
    expect(inside.status).toBe('provided');
    expect(outside).toMatchObject({ status: 'not-started', outsideWindow: 1 });
  });

  it('counts only the successor of a superseded item', () => {
    const original = item(['c1'], '2026-03-01T12:00:00Z');
    const replacement = item(['c1'], '2026-03-02T12:00:00Z', { supersedes: original.id });
    const result = statusOf({ controlIds: ['c1'], dueDate: null }, [original, replacement]);
    expect(result.evidence).toBe(1);
  });

  it('does not count an item whose evidence date cannot be read', () => {
    const result = statusOf({ controlIds: ['c1'], dueDate: null }, [item(['c1'], 'yesterday')]);
    expect(result).toMatchObject({ status: 'not-started', outsideWindow: 1 });
  });
});

describe('indexEvidence', () => {
  it('refuses an audit without a valid window', () => {
    expect(() => indexEvidence({ ...NEW_YORK, periodStart: null }, [], () => 'pending')).toThrow(/periodStart/);
  });
});

describe('dueDeadline', () => {
  it('follows daylight saving: the day before the switch ends at 05:00Z, the day of it at 04:00Z', () => {
    expect(dueDeadline('2026-03-07', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(dueDeadline('2026-03-08', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('rolls over month and year ends', () => {
    expect(dueDeadline('2026-12-31', 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    expect(dueDeadline('2028-02-29', 'UTC')).toBe('2028-03-01T00:00:00.000Z');
  });

  it('gives null for a value that is not a real calendar date', () => {
    expect(dueDeadline('2026-02-30', 'UTC')).toBeNull();
    expect(dueDeadline('03/31/2026', 'UTC')).toBeNull();
  });
});

describe('countByStatus', () => {
  it('counts every status, zero included', () => {
    expect(countByStatus(['overdue', 'provided', 'provided'])).toEqual({ overdue: 1, unlinked: 0, 'not-started': 0, partial: 0, provided: 2 });
  });
});
