import Dexie, { type Table } from 'dexie';
import type { SignoffRecord } from '../../shared/signing/signoff';
import type { KeyringEntry } from '../../shared/trust/keyring';
import { changeFeed } from './changeFeed';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, RequestRecord, TaskRecord, ThumbnailRecord } from '../../shared/domain/records';

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

// v2, 2026-11-26: the auditor's request list and remediation/maintenance tasks; audits gain
// `report` (null until the report is received).
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  requests: 'id, auditId, [auditId+requestId]',
  tasks: 'id, auditId, controlId, status',
} as const;

// v3, 2026-11-26: reviewers' signed sign-offs, several per item over time (the latest counts).
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  signoffs: 'id, auditId, evidenceId',
} as const;

// v4, 2026-11-26: evidence rows gain `original` (the raw capture behind a processed screenshot)
// and `systemReport` (where a report came from). No index changes; old rows get null.
export const SCHEMA_V4 = SCHEMA_V3;

// v5, 2026-11-30: audits gain `archivedAt` (issue #13: archive an audit). No index changes:
// the audit list is read whole. Old rows get null.
export const SCHEMA_V5 = SCHEMA_V4;

// v6 "keyring", 2026-11-30: the keys this installation trusts (its own reviewer key and keys
// confirmed by fingerprint), by fingerprint (issue #11). The reviewer's existing key is put in.
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  keyring: 'fingerprint, source',
} as const;

// v7, 2026-11-30: indexes for a year of evidence (issue #12). `supersedes` finds an item's
// re-capture without reading the audit; [auditId+sha256] finds the same bytes within one audit;
// [auditId+id] reads an audit's rows in key order, a chunk at a time, and resumes after the
// last key. No rows move: IndexedDB builds the new indexes over existing rows.
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  evidence: 'id, auditId, *controlIds, sha256, capturedAt, supersedes, [auditId+sha256], [auditId+id]',
  signoffs: 'id, auditId, evidenceId, [auditId+id]',
} as const;

// v8, 2026-12-01: evidence rows gain `withdrawal` (issue #13: withdraw a wrongly attached item),
// null for every existing row. [auditId+withdrawal.at] holds only withdrawn rows (IndexedDB leaves
// a row out of an index whose key path it lacks), so the few withdrawn items of an audit are found
// without reading the audit, and the index counts can leave them out.
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  evidence: `${SCHEMA_V7.evidence}, [auditId+withdrawal.at]`,
} as const;

/** Tables whose committed writes the change feed reports (renderer/db/changeFeed.ts). */
export const WATCHED_TABLES: ReadonlySet<string> = new Set(['evidence', 'signoffs']);

export class LockerDb extends Dexie {
  audits!: Table<AuditRecord, string>;
  controls!: Table<ControlRecord, string>;
  evidence!: Table<EvidenceRecord, string>;
  thumbnails!: Table<ThumbnailRecord, string>;
  log!: Table<LogEntry, [string, number]>;
  settings!: Table<SettingRecord, string>;
  requests!: Table<RequestRecord, string>;
  tasks!: Table<TaskRecord, string>;
  signoffs!: Table<SignoffRecord, string>;
  keyring!: Table<KeyringEntry, string>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table('audits')
          .toCollection()
          .modify((audit: { report?: unknown }) => {
            audit.report ??= null;
          }),
      );
    this.version(3).stores(SCHEMA_V3);
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade((tx) =>
        tx
          .table('evidence')
          .toCollection()
          .modify((row: { original?: unknown; systemReport?: unknown }) => {
            row.original ??= null;
            row.systemReport ??= null;
          }),
      );
    this.version(5)
      .stores(SCHEMA_V5)
      .upgrade((tx) =>
        tx
          .table('audits')
          .toCollection()
          .modify((audit: { archivedAt?: unknown }) => {
            audit.archivedAt ??= null;
          }),
      );
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade(async (tx) => {
        const reviewer = (await tx.table('settings').get('reviewer')) as { value?: Partial<Record<string, unknown>> } | undefined;
        const value = reviewer?.value;
        if (!value || typeof value['fingerprint'] !== 'string' || typeof value['publicKeyRaw'] !== 'string') return;
        const own: KeyringEntry = {
          fingerprint: value['fingerprint'],
          publicKey: value['publicKeyRaw'],
          name: typeof value['name'] === 'string' ? value['name'] : '',
          role: typeof value['role'] === 'string' ? value['role'] : '',
          source: 'own',
          how: 'made on this computer',
          addedAt: typeof value['createdAt'] === 'string' ? value['createdAt'] : new Date().toISOString(),
          addedBy: 'schema upgrade',
        };
        await tx.table('keyring').put(own);
      });
    this.version(7).stores(SCHEMA_V7);
    this.version(8)
      .stores(SCHEMA_V8)
      .upgrade((tx) =>
        tx
          .table('evidence')
          .toCollection()
          .modify((row: { withdrawal?: unknown }) => {
            row.withdrawal ??= null;
          }),
      );
    this.use(changeFeed(name, WATCHED_TABLES));
  }
}

export const db = new LockerDb('evidence-locker');
