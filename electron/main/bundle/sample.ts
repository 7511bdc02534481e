import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { planBundle, stagePlan, withSignature, type PlanInput, type UnsignedBundle } from '../../../shared/bundle/plan';
import type { BundlePlan } from '../../../shared/bundle/planTypes';
import { STARTER_CONTROLS } from '../../../shared/catalog/starterControls';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry } from '../../../shared/domain/records';
import { nextEntry } from '../../../shared/log/chain';
import { computeReviewStates, reviewContextFor } from '../../../shared/review/reviewState';
import { generateReviewerKeys, publicKeyPem, signBytes, type ReviewerKeys } from '../../../shared/signing/ed25519';
import { signSignoff, type SignoffPayloadV2, type SignoffRecord } from '../../../shared/signing/signoff';
import { subjectResolver } from '../../../shared/signing/subjectResolver';
import { createTextStaging, stagingDirOf, type TextStaging } from './staging';
import { writeBundle, type WrittenBundle } from './writer';
import { createEvidenceStore, type EvidenceStore } from '../store';

/**
 * A realistic sample audit, built through the same records, store, planner and writer the app
 * uses, so anyone can see what an auditor receives (`evidence-locker sample-bundle out.zip`).
 */

const AUDIT_ID = '6f1d2c3b-0000-4000-8000-00000000a001';
const AT = '2026-11-20T15:00:00.000Z';
const ACTOR = 'jdoe@acme-it-laptop';

/** A small "screenshot": a window frame with coloured rows, real PNG bytes. */
function screenshotPng(seed: number, width = 480, height = 300): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const titleBar = y < 28;
      const row = Math.floor((y - 40) / 24);
      const stripe = y >= 40 && row % 2 === 0 && x > 16 && x < width - 16;
      const [r, g, b] = titleBar ? [20, 33, 61] : stripe ? [232, 240, 252] : [255, 255, 255];
      png.data[i] = (r + seed * 13) % 256;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export interface SampleAudit {
  readonly input: Omit<PlanInput, 'reviewStates' | 'selection' | 'generatedAt' | 'appVersion' | 'exporter'> & { readonly reviewStates?: never };
  readonly keys: ReviewerKeys;
  readonly reviewer: { readonly name: string; readonly role: string };
  readonly store: EvidenceStore;
}

