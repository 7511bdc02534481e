import type { AuditRecord, ControlRecord, EvidenceSource, RequestRecord } from '../../domain/records';
import type { SignoffRecord } from '../../signing/signoff';
import { BUNDLE_SCHEMA_ID, type BundleContent, type BundledEvidence } from '../model';

/**
 * data/manifest.json: everything a program needs to read the bundle without the app, described
 * by shared/bundle/manifest.schema.json. Fields are copied one by one rather than spreading the
 * database rows, so the published format changes only when this file does, never because a
 * Dexie schema version added a column.
 */
export function renderManifestJson(content: BundleContent): string {
  const manifest = {
    $schema: BUNDLE_SCHEMA_ID,
    formatVersion: content.formatVersion,
    generatedAt: content.generatedAt,
    generator: { name: content.generator.name, version: content.generator.version },
    audit: auditOf(content.audit),
    controls: content.controls.map(controlOf),
    requests: content.requests.map(requestOf),
    evidence: content.evidence.map(evidenceOf),
    signoffs: content.signoffs.map(signoffOf),
    keys: content.keys.map((k) => ({ fingerprint: k.fingerprint, publicKey: k.publicKey, name: k.name, role: k.role })),
    // What the bundle commits to: its trail's head, and every item of the trail it leaves out.
    logHead: { seq: content.logHead.seq, hash: content.logHead.hash },
    partial: content.leftOut.length > 0,
    leftOut: content.leftOut.map((l) => ({ evidenceId: l.evidenceId, reason: l.reason })),
    selection: {
      step: content.selection.step,
      from: content.selection.from,
      to: content.selection.to,
      controlIds: content.selection.controlIds === null ? null : [...content.selection.controlIds],
      includeRejected: content.selection.includeRejected,
      includeSuperseded: content.selection.includeSuperseded,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function auditOf(a: AuditRecord): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    organization: a.organization,
    type: a.type,
    asOf: a.asOf,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    timeZone: a.timeZone,
    categories: [...a.categories],
    systems: [...a.systems],
    report:
      a.report === null
        ? null
        : {
            opinion: a.report.opinion,
            reportDate: a.report.reportDate,
            auditorFirm: a.report.auditorFirm,
            exceptions: a.report.exceptions.map((e) => ({
              id: e.id,
              controlId: e.controlId,
              description: e.description,
              managementResponse: e.managementResponse,
            })),
          },
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function controlOf(c: ControlRecord): Record<string, unknown> {
  return {
    id: c.id,
    auditId: c.auditId,
    ref: c.ref,
    title: c.title,
    description: c.description,
    owner: c.owner,
    frequency: c.frequency,
    criteria: [...c.criteria],
    readiness: c.readiness,
    readinessNotes: c.readinessNotes,
    retired: c.retired,
    createdAt: c.createdAt,
  };
}

function requestOf(r: RequestRecord): Record<string, unknown> {
  return {
    id: r.id,
    auditId: r.auditId,
    requestId: r.requestId,
    description: r.description,
    controlIds: [...r.controlIds],
    dueDate: r.dueDate,
    createdAt: r.createdAt,
  };
}

function sourceOf(s: EvidenceSource): Record<string, unknown> {
  return s.kind === 'display'
    ? { kind: s.kind, displayId: s.displayId, displayName: s.displayName }
    : { kind: s.kind, originalName: s.originalName, originalPath: s.originalPath, modifiedAt: s.modifiedAt };
}

function evidenceOf(item: BundledEvidence): Record<string, unknown> {
  const r = item.record;
  return {
    id: r.id,
    path: item.path,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    name: r.name,
    controlIds: [...r.controlIds],
    controlRefs: [...item.controlRefs],
    step: r.step,
    evidenceDate: r.evidenceDate,
    capturedAt: r.capturedAt,
    timeZone: r.timeZone,
    capturedBy: r.capturedBy,
    host: r.host,
    source: sourceOf(r.source),
    processing: [...r.processing],
    notes: r.notes,
    // With these three, every field of the row is here: an import rebuilds it exactly, and the
    // rebuilt row matches the snapshot the audit trail holds.
    width: r.width,
    height: r.height,
    createdAt: r.createdAt,
    supersedes: r.supersedes,
    original: r.original === null ? null : { ...r.original, path: item.originalPath },
    systemReport: r.systemReport === null ? null : { ...r.systemReport },
    supersededBy: item.supersededBy,
    slot: item.slot === null ? null : { id: item.slot.id, label: item.slot.label },
    slots: item.slots.map((s) => ({ control: s.control, slot: s.slot })),
    decision: item.decision,
    signoffId: item.signoff?.id ?? null,
    // What the exporter saw: a decision of 'pending' beside a signoffId means the sign-off did not verify.
    signoffValid: item.signoffValid,
  };
}

function signoffOf(s: SignoffRecord): Record<string, unknown> {
  return {
    id: s.id,
    auditId: s.auditId,
    evidenceId: s.evidenceId,
    // The signed object goes out exactly as signed: copying it field by field would drop any
    // field a later payload version adds, and the signature would stop verifying.
    payload: s.payload,
    signature: s.signature,
    publicKey: s.publicKey,
  };
}
