import type { ControlRecord } from '../../shared/domain/records';
import { db } from './db';

export async function listControls(auditId: string): Promise<ControlRecord[]> {
  const controls = await db.controls.where('auditId').equals(auditId).toArray();
  return controls.sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}
