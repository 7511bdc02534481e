import { buildCoverage, coverageSteadyBetween, type AuditCoverage, type CoverageControl, type CoverageEvidence } from '../../../shared/coverage/coverage';
import type { AuditWindow } from '../../../shared/periods/slots';
import { reviewOf, type ReviewState } from '../../../shared/review/reviewState';
import { kept } from '../../../shared/work/kept';

interface Remembered {
  readonly evidence: readonly CoverageEvidence[];
  readonly coverage: AuditCoverage;
  /** The instants between which the answer holds (coverageSteadyBetween). */
  readonly from: number;
  readonly until: number;
}

/**
 * Coverage remembered per review (one per snapshot of the audit's rows and review context, see
 * reviewOfRows.ts), audit window and controls, and reused while the clock stays between two slot
 * ends: going back to the matrix, or the minute tick while it is open, no longer rebuilds 200
 * controls × their slots (issue #12: 50 ms each time at 10,000 items). Any write makes a new
 * snapshot, hence a new review, hence a fresh build.
 */
const remembered = new WeakMap<ReadonlyMap<string, ReviewState>, Map<string, Remembered>>();

export function coverageOf(
  audit: AuditWindow & { readonly id: string },
  controls: readonly CoverageControl[],
  evidence: readonly CoverageEvidence[],
  states: ReadonlyMap<string, ReviewState>,
  now: string,
): AuditCoverage {
  const key = JSON.stringify([audit.id, audit.type, audit.asOf, audit.periodStart, audit.periodEnd, audit.timeZone, controls.map((c) => [c.id, c.frequency])]);
  const nowMs = Date.parse(now);
  const byKey = kept(remembered, states, () => new Map<string, Remembered>());
  const hit = byKey.get(key);
  if (hit !== undefined && hit.evidence === evidence && hit.from <= nowMs && nowMs < hit.until) return hit.coverage;
  const coverage = buildCoverage(audit, controls, evidence, reviewOf(states), now);
  // A handful of control sets per review (all controls, a frequency group); the bound is a guard.
  if (byKey.size >= 8) byKey.clear();
  byKey.set(key, { evidence, coverage, ...coverageSteadyBetween(audit, controls, nowMs) });
  return coverage;
}
