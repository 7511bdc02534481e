/**
 * Which controls exist for the audit's work (issue #13): Scope decides, and every other screen,
 * count and the bundle ask here rather than re-deriving it, so that a control left out of scope
 * on the Scope step counts nowhere else. Pure.
 */
import type { ControlRecord } from '../domain/records';
import type { TscSeries } from '../domain/types';
import { isOutOfScope } from './controls';

export type ScopedControl = Pick<ControlRecord, 'id' | 'retired' | 'criteria'>;

/**
 * 'in': the audit tests it. 'out-of-scope': every criterion it maps to belongs to a category the
 * audit does not cover (listed apart, e.g. in the bundle's "Excluded from scope"). 'retired':
 * taken out of the audit by hand; kept for the trail and old bundles.
 */
export type ControlScope = 'in' | 'out-of-scope' | 'retired';

export function scopeOfControl(control: Pick<ControlRecord, 'retired' | 'criteria'>, categories: readonly TscSeries[]): ControlScope {
  if (control.retired) return 'retired';
  return isOutOfScope(control.criteria, categories) ? 'out-of-scope' : 'in';
}

/** The controls the audit tests, in the order given: what Fieldwork, Readiness, Maintain, Coverage and Review show. */
export function inScopeControls<T extends ScopedControl>(controls: readonly T[], categories: readonly TscSeries[]): T[] {
  return controls.filter((c) => scopeOfControl(c, categories) === 'in');
}

/** The controls left out because their categories are not in scope (retired ones are not among them). */
export function outOfScopeControls<T extends ScopedControl>(controls: readonly T[], categories: readonly TscSeries[]): T[] {
  return controls.filter((c) => scopeOfControl(c, categories) === 'out-of-scope');
}

/** Ids of the out-of-scope controls, for deciding which evidence counts. */
export function outOfScopeIds(controls: readonly ScopedControl[], categories: readonly TscSeries[]): ReadonlySet<string> {
  return new Set(outOfScopeControls(controls, categories).map((c) => c.id));
}

/**
 * Whether an item counts in the audit's work: not when every control it is linked to is out of
 * scope. An item linked to no control, or to one in-scope control among others, still counts
 * (it waits to be linked, or it is evidence for that control).
 */
export function countsInScope(controlIds: readonly string[], outOfScope: ReadonlySet<string>): boolean {
  return controlIds.length === 0 || controlIds.some((id) => !outOfScope.has(id));
}
