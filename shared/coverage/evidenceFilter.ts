/**
 * The evidence browser's rows and filters (issue #3, "Evidence list filters"). Pure, so the
 * rules that decide what an auditor sees are tested without a screen.
 */
import { TSC_CRITERIA } from '../catalog/tsc';
import type { ControlRecord, EvidenceRecord } from '../domain/records';
import type { AuditStep } from '../domain/types';
import { auditWindow, instantMs } from '../periods/slots';
import { isWithdrawn } from '../evidence/withdrawal';
import { compareNumeric, compareText } from '../text/compare';
import type { AuditWindow } from '../periods/slots';
import { compareMs, OUTSIDE_WINDOW, placeAt, slotCache, supersededIds } from './coverage';
import type { Placement, Review, ReviewOf } from './coverage';

export type BrowserControl = Pick<ControlRecord, 'id' | 'ref' | 'frequency' | 'criteria'>;

export interface EvidenceRow {
  readonly item: EvidenceRecord;
  readonly review: Review;
  /** A newer version replaces this item: it is kept, but no longer counts. */
  readonly superseded: boolean;
  /** Withdrawn from the audit (issue #13): kept, shown only when asked for, counted nowhere. */
  readonly withdrawn: boolean;
  /** Where the item falls for each of its controls that is active in the audit. */
  readonly placements: ReadonlyMap<string, Placement>;
  /** Name and notes lower-cased once, so a keystroke filters 10,000 rows as a string scan. */
  readonly search: string;
}

export interface EvidenceFilter {
  readonly step: AuditStep | null;
  readonly controlId: string | null;
  /** A slot id of the chosen control, or OUTSIDE_WINDOW; ignored without a control. */
  readonly slotId: string | null;
  readonly criterion: string | null;
  readonly status: Review | null;
  readonly text: string;
  readonly includeSuperseded: boolean;
  readonly includeWithdrawn: boolean;
}

export const NO_FILTER: EvidenceFilter = {
  step: null,
  controlId: null,
  slotId: null,
  criterion: null,
  status: null,
  text: '',
  includeSuperseded: false,
  includeWithdrawn: false,
};

export function isFiltering(filter: EvidenceFilter): boolean {
  return (
    filter.step !== null ||
    filter.controlId !== null ||
    filter.slotId !== null ||
    filter.criterion !== null ||
    filter.status !== null ||
    filter.text.trim() !== '' ||
    filter.includeSuperseded !== NO_FILTER.includeSuperseded ||
    filter.includeWithdrawn !== NO_FILTER.includeWithdrawn
  );
}

/**
 * One row per item of the audit (withdrawn ones too, flagged), newest evidence date first. Placements are only computed
 * when the audit's window is valid: without a period there are no slots to place items in.
 */
export function evidenceRows(
  audit: AuditWindow & { readonly id: string },
  controls: readonly BrowserControl[],
  evidence: readonly EvidenceRecord[],
  reviewOf: ReviewOf,
): EvidenceRow[] {
  const own = evidence.filter((item) => item.auditId === audit.id);
  const superseded = supersededIds(own);
  const byId = new Map(controls.map((c) => [c.id, c]));
  let place: ((t: number | null, control: BrowserControl) => Placement) | null = null;
  try {
    const window = auditWindow(audit);
    const windowMs = { start: Date.parse(window.start), end: Date.parse(window.end) };
    const slotsFor = slotCache(audit);
    place = (t, control) => placeAt(slotsFor(control.frequency), windowMs, t);
  } catch {
    place = null;
  }
  return own
    .map((item) => {
      const t = instantMs(item.evidenceDate);
      const placements = new Map<string, Placement>();
      for (const controlId of item.controlIds) {
        const control = byId.get(controlId);
        if (control && place) placements.set(controlId, place(t, control));
      }
      const row: EvidenceRow = {
        item,
        review: reviewOf(item.id),
        superseded: superseded.has(item.id),
        withdrawn: isWithdrawn(item),
        placements,
        search: `${item.name}\n${item.notes}`.toLowerCase(),
      };
      return { row, at: Date.parse(item.evidenceDate) };
    })
    .sort((a, b) => compareMs(b.at, a.at) || compareText(a.row.item.name, b.row.item.name))
    .map(({ row }) => row);
}

function matchesSlot(row: EvidenceRow, controlId: string, slotId: string): boolean {
  const placement = row.placements.get(controlId);
  if (placement === undefined) return false;
  if (slotId === OUTSIDE_WINDOW) return placement.kind === 'outside';
  return placement.kind === 'slot' && placement.slot.id === slotId;
}

export function filterRows(rows: readonly EvidenceRow[], filter: EvidenceFilter, controls: readonly BrowserControl[]): EvidenceRow[] {
  const text = filter.text.trim().toLowerCase();
  const criterion = filter.criterion;
  const withCriterion = criterion === null ? null : new Set(controls.filter((c) => c.criteria.includes(criterion)).map((c) => c.id));
  return rows.filter((row) => {
    const { item } = row;
    if (!filter.includeSuperseded && row.superseded) return false;
    if (!filter.includeWithdrawn && row.withdrawn) return false;
    if (filter.step !== null && item.step !== filter.step) return false;
    if (filter.controlId !== null) {
      if (!item.controlIds.includes(filter.controlId)) return false;
      if (filter.slotId !== null && !matchesSlot(row, filter.controlId, filter.slotId)) return false;
    }
    if (withCriterion !== null && !item.controlIds.some((id) => withCriterion.has(id))) return false;
    if (filter.status !== null && row.review !== filter.status) return false;
    if (text !== '' && !row.search.includes(text)) return false;
    return true;
  });
}

const CATALOG_ORDER: ReadonlyMap<string, number> = new Map(TSC_CRITERIA.map((c, index) => [c.id, index]));

/** The criteria the audit's controls address, in catalog order (CC1.1 … CC9.2, A1.1 … P8.1); unknown ids last. */
export function criteriaInUse(controls: readonly Pick<ControlRecord, 'criteria'>[]): string[] {
  const ids = new Set(controls.flatMap((c) => c.criteria));
  const rank = (id: string): number => CATALOG_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...ids].sort((a, b) => rank(a) - rank(b) || compareNumeric(a, b));
}