export async function buildSampleAudit(storeRoot?: string): Promise<SampleAudit> {
  // A name the start-up sweep knows (sweep.ts), should the caller not remove it.
  const store = createEvidenceStore(storeRoot ?? (await mkdtemp(join(tmpdir(), 'evidence-locker-sample-store-'))));
  const keys = await generateReviewerKeys();
  const reviewer = { name: 'Dana Whitfield', role: 'IT Manager' };
  const audit: AuditRecord = {
    id: AUDIT_ID,
    name: 'SOC 2 Type II FY2026',
    organization: 'Acme Cloud Inc.',
    type: 'type2',
    asOf: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    timeZone: 'America/New_York',
    categories: ['CC', 'A'],
    systems: ['Production AWS account', 'Okta', 'GitHub'],
    report: null,
    createdAt: '2026-01-05T14:00:00.000Z',
    updatedAt: '2026-01-05T14:00:00.000Z',
  };
  const controls: ControlRecord[] = STARTER_CONTROLS.map((c, i) => ({
    id: `6f1d2c3b-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    auditId: AUDIT_ID,
    ref: c.ref,
    title: c.title,
    description: c.description,
    owner: i % 3 === 0 ? 'J. Doe' : '',
    frequency: c.frequency,
    criteria: [...c.criteria],
    readiness: 'ready',
    readinessNotes: '',
    retired: false,
    createdAt: audit.createdAt,
  }));
  const byRef = new Map(controls.map((c) => [c.ref, c]));
  const log: LogEntry[] = [];
  const append = (entry: Omit<LogEntry, 'seq' | 'prevHash' | 'hash' | 'auditId'>): void => {
    log.push(nextEntry(log.at(-1), { auditId: AUDIT_ID, ...entry }));
  };
  append({ at: audit.createdAt, actor: ACTOR, action: 'create', target: `audit:${AUDIT_ID}`, details: { name: audit.name, type: audit.type, starterControls: controls.length } });

  const items: { ref: string; name: string; mime: string; bytes: Buffer; day: string; kind: 'display' | 'file' }[] = [
    { ref: 'AC-01', name: 'Q1 access review - Okta admin console.png', mime: 'image/png', bytes: screenshotPng(1), day: '2026-03-30', kind: 'display' },
    { ref: 'AC-01', name: 'okta-users-2026Q1.csv', mime: 'text/csv', bytes: Buffer.from('user,role,last_login,reviewed_by\nalice,admin,2026-03-01,dana\nbob,viewer,2026-02-11,dana\n'), day: '2026-03-31', kind: 'file' },
    { ref: 'AC-01', name: 'Q2 access review - Okta admin console.png', mime: 'image/png', bytes: screenshotPng(2), day: '2026-06-29', kind: 'display' },
    { ref: 'AC-02', name: 'MFA enforced - Okta policy.png', mime: 'image/png', bytes: screenshotPng(3), day: '2026-01-06', kind: 'display' },
    { ref: 'CM-01', name: 'change-tickets-2026-H1.csv', mime: 'text/csv', bytes: Buffer.from('ticket,approved_by,deployed\nCHG-101,cto,2026-02-03\nCHG-117,cto,2026-04-12\n'), day: '2026-06-30', kind: 'file' },
    { ref: 'BC-02', name: 'Restore test notes Q1.txt', mime: 'text/plain', bytes: Buffer.from('Restored db-prod snapshot 2026-03-12 into staging; checksums matched.\n'), day: '2026-03-12', kind: 'file' },
  ];
  const evidence: EvidenceRecord[] = [];
  for (const [i, it] of items.entries()) {
    const stored = await store.put(it.bytes);
    // Screenshots as the editor saves them: stamped, with the raw capture kept beside them,
    // except the redacted one (i = 2), of which only the raw capture's hash survives.
    const raw = it.kind === 'display' ? screenshotPng(i + 20, 480, 240) : null;
    const rawStored = raw && i !== 2 ? await store.put(raw) : null;
    const control = byRef.get(it.ref);
    if (!control) throw new Error(`sample control ${it.ref} missing`);
    const capturedAt = `${it.day}T${String(13 + (i % 5)).padStart(2, '0')}:15:00.000Z`;
    const record: EvidenceRecord = {
      id: `6f1d2c3b-0000-4000-8000-e${String(i + 1).padStart(11, '0')}`,
      auditId: AUDIT_ID,
      controlIds: [control.id],
      step: 'fieldwork',
      name: it.name,
      evidenceDate: capturedAt,
      capturedAt,
      timeZone: 'America/New_York',
      capturedBy: 'jdoe',
      host: 'acme-it-laptop',
      source:
        it.kind === 'display'
          ? { kind: 'display', displayId: 'HDMI-1', displayName: 'HDMI-1' }
          : { kind: 'file', originalName: it.name, originalPath: `/home/jdoe/Downloads/${it.name}`, modifiedAt: capturedAt },
      processing: raw ? (i === 2 ? ['redacted:1', 'stamped'] : ['stamped']) : [],
      mime: it.mime,
      size: stored.size,
      sha256: stored.sha256,
      width: it.mime === 'image/png' ? 480 : null,
      height: it.mime === 'image/png' ? 300 : null,
      notes: i === 1 ? 'Exported from Okta > Reports > Users, filter: status=ACTIVE' : '',
      supersedes: null,
      original: raw && { sha256: createHash('sha256').update(raw).digest('hex'), size: raw.length, width: 480, height: 240, stored: rawStored !== null },
      systemReport:
        i === 1
          ? { sourceSystem: 'Okta', query: 'Reports > Users, status = ACTIVE', rowCount: 2, extractedAt: '2026-03-31T14:02:00.000Z', filterScreenshotId: null }
          : null,
      createdAt: capturedAt,
    };
    evidence.push(record);
    append({ at: capturedAt, actor: ACTOR, action: 'create', target: `evidence:${record.id}`, details: { snapshot: record } });
  }

  const signoffs: SignoffRecord[] = [];
  const subjectOf = subjectResolver(audit, controls);
  for (const [i, item] of evidence.entries()) {
    if (i === evidence.length - 1) continue; // one item still waiting for review
    const head = log.at(-1);
    const payload: SignoffPayloadV2 = {
      v: 2,
      evidenceId: item.id,
      ...subjectOf(item),
      decision: 'approved',
      comment: 'Reviewed against the control description.',
      reviewer,
      at: AT,
      keyFingerprint: keys.fingerprint,
      logHead: { seq: head?.seq ?? 0, hash: head?.hash ?? '0'.repeat(64) },
    };
    const record: SignoffRecord = {
      id: `6f1d2c3b-0000-4000-8000-5${String(i + 1).padStart(11, '0')}`,
      auditId: AUDIT_ID,
      evidenceId: item.id,
      payload,
      signature: await signSignoff(keys.privateKey, payload),
      publicKey: keys.publicKeyRaw,
    };
    signoffs.push(record);
    append({ at: AT, actor: 'dana@mgr-laptop', action: 'signoff', target: `evidence:${item.id}`, details: { signoffId: record.id, decision: 'approved', keyFingerprint: keys.fingerprint, logHead: payload.logHead } });
  }
  return { input: { audit, controls, requests: [], evidence, signoffs, log }, keys, reviewer, store };
}

type SignOptions = { selection?: PlanInput['selection']; generatedAt?: string; appVersion?: string };

/**
 * Plans and signs a bundle of a sample (or any) audit, its generated files staged in `staging`,
 * as the renderer does before an export.
 */
export async function signPlan(sample: SampleAudit, staging: TextStaging, options: SignOptions = {}): Promise<{ unsigned: UnsignedBundle; plan: BundlePlan }> {
  const unsigned = await planBundle({
    ...sample.input,
    // The sample's reviewer is the exporter here: its key is the one trusted.
    reviewStates: await computeReviewStates(
      sample.input.evidence,
      sample.input.signoffs,
      reviewContextFor(sample.input.audit, sample.input.controls, [sample.keys.fingerprint]),
    ),
    selection: options.selection ?? { step: null, from: null, to: null, controlIds: null, includeRejected: false, includeSuperseded: false },
    generatedAt: options.generatedAt ?? AT,
    appVersion: options.appVersion ?? '0.1.0',
    exporter: { fingerprint: sample.keys.fingerprint, publicKey: sample.keys.publicKeyRaw, ...sample.reviewer },
  });
  const draft = await withSignature(unsigned, {
    algorithm: 'Ed25519',
    signedFile: 'tagmanifest-sha256.txt',
    signature: await signBytes(sample.keys.privateKey, new Uint8Array(Buffer.from(unsigned.tagmanifest, 'utf8'))),
    publicKey: sample.keys.publicKeyRaw,
    publicKeyPem: await publicKeyPem(sample.keys.publicKeyRaw),
    keyFingerprint: sample.keys.fingerprint,
  });
  return { unsigned, plan: await stagePlan(draft, (file) => staging.putText(file.text)) };
}

/** Plans, signs and writes a bundle of a sample (or any) audit, as the app does. */
export async function signAndWrite(
  sample: SampleAudit,
  target: string,
  options: SignOptions = {},
): Promise<{ written: WrittenBundle; unsigned: UnsignedBundle; plan: BundlePlan }> {
  const staging = createTextStaging(stagingDirOf(sample.store.root));
  const { unsigned, plan } = await signPlan(sample, staging, options);
  try {
    return { written: await writeBundle(plan, { store: sample.store, staging }, target), unsigned, plan };
  } finally {
    await staging.release(plan.entries.filter((e) => e.kind === 'staged').map((e) => e.sha256));
  }
}
