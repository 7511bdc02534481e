import type { EvidenceRecord } from '../../shared/domain/records';
import type { SignoffRecord } from '../../shared/signing/signoff';
import type { AuditRows } from './auditRows';
import { newestFirst, type ControlEvidence } from './evidence';
import { kept } from '../../shared/work/kept';

/** Each snapshot's rows by control, by the item they replace, and sign-offs by item: built once per snapshot. */
interface Indexes {
  readonly byControl: ReadonlyMap<string, readonly EvidenceRecord[]>;
  readonly bySupersedes: ReadonlyMap<string, readonly EvidenceRecord[]>;
  readonly signoffsByItem: ReadonlyMap<string, readonly SignoffRecord[]>;
}

const indexes = new WeakMap<AuditRows, Indexes>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexesOf(rows: AuditRows): Indexes {
  return kept(indexes, rows, () => {
    const byControl = new Map<string, EvidenceRecord[]>();
    const bySupersedes = new Map<string, EvidenceRecord[]>();
    // Withdrawn items too: a control's page shows them, marked.
    for (const item of rows.evidenceById.values()) {
      // As the multiEntry index: an item naming a control twice is listed once.
      for (const id of new Set(item.controlIds)) push(byControl, id, item);
      if (item.supersedes !== null) push(bySupersedes, item.supersedes, item);
    }
    for (const list of byControl.values()) list.sort(newestFirst);
    const signoffsByItem = new Map<string, SignoffRecord[]>();
    for (const s of rows.signoffs) push(signoffsByItem, s.evidenceId, s);
    return { byControl, bySupersedes, signoffsByItem };
  });
}

const answers = new WeakMap<AuditRows, Map<string, ControlEvidence>>();

/**
 * What readControlEvidence reads for a control's page, taken from the audit's rows in memory
 * (auditRows.ts) once they are there: the same items newest first, the items they refer to or
 * that replace them, and the sign-offs of the items and their replacements. At 10,000 items the
 * reads took 150-550 ms (two anyOf queries over 350 keys), on every visit and after every
 * attach (issue #12); here they are lookups in indexes built once per snapshot. A test holds
 * the two to the same answer.
 */
export function controlEvidenceOf(rows: AuditRows, controlId: string): ControlEvidence {
  const byControl = kept(answers, rows, () => new Map<string, ControlEvidence>());
  let answer = byControl.get(controlId);
  if (answer === undefined) {
    const { byControl: items0, bySupersedes, signoffsByItem } = indexesOf(rows);
    const items = items0.get(controlId) ?? [];
    const related = new Map(items.map((item) => [item.id, item]));
    const replacements = items.flatMap((item) => bySupersedes.get(item.id) ?? []);
    for (const item of replacements) related.set(item.id, item);
    for (const item of items) {
      for (const id of [item.supersedes, item.systemReport?.filterScreenshotId ?? null]) {
        const referenced = id === null ? undefined : rows.evidenceById.get(id);
        if (referenced && !related.has(referenced.id)) related.set(referenced.id, referenced);
      }
    }
    const reviewed = new Set([...items.map((i) => i.id), ...replacements.map((i) => i.id)]);
    const signoffs = [...reviewed].flatMap((id) => signoffsByItem.get(id) ?? []);
    answer = { items, related, signoffs };
    byControl.set(controlId, answer);
  }
  return answer;
}
