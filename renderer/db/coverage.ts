import type { ControlRecord, EvidenceRecord } from '../../shared/domain/records';
import { db } from './db';

/** Reads for the coverage matrix and the evidence browser; both only read. */

/** Every evidence item of the audit, superseded versions included: the callers decide what counts. */
export function listAuditEvidence(auditId: string): Promise<EvidenceRecord[]> {
  return db.evidence.where('auditId').equals(auditId).toArray();
}

/**
 * Every control of the audit, retired ones too: an item linked to a retired control still
 * names it in the evidence browser, never an unexplained id.
 */
export function listAuditControls(auditId: string): Promise<ControlRecord[]> {
  return db.controls.where('auditId').equals(auditId).toArray();
}
