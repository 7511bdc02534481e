import type { ControlCoverage, CellCoverage } from '../../../shared/coverage/coverage';
import { CONTINUOUS_EDGE_DAYS } from '../../../shared/periods/slots';
import type { Slot, SlotStatus } from '../../../shared/periods/slots';

export const STATUS_LABELS: Readonly<Record<SlotStatus, string>> = {
  approved: 'Approved',
  collected: 'Collected',
  rejected: 'Rejected',
  overdue: 'Overdue',
  missing: 'Missing',
};

/** One letter for the dense weekly and daily grids, explained by the legend. */
export const STATUS_ABBREVIATIONS: Readonly<Record<SlotStatus, string>> = {
  approved: 'A',
  collected: 'C',
  rejected: 'R',
  overdue: 'O',
  missing: '·',
};

export const STATUS_MEANINGS: Readonly<Record<SlotStatus, string>> = {
  approved: 'a reviewer approved its evidence',
  collected: 'evidence is in, awaiting review',
  rejected: 'its only evidence was rejected',
  overdue: 'the slot has ended without evidence',
  missing: 'no evidence yet, not yet due',
};

export function itemCount(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}

/** What a cell says to a screen reader and in its tooltip: the slot, its status and its items. */
export function describeCell(ref: string, row: ControlCoverage, cell: CellCoverage): string {
  const count = row.population !== null ? `population ${itemCount(cell.evidenceIds.length)}` : itemCount(cell.evidenceIds.length);
  const partial = cell.slot.partial ? ' (partial)' : '';
  return `${ref} ${cell.slot.label}${partial}: ${STATUS_LABELS[cell.status]}, ${count}`;
}

/** A short column heading for a slot, with a second line where it helps. */
export function slotHeading(slot: Slot): { main: string; sub: string | null } {
  const beforeParen = slot.label.split(' (')[0] ?? slot.label;
  switch (slot.kind) {
    case 'quarter': {
      const [quarter, year] = slot.label.split(' ');
      return { main: quarter ?? slot.label, sub: year ?? null };
    }
    case 'month': {
      const [month, year] = slot.label.split(' ');
      return { main: month ?? slot.label, sub: year ?? null };
    }
    case 'week':
      return { main: `W${Number(slot.id.slice(slot.id.indexOf('W') + 1))}`, sub: null };
    case 'as-of':
      return { main: 'As of', sub: slot.label.replace(/^As of /, '') };
    case 'population':
      return { main: 'Population', sub: 'whole period' };
    case 'period':
      return { main: 'Whole period', sub: null };
    case 'start':
      return { main: slot.label, sub: `first ${CONTINUOUS_EDGE_DAYS} days` };
    case 'end':
      return { main: slot.label, sub: `last ${CONTINUOUS_EDGE_DAYS} days` };
    default:
      return { main: beforeParen, sub: slot.partial ? 'partial' : null };
  }
}
