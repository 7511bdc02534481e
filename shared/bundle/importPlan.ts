import { z } from 'zod';
import { SHA256_HEX } from '../bridge/contract';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, RequestRecord } from '../domain/records';
import { AUDIT_STEPS, FREQUENCIES, TSC_SERIES } from '../domain/types';
import { verifyChain } from '../log/chain';
import type { SignoffRecord } from '../signing/signoff';
import { isSafeBagPath } from './paths';
import { describeSelection } from './plan';

/**
 * Reading a bundle back (DESIGN.md §5, import): the bag's manifest.json is untrusted input even
 * after its hashes verified (a bundle can be made by anyone), so every row is validated here
 * before anything is written, and the merge never duplicates: same id, or same bytes in the
 * same audit, is already present.
 */
const id = z.string().min(1).max(100);
const instant = z.iso.datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sha = z.string().regex(SHA256_HEX);
const text = (max: number): z.ZodString => z.string().max(max);

const auditSchema = z.object({
  id,
  name: text(200),
  organization: text(200),
  type: z.enum(['type1', 'type2']),
  asOf: day.nullable(),
  periodStart: day.nullable(),
  periodEnd: day.nullable(),
  timeZone: text(64),
  categories: z.array(z.enum(TSC_SERIES)),
  systems: z.array(text(100)).max(1000),
  report: z
    .object({
      opinion: z.enum(['pending', 'unqualified', 'qualified', 'adverse', 'disclaimer']),
      reportDate: day.nullable(),
      auditorFirm: text(200),
      exceptions: z.array(z.object({ id, controlId: id.nullable(), description: text(20_000), managementResponse: text(20_000) })).max(1000),
    })
    .nullable(),
  createdAt: instant,
  updatedAt: instant,
});

const controlSchema = z.object({
  id,
  auditId: id,
  ref: text(40),
  title: text(300),
  description: text(20_000),
  owner: text(200),
  frequency: z.enum(FREQUENCIES),
  criteria: z.array(text(10)).max(100),
  readiness: z.enum(['not-started', 'gap', 'ready']),
  readinessNotes: text(20_000),
  retired: z.boolean(),
  createdAt: instant,
});

const requestSchema = z.object({ id, auditId: id, requestId: text(100), description: text(20_000), controlIds: z.array(id), dueDate: day.nullable(), createdAt: instant });

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('display'), displayId: text(128), displayName: text(200) }),
  z.object({ kind: z.literal('file'), originalName: text(1024), originalPath: text(4096), modifiedAt: instant }),
]);

const systemReportSchema = z.strictObject({
  sourceSystem: text(200),
  query: text(20_000),
  rowCount: z.number().int().min(0).nullable(),
  extractedAt: instant.nullable(),
  filterScreenshotId: id.nullable(),
});

const evidenceSchema = z.object({
  id,
  path: z.string().refine(isSafeBagPath, 'not a path inside the bag'),
  sha256: sha,
  size: z.number().int().min(0),
  mime: text(200),
  name: text(1024),
  controlIds: z.array(id).max(100),
  step: z.enum(AUDIT_STEPS),
  evidenceDate: instant,
  capturedAt: instant,
  timeZone: text(64),
  capturedBy: text(200),
  host: text(255),
  source: sourceSchema,
  processing: z.array(text(100)).max(100),
  notes: text(20_000),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  createdAt: instant,
  supersedes: id.nullable(),
  // Bundles written before these fields existed lack them: absent means none.
  original: z
    .object({
      sha256: sha,
      size: z.number().int().min(0),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      stored: z.boolean(),
      path: z.string().refine(isSafeBagPath, 'not a path inside the bag').nullable().default(null),
    })
    .nullable()
    .default(null),
  systemReport: systemReportSchema.nullable().default(null),
});

// Strict objects: the payload is stored exactly as signed, so an unknown field must refuse the
// row rather than be stripped (stripping would break its signature, or hide what it says).
const signoffV1Fields = {
  evidenceId: id,
  evidenceSha256: sha,
  controlRefs: z.array(text(40)).max(100),
  decision: z.enum(['approved', 'rejected']),
  comment: text(4000),
  reviewer: z.strictObject({ name: text(120), role: text(120) }),
  at: instant,
  keyFingerprint: text(100),
};

export const signoffPayloadSchema = z.discriminatedUnion('v', [
  z.strictObject({ v: z.literal(1), ...signoffV1Fields }),
  z.strictObject({
    v: z.literal(2),
    ...signoffV1Fields,
    evidenceDate: instant,
    slots: z.array(z.strictObject({ control: text(40), slot: text(40).nullable() })).max(100),
    systemReport: systemReportSchema.nullable(),
    logHead: z.strictObject({ seq: z.number().int().min(0), hash: sha.or(z.literal('0'.repeat(64))) }),
  }),
]);

const signoffSchema = z.object({
  id,
  auditId: id,
  evidenceId: id,
  payload: signoffPayloadSchema,
  signature: text(200),
  publicKey: text(100),
});

const manifestSchema = z.object({
  audit: auditSchema,
  controls: z.array(controlSchema).max(10_000),
  requests: z.array(requestSchema).max(50_000),
  evidence: z.array(evidenceSchema).max(65_535),
  signoffs: z.array(signoffSchema).max(200_000),
  // Format 1 bundles lack these: absent means a whole bundle of unknown head.
  partial: z.boolean().default(false),
  leftOut: z.array(z.object({ evidenceId: id, reason: text(100) })).max(200_000).default([]),
  selection: z
    .object({
      step: z.enum(AUDIT_STEPS).nullable(),
      from: z.string().max(40).nullable(),
      to: z.string().max(40).nullable(),
      controlIds: z.array(id).max(10_000).nullable(),
      includeRejected: z.boolean(),
      includeSuperseded: z.boolean(),
    })
    .nullable()
    .default(null),
});

