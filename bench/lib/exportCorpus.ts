import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STARTER_CONTROLS } from '../../shared/catalog/starterControls';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry } from '../../shared/domain/records';
import { nextEntry } from '../../shared/log/chain';
import { planBundle, withSignature, type PlanInput } from '../../shared/bundle/plan';
import { computeReviewStates, reviewContextFor } from '../../shared/review/reviewState';
import { generateReviewerKeys, publicKeyPem, signBytes, type ReviewerKeys } from '../../shared/signing/ed25519';
import { signSignoff, type SignoffRecord } from '../../shared/signing/signoff';
import { seededRandom } from './table';

/**
 * A seeded evidence corpus as an audit holds it: stored files in the store's own layout
 * (`sha256/ab/cd/<hash>`, so `zip -0 -r` of that folder zips exactly the bytes the export
 * reads) and the records that describe them. The mix follows a real quarter: mostly
 * screenshots (PNG, incompressible, stored), some PDFs, and small CSV/text exports (deflated).
 */
export interface CorpusFile {
  readonly sha256: string;
  readonly size: number;
  readonly mime: string;
  readonly name: string;
}

const AUDIT_ID = '0b3e5c1a-0000-4000-8000-00000000be01';
const AT = '2026-11-20T15:00:00.000Z';

function kindOf(i: number): { mime: string; ext: string; weight: number } {
  if (i % 20 === 7) return { mime: 'application/pdf', ext: 'pdf', weight: 2.5 };
  if (i % 10 === 3) return { mime: 'text/csv', ext: 'csv', weight: 0.1 };
  return { mime: 'image/png', ext: 'png', weight: 1 };
}

