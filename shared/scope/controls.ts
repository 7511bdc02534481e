/**
 * Rules for the audit's own controls on the Scope step: which are out of scope, and whether a
 * control typed into the editor can be saved. The CSV importer (shared/csv/controlsCsv.ts)
 * applies the same limits to imported rows.
 */
import { TSC_CRITERIA, criterionById } from '../catalog/tsc';
import { MAX_CSV_FIELD_CHARS } from '../csv/csv';
import { MAX_CONTROL_REF_CHARS, MAX_CONTROL_TITLE_CHARS } from '../csv/controlsCsv';
import { charLength, quote } from '../csv/mapping';
import type { ControlRecord } from '../domain/records';
import { FREQUENCIES, type Frequency, type TscSeries } from '../domain/types';
import { visibleName } from '../files/visibleName';
import { describeLookAlike, findLookAlike, findRefConflict, hiddenCharacterProblem, type RefHolder } from './refs';

export { findRefConflict, refKey, type RefHolder } from './refs';

export const MAX_CONTROL_OWNER_CHARS = 200;
/** As long as one CSV field may be, so that any imported control can be edited and saved again. */
export const MAX_CONTROL_DESCRIPTION_CHARS = MAX_CSV_FIELD_CHARS;

const CATALOG_ORDER: ReadonlyMap<string, number> = new Map(TSC_CRITERIA.map((c, i) => [c.id, i]));

/** Security (the common criteria) is in every SOC 2 audit, whatever the stored categories say. */
export function seriesInScope(categories: readonly TscSeries[]): ReadonlySet<TscSeries> {
  return new Set<TscSeries>(['CC', ...categories]);
}

/**
 * The series of a control's criteria that are not in scope, in catalog order, or an empty list
 * when at least one criterion is in scope. A control is out of scope only when ALL its criteria
 * are: one in-scope criterion is enough for an auditor to test it. Unknown criterion ids (e.g.
 * from an old bundle) keep a control in scope, so that nothing disappears on a guess.
 */
export function outOfScopeSeries(criteria: readonly string[], categories: readonly TscSeries[]): TscSeries[] {
  if (criteria.length === 0) return [];
  const inScope = seriesInScope(categories);
  const series = new Set<TscSeries>();
  for (const id of criteria) {
    const found = criterionById(id);
    if (!found || inScope.has(found.series)) return [];
    series.add(found.series);
  }
  return [...series];
}

export function isOutOfScope(criteria: readonly string[], categories: readonly TscSeries[]): boolean {
  return outOfScopeSeries(criteria, categories).length > 0;
}

/** What the control editor edits. */
export interface ControlInput {
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly frequency: Frequency;
  readonly criteria: readonly string[];
}

export type ControlInputErrors = Partial<Record<keyof ControlInput, string>>;

/** A new control of an audit: not yet assessed for readiness, active. */
export function newControlRecord(auditId: string, input: ControlInput, createdAt: string): ControlRecord {
  return {
    id: crypto.randomUUID(),
    auditId,
    ref: input.ref,
    title: input.title,
    description: input.description,
    owner: input.owner,
    frequency: input.frequency,
    criteria: [...input.criteria],
    readiness: 'not-started',
    readinessNotes: '',
    retired: false,
    createdAt,
  };
}

/**
 * Field-by-field problems, in words a user can act on; empty means the control can be saved.
 * `controls` are all the audit's controls, retired ones included (a retired ref is still taken:
 * the audit trail and old bundles name it), and `editingId` the control being edited, if any.
 */
export function validateControlInput(input: ControlInput, controls: readonly RefHolder[], editingId: string | null): ControlInputErrors {
  const errors: ControlInputErrors = {};
  const ref = input.ref.trim();
  if (ref === '') errors.ref = 'Give the control a reference, e.g. "AC-03".';
  else if (charLength(ref) > MAX_CONTROL_REF_CHARS) errors.ref = `Keep the reference to ${MAX_CONTROL_REF_CHARS} characters.`;
  else if (/[,;\r\n]/.test(ref)) errors.ref = 'A reference cannot contain commas, semicolons or line breaks: they separate refs in request lists.';
  else {
    const taken = findRefConflict(ref, controls, editingId);
    // A stored ref kept as it is stays editable (the Scope step flags it instead): refusing
    // would block fixing the title of a control imported before these checks existed.
    const unchanged = editingId !== null && controls.some((c) => c.id === editingId && c.ref === ref);
    const hidden = unchanged ? null : hiddenCharacterProblem(ref);
    const lookAlike = unchanged || taken ? undefined : findLookAlike(ref, controls, editingId);
    if (taken) errors.ref = `${quote(visibleName(taken.ref))} is already used by another control in this audit.`;
    else if (hidden !== null) errors.ref = hidden;
    else if (lookAlike) {
      errors.ref = `This ref looks the same as ${quote(visibleName(lookAlike.ref))}, which another control uses: ${describeLookAlike(ref, lookAlike.ref)}. Use a ref that reads differently.`;
    }
  }

  const title = input.title.trim();
  if (title === '') errors.title = 'Give the control a short title.';
  else if (charLength(title) > MAX_CONTROL_TITLE_CHARS) errors.title = `Keep the title to ${MAX_CONTROL_TITLE_CHARS} characters.`;

  if (charLength(input.description) > MAX_CONTROL_DESCRIPTION_CHARS) {
    errors.description = `Keep the description to ${MAX_CONTROL_DESCRIPTION_CHARS.toLocaleString('en-US')} characters.`;
  }
  if (charLength(input.owner.trim()) > MAX_CONTROL_OWNER_CHARS) errors.owner = `Keep the owner to ${MAX_CONTROL_OWNER_CHARS} characters.`;
  if (!(FREQUENCIES as readonly string[]).includes(input.frequency)) errors.frequency = 'Choose how often the control operates.';

  if (input.criteria.length === 0) {
    errors.criteria = 'Pick at least one Trust Services Criterion the control addresses.';
  } else {
    const unknown = input.criteria.filter((id) => !criterionById(id));
    if (unknown.length > 0) errors.criteria = `Not Trust Services Criteria: ${unknown.map((id) => quote(id)).join(', ')}. Remove them.`;
  }
  return errors;
}

/** The input as stored: single-line fields trimmed, criteria de-duplicated in catalog order. */
export function normalizeControlInput(input: ControlInput): ControlInput {
  return {
    ref: input.ref.trim(),
    title: input.title.trim(),
    description: input.description,
    owner: input.owner.trim(),
    frequency: input.frequency,
    criteria: sortCriteria(input.criteria),
  };
}

/** Criterion ids de-duplicated, in catalog order (CC6.1 before CC6.2 before A1.1); unknown ids last. */
export function sortCriteria(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => catalogIndex(a) - catalogIndex(b) || a.localeCompare(b));
}

function catalogIndex(id: string): number {
  return CATALOG_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
}

/** The file name of the exported control matrix: 'controls-soc-2-type-ii-fy2026.csv'. */
export function controlsExportFileName(auditName: string): string {
  const slug = auditName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `controls-${slug === '' ? 'audit' : slug}.csv`;
}
