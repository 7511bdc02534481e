import type { ControlRecord } from '../../shared/domain/records';
import { changedFields } from './changes';
import { db } from './db';
import { appendLog } from './log';

export type ReadinessPatch = Partial<Pick<ControlRecord, 'readiness' | 'readinessNotes'>>;

/** Records the gap analysis of one control (status and notes) with its log entry, atomically. */
export async function updateReadiness(controlId: string, patch: ReadinessPatch, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.controls, db.log, async () => {
    const before = await db.controls.get(controlId);
    if (!before) throw new Error('This control no longer exists.');
    const changes = changedFields(before, patch);
    if (Object.keys(changes).length === 0) return;
    await db.controls.update(controlId, patch);
    await appendLog(before.auditId, { actor, action: 'update', target: `control:${controlId}`, details: { changes } }, now);
  });
}
