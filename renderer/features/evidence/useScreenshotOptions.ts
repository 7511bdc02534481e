import { useMemo } from 'react';
import { isFilterScreenshotCandidate } from '../../../shared/domain/systemReport';
import { visibleName } from '../../../shared/files/visibleName';
import { compareNumeric } from '../../../shared/text/compare';
import { formatInZone } from '../../../shared/time/format';
import type { AuditRows } from '../../db/auditRows';
import { useAuditRows } from '../audits/useAuditRows';
import type { ScreenshotOption } from './SystemReportFields';

interface Image {
  readonly id: string;
  readonly name: string;
  readonly dated: string;
}

/** The audit's images, labelled and sorted once per snapshot and zone (a few thousand at scale). */
const imagesByRows = new WeakMap<AuditRows, Map<string, { readonly images: readonly Image[]; readonly names: ReadonlyMap<string, number> }>>();

function auditImages(rows: AuditRows, timeZone: string): { readonly images: readonly Image[]; readonly names: ReadonlyMap<string, number> } {
  let byZone = imagesByRows.get(rows);
  if (!byZone) {
    byZone = new Map();
    imagesByRows.set(rows, byZone);
  }
  let found = byZone.get(timeZone);
  if (!found) {
    // Any id that is not an item's own: every image is a candidate for some other item.
    const candidates = rows.evidence.filter((e) => isFilterScreenshotCandidate(e, ''));
    const names = new Map<string, number>();
    for (const e of candidates) names.set(e.name, (names.get(e.name) ?? 0) + 1);
    const images = candidates.map((e) => ({ id: e.id, name: e.name, dated: `${visibleName(e.name)} (${formatInZone(e.capturedAt, timeZone)})` }));
    found = { images, names };
    byZone.set(timeZone, found);
  }
  return found;
}

/**
 * The audit's other images by name, to pick a system report's filter screenshot from; two with
 * the same name are told apart by capture time. Only watched while `enabled` (the item's system
 * report fields are open): an editor that does not show the list costs nothing.
 */
export function useScreenshotOptions(auditId: string, timeZone: string, itemId: string, enabled: boolean): readonly ScreenshotOption[] | undefined {
  const rows = useAuditRows(auditId, enabled);
  return useMemo(() => {
    if (rows === undefined) return undefined;
    const { images, names } = auditImages(rows, timeZone);
    const self = images.find((image) => image.id === itemId);
    const countOf = (name: string): number => (names.get(name) ?? 0) - (self?.name === name ? 1 : 0);
    return images
      .filter((image) => image.id !== itemId)
      .map((image) => ({ id: image.id, label: countOf(image.name) > 1 ? image.dated : visibleName(image.name) }))
      .sort((a, b) => compareNumeric(a.label, b.label));
  }, [rows, timeZone, itemId]);
}
