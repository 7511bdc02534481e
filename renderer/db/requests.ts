import type { ImportedRequest } from '../../shared/csv/requestsCsv';
import type { RequestRecord } from '../../shared/domain/records';
import { controlIdsForRefs, requestIdKey } from '../../shared/requests/importPreview';
import { changedFields } from './changes';
import { db } from './db';
import { appendLog } from './log';

export function listRequests(auditId: string): Promise<RequestRecord[]> {
  return db.requests.where('auditId').equals(auditId).toArray();
}

export interface RequestImportResult {
  readonly added: readonly RequestRecord[];
  /** Request ids the audit already held: left as they are. */
  readonly skipped: readonly string[];
}

/**
 * Adds the requests of one imported file, all or nothing, with one 'import' log entry. Request ids
 * the audit already holds (compared without regard to case, as the preview does) are skipped, not
 * updated: re-importing a longer version of the auditor's list must not undo links made by hand.
 * Control refs are resolved to the audit's active controls inside the transaction, so a control
 * retired since the preview is not linked.
 */
export async function importRequests(
  auditId: string,
  requests: readonly ImportedRequest[],
  fileName: string,
  actor: string,
  now: Date = new Date(),
): Promise<RequestImportResult> {
  const at = now.toISOString();
  return db.transaction('rw', db.requests, db.controls, db.log, async () => {
    const existing = new Set((await listRequests(auditId)).map((r) => requestIdKey(r.requestId)));
    const controls = (await db.controls.where('auditId').equals(auditId).toArray()).filter((c) => !c.retired);
    const added: RequestRecord[] = [];
    const skipped: string[] = [];
    for (const request of requests) {
      const key = requestIdKey(request.requestId);
      if (existing.has(key)) {
        skipped.push(request.requestId);
        continue;
      }
      existing.add(key);
      added.push({
        id: crypto.randomUUID(),
        auditId,
        requestId: request.requestId,
        description: request.description,
        controlIds: controlIdsForRefs(request.controlRefs, controls),
        dueDate: request.dueDate,
        createdAt: at,
      });
    }
    if (added.length === 0) return { added, skipped };
    await db.requests.bulkAdd(added);
    await appendLog(
      auditId,
      {
        actor,
        action: 'import',
        target: `requests:${auditId}`,
        details: { fileName, count: added.length, skipped: skipped.length, requestIds: added.map((r) => r.requestId) },
      },
      now,
    );
    return { added, skipped };
  });
}

/** Replaces the controls a request is linked to, logging the change by control id and ref. */
export async function setRequestControls(id: string, controlIds: readonly string[], actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.requests, db.controls, db.log, async () => {
    const before = await db.requests.get(id);
    if (!before) throw new Error('This request no longer exists.');
    const next = [...new Set(controlIds)];
    const changes = changedFields(before, { controlIds: next });
    if (Object.keys(changes).length === 0) return;
    const controls = await db.controls.bulkGet([...new Set([...before.controlIds, ...next])]);
    const refOf = new Map(controls.flatMap((c) => (c ? [[c.id, c.ref] as const] : [])));
    const refs = (ids: readonly string[]): string[] => ids.map((cid) => refOf.get(cid) ?? cid);
    await db.requests.update(id, { controlIds: next });
    await appendLog(
      before.auditId,
      {
        actor,
        action: 'update',
        target: `request:${id}`,
        details: { requestId: before.requestId, changes, controlRefs: { from: refs(before.controlIds), to: refs(next) } },
      },
      now,
    );
  });
}
