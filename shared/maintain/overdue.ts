/**
 * What the Maintain step shows, from the one definition of due and overdue (../coverage/due.ts):
 * the overdue slots come from the coverage the Coverage view shows, so both count the same; the
 * schedule adds what falls due next. Pure.
 */
import { buildCoverage, type AuditCoverage, type CoverageControl, type CoverageEvidence, type ReviewOf } from '../coverage/coverage';
import type { ControlRecord } from '../domain/records';
import type { Slot } from '../periods/slots';
import type { AuditWindow } from '../periods/slots';
import { maintenanceSchedule, type ScheduleRow } from './schedule';

export interface OverdueRow {
  readonly controlId: string;
  readonly ref: string;
  readonly title: string;
  readonly frequency: ControlRecord['frequency'];
  /** The control's slots that ended without any evidence, oldest first. */
  readonly slots: readonly Slot[];
}

export interface MaintainView {
  /** Controls with overdue slots, in the order given. */
  readonly overdue: readonly OverdueRow[];
  /** Overdue slots in all: the same figure as Coverage's "Overdue". */
  readonly overdueSlots: number;
  /** What falls due next (today or later), soonest first: never something already overdue. */
  readonly upcoming: readonly ScheduleRow[];
}

export function maintainView(
  audit: AuditWindow & { readonly id: string },
  controls: readonly (CoverageControl & Pick<ControlRecord, 'ref' | 'title'>)[],
  evidence: readonly CoverageEvidence[],
  reviewOf: ReviewOf,
  now: string,
  /** The coverage of these controls and items as of `now`, when the caller has it already (the screen keeps it per review). */
  known?: AuditCoverage,
): MaintainView {
  const coverage = known ?? buildCoverage(audit, controls, evidence, reviewOf, now);
  const byId = new Map(controls.map((c) => [c.id, c]));
  const overdue: OverdueRow[] = [];
  for (const row of coverage.controls) {
    const control = byId.get(row.controlId);
    const slots = row.cells.filter((cell) => cell.status === 'overdue').map((cell) => cell.slot);
    if (control && slots.length > 0) overdue.push({ controlId: control.id, ref: control.ref, title: control.title, frequency: control.frequency, slots });
  }
  // A slot whose due day has passed is overdue in coverage already; the schedule looks ahead only.
  const upcoming = maintenanceSchedule(audit, controls, evidence, now).filter((row) => row.status !== 'overdue');
  return { overdue, overdueSlots: coverage.totals.overdue, upcoming };
}
