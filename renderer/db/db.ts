import Dexie, { type Table } from 'dexie';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, ThumbnailRecord } from '../../shared/domain/records';

export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/**
 * Schema versions. A released version is never edited: a change is a new constant, a new
 * `version()` call, an upgrade() when rows move, and a test that opens the old version.
 */
// v1, 2026-11-26: the foundation slice. Log keys are [auditId+seq]: one hash chain per audit.
export const SCHEMA_V1 = {
  audits: 'id, createdAt',
  controls: 'id, auditId, [auditId+ref]',
  evidence: 'id, auditId, *controlIds, sha256, capturedAt',
  thumbnails: 'sha256',
  log: '[auditId+seq], auditId, at',
  settings: 'key',
} as const;

export class LockerDb extends Dexie {
  audits!: Table<AuditRecord, string>;
  controls!: Table<ControlRecord, string>;
  evidence!: Table<EvidenceRecord, string>;
  thumbnails!: Table<ThumbnailRecord, string>;
  log!: Table<LogEntry, [string, number]>;
  settings!: Table<SettingRecord, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
  }
}

export const db = new LockerDb('evidence-locker');
