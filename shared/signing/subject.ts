import { canonicalJson } from '../log/chain';
import type { SystemReport } from '../domain/records';

/**
 * What a reviewer saw and decided on when signing an item (issue #13, DESIGN.md §4): the bytes,
 * the date the item speaks for, the slot it fills for each of its controls, the controls, and
 * the facts of a system report. A sign-off covers this subject; changing any part of it makes
 * the sign-off stale, and the item goes back to review.
 */
export interface LogHead {
  readonly seq: number;
  readonly hash: string;
}

export interface SignedSlot {
  /** The control's ref. */
  readonly control: string;
  /** The slot id the item fills for that control, or null when it is outside the audit window. */
  readonly slot: string | null;
}

export interface SignoffSubject {
  readonly evidenceSha256: string;
  readonly evidenceDate: string;
  /** Control refs, sorted. */
  readonly controlRefs: readonly string[];
  /** One per control ref, sorted by ref. */
  readonly slots: readonly SignedSlot[];
  readonly systemReport: SystemReport | null;
}

export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const sortedRefs = (refs: unknown): unknown => (Array.isArray(refs) ? [...(refs as string[])].sort(byText) : refs);

/**
 * The parts of `now` that differ from what a payload signed, as words for people. The hash is
 * not among them: bytes never change under an item, so a hash mismatch is tampering, not
 * staleness, and is reported by the signature check.
 */
export function subjectChanges(
  signed: { readonly v: number; readonly controlRefs: readonly string[] } & Partial<Omit<SignoffSubject, 'controlRefs'>>,
  now: SignoffSubject,
): string[] {
  const changed: string[] = [];
  if (!same(sortedRefs(signed.controlRefs), sortedRefs(now.controlRefs))) changed.push('controls');
  if (signed.v === 1) return changed;
  if (signed.evidenceDate !== now.evidenceDate) changed.push('evidence date');
  if (!same(signed.slots, now.slots) && !changed.includes('controls')) changed.push('slot');
  if (!same(signed.systemReport, now.systemReport)) changed.push('system-report facts');
  return changed;
}
