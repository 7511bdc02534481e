/**
 * The status of one request of the auditor's request list (the PBC list), derived from the
 * evidence of the controls it is linked to (issue #3). Pure: no Node or DOM API.
 *
 * Evidence counts for a control only when its evidence date lies in the audit window: evidence
 * outside it is flagged, never silently counted (DESIGN.md §1). Rejected evidence counts as not
 * provided, and an item another item supersedes has been replaced, so only its successor counts.
 */
import { TZDate } from '@date-fns/tz';
import type { EvidenceRecord, RequestRecord } from '../domain/records';
import { auditWindow, type AuditWindow } from '../periods/slots';

/** In the order the list's summary shows them: what needs attention first. */
export const REQUEST_STATUSES = ['overdue', 'unlinked', 'not-started', 'partial', 'provided'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type Review = 'pending' | 'approved' | 'rejected';

/** What the status needs of an evidence item. */
export type StatusEvidence = Pick<EvidenceRecord, 'id' | 'controlIds' | 'evidenceDate' | 'capturedAt' | 'supersedes'>;

/** What the status needs of a request. */
export type StatusRequest = Pick<RequestRecord, 'controlIds' | 'dueDate'>;

interface CountedItem {
  readonly id: string;
  /** When it was captured or added, in ms: what "provided on time" is measured by. */
  readonly capturedMs: number;
}

/** The audit's evidence sorted by control once, so that a long request list is cheap to rate. */
export interface EvidenceIndex {
  readonly timeZone: string;
  readonly counted: ReadonlyMap<string, readonly CountedItem[]>;
  readonly outsideWindow: ReadonlyMap<string, readonly string[]>;
  readonly rejected: ReadonlyMap<string, readonly string[]>;
}

export interface RequestStatusResult {
  readonly status: RequestStatus;
  readonly linkedControls: number;
  /** Linked controls with at least one counted item. */
  readonly coveredControls: number;
  /** Distinct counted items over the linked controls (an item linked to two of them counts once). */
  readonly evidence: number;
  /** Items of the linked controls dated outside the audit window: shown, not counted. */
  readonly outsideWindow: number;
  /** Items of the linked controls a reviewer rejected: not counted. */
  readonly rejected: number;
  /**
   * For a provided request with a due date: true when every linked control had counted evidence
   * captured before the due date ended (in the audit's zone), false when some came later.
   * null when there is no due date or the request is not provided.
   */
  readonly onTime: boolean | null;
}

/**
 * Sorts the audit's evidence by control. Throws when the audit has no valid window (a Type II
 * audit without a period, an unknown zone): the statuses cannot be computed then.
 */
export function indexEvidence(audit: AuditWindow, evidence: readonly StatusEvidence[], reviewOf: (evidenceId: string) => Review): EvidenceIndex {
  const window = auditWindow(audit);
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const superseded = new Set(evidence.map((item) => item.supersedes).filter((id): id is string => id !== null));
  const counted = new Map<string, CountedItem[]>();
  const outsideWindow = new Map<string, string[]>();
  const rejected = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const item of evidence) {
    if (superseded.has(item.id)) continue;
    const dated = Date.parse(item.evidenceDate);
    // An unreadable date cannot be shown to lie in the window, so it does not count either.
    const inWindow = !Number.isNaN(dated) && start <= dated && dated < end;
    const isRejected = reviewOf(item.id) === 'rejected';
    for (const controlId of new Set(item.controlIds)) {
      if (!inWindow) push(outsideWindow, controlId, item.id);
      else if (isRejected) push(rejected, controlId, item.id);
      else push(counted, controlId, { id: item.id, capturedMs: Date.parse(item.capturedAt) });
    }
  }
  return { timeZone: audit.timeZone, counted, outsideWindow, rejected };
}

/**
 * The instant a due date ends: midnight at the start of the following day in the zone, so a
 * request due 2026-03-31 in New York is on time until 2026-04-01T04:00:00Z. null for a value
 * that is not a real 'YYYY-MM-DD' date (the importer never stores one).
 */
export function dueDeadline(dueDate: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dueDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  // The next calendar day on UTC-midnight arithmetic, then its first instant in the zone.
  const next = new Date(date.getTime() + 86_400_000);
  return new Date(new TZDate(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), timeZone).getTime()).toISOString();
}

/**
 * - 'unlinked': no control is linked, the request needs triage (whatever its due date);
 * - 'provided': every linked control has counted evidence;
 * - 'overdue': not provided and the due date has ended in the audit's zone;
 * - 'partial': some linked controls have counted evidence;
 * - 'not-started': none has.
 */
export function requestStatus(request: StatusRequest, index: EvidenceIndex, now: string): RequestStatusResult {
  const controlIds = [...new Set(request.controlIds)];
  const items = new Set<string>();
  const outside = new Set<string>();
  const rejected = new Set<string>();
  let covered = 0;
  for (const controlId of controlIds) {
    const counted = index.counted.get(controlId) ?? [];
    if (counted.length > 0) covered += 1;
    for (const item of counted) items.add(item.id);
    for (const id of index.outsideWindow.get(controlId) ?? []) outside.add(id);
    for (const id of index.rejected.get(controlId) ?? []) rejected.add(id);
  }

  const deadline = request.dueDate === null ? null : dueDeadline(request.dueDate, index.timeZone);
  const deadlineMs = deadline === null ? null : Date.parse(deadline);
  const linked = controlIds.length;
  const provided = linked > 0 && covered === linked;
  let status: RequestStatus;
  if (linked === 0) status = 'unlinked';
  else if (provided) status = 'provided';
  else if (deadlineMs !== null && Date.parse(now) >= deadlineMs) status = 'overdue';
  else if (covered > 0) status = 'partial';
  else status = 'not-started';

  const onTime =
    provided && deadlineMs !== null
      ? controlIds.every((controlId) => (index.counted.get(controlId) ?? []).some((item) => item.capturedMs < deadlineMs))
      : null;

  return {
    status,
    linkedControls: linked,
    coveredControls: covered,
    evidence: items.size,
    outsideWindow: outside.size,
    rejected: rejected.size,
    onTime,
  };
}

export function countByStatus(statuses: readonly RequestStatus[]): Record<RequestStatus, number> {
  const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