/** Writes `count` files totalling about `totalBytes` into `storeRoot`; returns what it wrote. */
export async function writeExportCorpus(storeRoot: string, count: number, totalBytes: number, seed: number): Promise<CorpusFile[]> {
  const random = seededRandom(seed);
  const weights = Array.from({ length: count }, (_, i) => kindOf(i).weight * (0.5 + random()));
  const scale = totalBytes / weights.reduce((a, b) => a + b, 0);
  const files: CorpusFile[] = [];
  let block = Buffer.alloc(0);
  for (const [i, weight] of weights.entries()) {
    const kind = kindOf(i);
    const size = Math.max(1, Math.round(weight * scale));
    if (block.length < size) block = Buffer.alloc(size);
    const bytes = block.subarray(0, size);
    if (kind.mime === 'text/csv') {
      const row = `user${i},admin,2026-03-01,reviewed ${i % 7}\n`;
      for (let at = 0; at < size; at += row.length) bytes.write(row, at, 'latin1');
    } else {
      for (let at = 0; at + 4 <= size; at += 4) bytes.writeUInt32LE(Math.floor(random() * 0x1_0000_0000), at);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(storeRoot, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'w');
    await handle.write(bytes);
    await handle.close();
    files.push({ sha256, size, mime: kind.mime, name: `evidence ${i}.${kind.ext}` });
  }
  return files;
}

/** The records of an audit holding `files`, each approved by one reviewer: what planning reads. */
export async function syntheticAudit(files: readonly CorpusFile[]): Promise<{ input: Omit<PlanInput, 'reviewStates' | 'selection' | 'generatedAt' | 'appVersion' | 'exporter'>; keys: ReviewerKeys }> {
  const keys = await generateReviewerKeys();
  const audit: AuditRecord = {
    id: AUDIT_ID,
    name: 'SOC 2 Type II FY2026',
    organization: 'Bench Corp',
    type: 'type2',
    asOf: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    timeZone: 'America/New_York',
    categories: ['CC'],
    systems: ['Production'],
    report: null,
    createdAt: '2026-01-05T14:00:00.000Z',
    updatedAt: '2026-01-05T14:00:00.000Z',
  };
  const controls: ControlRecord[] = STARTER_CONTROLS.map((c, i) => ({
    id: `0b3e5c1a-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    auditId: AUDIT_ID,
    ref: c.ref,
    title: c.title,
    description: c.description,
    owner: 'J. Doe',
    frequency: c.frequency,
    criteria: [...c.criteria],
    readiness: 'ready',
    readinessNotes: '',
    retired: false,
    createdAt: audit.createdAt,
  }));
  const log: LogEntry[] = [];
  const evidence: EvidenceRecord[] = [];
  const signoffs: SignoffRecord[] = [];
  for (const [i, file] of files.entries()) {
    const control = controls[i % controls.length] as ControlRecord;
    const day = new Date(Date.UTC(2026, 0, 1) + (i % 360) * 86_400_000).toISOString().slice(0, 10);
    const capturedAt = `${day}T14:${String(i % 60).padStart(2, '0')}:00.000Z`;
    const record: EvidenceRecord = {
      id: `0b3e5c1a-0000-4000-8000-e${String(i + 1).padStart(11, '0')}`,
      auditId: AUDIT_ID,
      controlIds: [control.id],
      step: 'fieldwork',
      name: file.name,
      evidenceDate: capturedAt,
      capturedAt,
      timeZone: 'America/New_York',
      capturedBy: 'jdoe',
      host: 'laptop',
      source: { kind: 'file', originalName: file.name, originalPath: `/home/jdoe/${file.name}`, modifiedAt: capturedAt },
      processing: [],
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      width: null,
      height: null,
      notes: `Evidence ${i} for ${control.ref}`,
      supersedes: null,
      original: null,
      systemReport: null,
      createdAt: capturedAt,
    };
    evidence.push(record);
    log.push(nextEntry(log.at(-1), { auditId: AUDIT_ID, at: capturedAt, actor: 'jdoe@laptop', action: 'create', target: `evidence:${record.id}`, details: { snapshot: record } }));
    const payload = {
      v: 1 as const,
      evidenceId: record.id,
      evidenceSha256: record.sha256,
      controlRefs: [control.ref],
      decision: 'approved' as const,
      comment: 'Reviewed.',
      reviewer: { name: 'Dana Whitfield', role: 'IT Manager' },
      at: AT,
      keyFingerprint: keys.fingerprint,
    };
    signoffs.push({ id: `0b3e5c1a-0000-4000-8000-5${String(i + 1).padStart(11, '0')}`, auditId: AUDIT_ID, evidenceId: record.id, payload, signature: await signSignoff(keys.privateKey, payload), publicKey: keys.publicKeyRaw });
  }
  return { input: { audit, controls, requests: [], evidence, signoffs, log }, keys };
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value));
}

/**
 * Writes the corpus, plans and signs its bundle as the renderer does, and leaves the draft in
 * `draftDir` (draft.json naming each generated file by a file beside it) for exportBundle.ts.
 */
export async function prepareExportDraft(storeRoot: string, draftDir: string, count: number, totalBytes: number, seed: number): Promise<CorpusFile[]> {
  const files = await writeExportCorpus(storeRoot, count, totalBytes, seed);
  const { input, keys } = await syntheticAudit(files);
  const unsigned = await planBundle({
    ...input,
    reviewStates: await computeReviewStates(input.evidence, input.signoffs, reviewContextFor(input.audit, input.controls, [keys.fingerprint])),
    selection: { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: true },
    generatedAt: AT,
    appVersion: 'bench',
    exporter: { fingerprint: keys.fingerprint, publicKey: keys.publicKeyRaw, name: 'Dana Whitfield', role: 'IT Manager' },
  });
  const draft = await withSignature(unsigned, {
    algorithm: 'Ed25519',
    signedFile: 'tagmanifest-sha256.txt',
    signature: await signBytes(keys.privateKey, new TextEncoder().encode(unsigned.tagmanifest)),
    publicKey: keys.publicKeyRaw,
    publicKeyPem: await publicKeyPem(keys.publicKeyRaw),
    keyFingerprint: keys.fingerprint,
  });
  await mkdir(draftDir, { recursive: true });
  const entries = [];
  for (const [i, entry] of draft.entries.entries()) {
    if (entry.kind === 'blob') {
      entries.push(entry);
      continue;
    }
    const file = `generated-${i}.txt`;
    await writeFile(join(draftDir, file), entry.text);
    entries.push({ kind: 'generated', path: entry.path, file });
  }
  await writeJson(join(draftDir, 'draft.json'), { bagName: draft.bagName, generatedAt: draft.generatedAt, entries });
  return files;
}
