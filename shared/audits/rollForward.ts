/**
 * Starting an audit: which starter controls it begins with (picked by Trust Services category,
 * or a preset), and the second-year flow, where the next audit starts from the last one with its
 * controls, owners, frequencies, scope and request list carried into a new period (issue #13).
 * Pure: the renderer writes what these return.
 */
import { STARTER_CONTROLS } from '../catalog/starterControls';
import type { AuditRecord, ControlRecord, RequestRecord } from '../domain/records';
import { TSC_SERIES, type StarterControl, type TscSeries } from '../domain/types';
import { isOutOfScope } from '../scope/controls';

export const CONTROL_PRESETS = ['categories', 'security', 'all', 'none'] as const;
export type ControlPreset = (typeof CONTROL_PRESETS)[number];

/**
 * The starter controls an audit begins with. 'categories': those with a criterion in a chosen
 * category (Security always counts), so nothing starts out of scope; 'security': Security only;
 * 'all': every starter control; 'none': an empty list, for a team that imports its own matrix.
 */
export function pickStarterControls(preset: ControlPreset, categories: readonly TscSeries[]): StarterControl[] {
  switch (preset) {
    case 'none':
      return [];
    case 'all':
      return [...STARTER_CONTROLS];
    case 'security':
      return STARTER_CONTROLS.filter((c) => !isOutOfScope(c.criteria, []));
    case 'categories':
      return STARTER_CONTROLS.filter((c) => !isOutOfScope(c.criteria, categories));
  }
}

/**
 * The categories an audit records for a preset. 'all' keeps what audits began with before the
 * choice existed: every starter control, Security alone in scope (the others wait to be ticked
 * on Scope); 'categories' records the ones picked.
 */
export function categoriesFor(preset: ControlPreset, chosen: readonly TscSeries[]): TscSeries[] {
  if (preset === 'categories') return TSC_SERIES.filter((s) => s === 'CC' || chosen.includes(s));
  return ['CC'];
}

/** The same calendar date a year later; 29 February becomes 28 February. */
export function addOneYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 'SOC 2 Type II FY2026' → 'SOC 2 Type II FY2027': four-digit years move on, "SOC 2" does not. */
export function nextAuditName(name: string): string {
  const moved = name.replace(/(?<!\d)(19|20)(\d{2})(?!\d)/g, (year) => String(Number(year) + 1));
  return moved === name ? `${name} (next period)` : moved;
}

export interface NextPeriod {
  readonly name: string;
  readonly asOf: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
}

/** The period after the last one: a Type II period moved by a year, or a Type I date a year on. */
export function nextPeriod(previous: AuditRecord): NextPeriod {
  return {
    name: nextAuditName(previous.name),
    asOf: previous.asOf === null ? null : addOneYear(previous.asOf),
    periodStart: previous.periodStart === null ? null : addOneYear(previous.periodStart),
    periodEnd: previous.periodEnd === null ? null : addOneYear(previous.periodEnd),
  };
}

export interface CarriedForward {
  readonly controls: ControlRecord[];
  readonly requests: RequestRecord[];
  /** Retired controls of the last audit: left behind, as they had left its checklists. */
  readonly leftBehind: number;
}

/**
 * The last audit's active controls as new rows of the next one (same ref, title, description,
 * owner, frequency, criteria; readiness starts over), and, when asked, its request list with
 * links remapped to the new controls and due dates a year on. Nothing else moves: evidence,
 * sign-offs and the trail belong to the period they were made in.
 */
export function carryForward(
  previous: { readonly controls: readonly ControlRecord[]; readonly requests: readonly RequestRecord[] },
  auditId: string,
  at: string,
  options: { readonly requests: boolean; readonly newId?: () => string },
): CarriedForward {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const active = previous.controls.filter((c) => !c.retired);
  const idMap = new Map<string, string>();
  const controls = active.map((c): ControlRecord => {
    const id = newId();
    idMap.set(c.id, id);
    return {
      id,
      auditId,
      ref: c.ref,
      title: c.title,
      description: c.description,
      owner: c.owner,
      frequency: c.frequency,
      criteria: [...c.criteria],
      readiness: 'not-started',
      readinessNotes: '',
      retired: false,
      createdAt: at,
    };
  });
  const requests = options.requests
    ? previous.requests.map(
        (r): RequestRecord => ({
          id: newId(),
          auditId,
          requestId: r.requestId,
          description: r.description,
          controlIds: r.controlIds.flatMap((id) => idMap.get(id) ?? []),
          dueDate: r.dueDate === null ? null : addOneYear(r.dueDate),
          createdAt: at,
        }),
      )
    : [];
  return { controls, requests, leftBehind: previous.controls.length - active.length };
}