const logSchema = z.object({
  auditId: id,
  seq: z.number().int().positive(),
  at: instant,
  actor: text(400),
  action: z.enum(['create', 'update', 'delete', 'signoff', 'import', 'export']),
  target: text(400),
  details: z.record(z.string(), z.unknown()),
  prevHash: sha.or(z.literal('0'.repeat(64))),
  hash: sha,
});

export interface LocalState {
  readonly auditExists: boolean;
  readonly controlIds: ReadonlySet<string>;
  readonly evidenceIds: ReadonlySet<string>;
  /** SHA-256 of the audit's evidence already here. */
  readonly evidenceHashes: ReadonlySet<string>;
  readonly signoffIds: ReadonlySet<string>;
  readonly requestIds: ReadonlySet<string>;
}

export interface ImportPreview {
  readonly audit: AuditRecord;
  readonly auditExists: boolean;
  readonly controls: readonly ControlRecord[];
  readonly requests: readonly RequestRecord[];
  readonly evidence: readonly { readonly record: EvidenceRecord; readonly path: string; readonly originalPath: string | null }[];
  readonly duplicates: { readonly sameId: number; readonly sameBytes: number };
  readonly signoffs: readonly SignoffRecord[];
  /** The bundle's whole trail: imported as is for an audit new here, summarized otherwise. */
  readonly log: readonly LogEntry[];
  readonly skipped: { readonly controls: number; readonly requests: number; readonly signoffs: number };
  /** What a partial bundle left out, by reason (empty for a whole bundle), and its selection in words. */
  readonly leftOut: readonly { readonly evidenceId: string; readonly reason: string }[];
  readonly selection: readonly string[];
}

export function parseBundleForImport(manifestJson: string, auditLog: string): { manifest: z.infer<typeof manifestSchema>; log: LogEntry[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(manifestJson);
  } catch {
    throw new Error('data/manifest.json is not valid JSON.');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`data/manifest.json: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const log: LogEntry[] = [];
  for (const [index, line] of auditLog.split('\n').entries()) {
    if (line.trim() === '') continue;
    const entry = logSchema.safeParse(JSON.parse(line));
    if (!entry.success) throw new Error(`data/audit-log.jsonl line ${index + 1}: ${entry.error.issues[0]?.message ?? 'invalid'}`);
    log.push(entry.data);
  }
  const chain = verifyChain(log);
  if (!chain.ok) throw new Error(`data/audit-log.jsonl: chain broken at entry ${chain.seq}: ${chain.reason}`);
  const auditId = parsed.data.audit.id;
  const foreign = [...parsed.data.controls, ...parsed.data.requests, ...parsed.data.signoffs].find((row) => row.auditId !== auditId);
  if (foreign) throw new Error(`data/manifest.json: a row of another audit (${foreign.auditId}) is in this bundle.`);
  if (log.some((e) => e.auditId !== auditId)) throw new Error('data/audit-log.jsonl: an entry of another audit is in this bundle.');
  return { manifest: parsed.data, log };
}

export function planImport(manifestJson: string, auditLog: string, local: LocalState): ImportPreview {
  const { manifest, log } = parseBundleForImport(manifestJson, auditLog);
  const audit = manifest.audit as AuditRecord;
  let sameId = 0;
  let sameBytes = 0;
  const seenHashes = new Set(local.evidenceHashes);
  const evidence: { record: EvidenceRecord; path: string; originalPath: string | null }[] = [];
  for (const e of manifest.evidence) {
    if (local.evidenceIds.has(e.id)) {
      sameId += 1;
      continue;
    }
    if (seenHashes.has(e.sha256)) {
      sameBytes += 1;
      continue;
    }
    seenHashes.add(e.sha256);
    const { path, original, ...fields } = e;
    evidence.push({
      record: {
        ...fields,
        auditId: audit.id,
        original: original && { sha256: original.sha256, size: original.size, width: original.width, height: original.height, stored: original.stored },
      },
      path,
      originalPath: original?.stored ? original.path : null,
    });
  }
  const keptEvidence = new Set([...local.evidenceIds, ...evidence.map((e) => e.record.id)]);
  const controls = manifest.controls.filter((c) => !local.controlIds.has(c.id)) as ControlRecord[];
  const requests = manifest.requests.filter((r) => !local.requestIds.has(r.id)) as RequestRecord[];
  const signoffs = manifest.signoffs.filter((s) => !local.signoffIds.has(s.id) && keptEvidence.has(s.evidenceId)) as SignoffRecord[];
  return {
    audit,
    auditExists: local.auditExists,
    controls,
    requests,
    evidence,
    duplicates: { sameId, sameBytes },
    signoffs,
    log,
    skipped: {
      controls: manifest.controls.length - controls.length,
      requests: manifest.requests.length - requests.length,
      signoffs: manifest.signoffs.length - signoffs.length,
    },
    leftOut: manifest.leftOut,
    selection: manifest.partial && manifest.selection ? describeSelection(manifest.selection, manifest.controls) : [],
  };
}
