import { bytesToHex } from '@noble/hashes/utils.js';
import { describeAuditWindow } from '../domain/audit';
import type { AuditRecord, ControlRecord, EvidenceRecord, LogEntry, RequestRecord } from '../domain/records';
import { cachedSlots, isInWindow, slotOf } from '../periods/slots';
import type { ReviewState } from '../review/reviewState';
import type { SignoffRecord } from '../signing/signoff';
import { dayInZone } from '../time/evidenceDate';
import { compareNumeric, compareText } from '../text/compare';
import { formatBytes } from '../time/format';
import { BAGIT_TXT, bagInfoText, manifestText, payloadOxum, type ManifestLine } from './bagit';
import { GENESIS_HASH } from '../log/chain';
import { subjectResolver } from '../signing/subjectResolver';
import { isWithdrawn, withdrawnInTrail } from '../evidence/withdrawal';
import { evidenceInTrail } from '../verify/history';
import { BUNDLE_FORMAT_VERSION, type BundleContent, type BundledEvidence, type BundleReviewerKey, type LeftOut, type LeftOutReason } from './model';
import { evidenceFileName, PathAllocator, slug } from './paths';
import type { BundlePlan, PlanEntry } from './planTypes';
import { renderAuditLogJsonl } from './render/auditLogJsonl';
import { renderEvidenceCsv } from './render/evidenceCsv';
import { renderIndexHtml } from './render/indexHtml';
import { renderManifestJson } from './render/manifestJson';
import { renderVerifyHtml } from './render/verifyHtml';

/**
 * The bundle planner (DESIGN.md §5): which evidence goes in, where each file lands, and the
 * full text of every generated file, computed from IndexedDB rows without touching the disk.
 * Main then writes exactly this plan, streaming evidence bytes from the store.
 */

export interface PlanInput {
  readonly audit: AuditRecord;
  readonly controls: readonly ControlRecord[];
  readonly requests: readonly RequestRecord[];
  readonly evidence: readonly EvidenceRecord[];
  readonly signoffs: readonly SignoffRecord[];
  readonly log: readonly LogEntry[];
  readonly reviewStates: ReadonlyMap<string, ReviewState>;
  readonly selection: BundleContent['selection'];
  readonly generatedAt: string;
  readonly appVersion: string;
  /** The key that signs the bag (the exporting reviewer's). */
  readonly exporter: BundleReviewerKey;
}

/** A generated file of the bag, with the hash and size its manifest line and plan entry state. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
  /** The text as UTF-8: what is hashed, and what is staged in main (no second encoding). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
  readonly size: number;
}

type BlobEntry = Extract<PlanEntry, { kind: 'blob' }>;
/** An entry of a plan still holding its generated files' text, in the order they are zipped. */
export type DraftEntry = BlobEntry | ({ readonly kind: 'generated' } & GeneratedFile);

/** The plan before its generated files are staged in main (see stagePlan). */
export interface DraftPlan {
  readonly bagName: string;
  readonly generatedAt: string;
  readonly entries: readonly DraftEntry[];
}

export interface UnsignedBundle {
  readonly draft: DraftPlan;
  readonly content: BundleContent;
  /** The exact text of tagmanifest-sha256.txt: what signature.json signs. */
  readonly tagmanifest: string;
}

/** Formats that are compressed already: DEFLATE would only cost time (DESIGN.md §5). */
const STORED_MIME = /^(image\/(png|jpeg|gif|webp)|video\/|audio\/|application\/(zip|gzip|pdf|x-7z-compressed)|application\/vnd\.openxmlformats)/;


export function bagNameFor(audit: AuditRecord, generatedAt: string): string {
  return `${slug(audit.organization, 'org').slice(0, 40)}-${slug(audit.name, 'audit').slice(0, 40)}-${generatedAt.slice(0, 10)}`.replace(/-{2,}/g, '-');
}

/** Why the selection leaves an item out, or null when it goes in. */
function leftOutBy(input: PlanInput, item: EvidenceRecord): LeftOutReason | null {
  const { selection, reviewStates, audit } = input;
  const state = reviewStates.get(item.id);
  if (selection.step !== null && item.step !== selection.step) return 'outside the selected step';
  const day = dayInZone(item.evidenceDate, audit.timeZone);
  if ((selection.from !== null && day < selection.from) || (selection.to !== null && day > selection.to)) return 'outside the selected period';
  if (selection.controlIds !== null && !item.controlIds.some((id) => selection.controlIds?.includes(id))) return 'not linked to a selected control';
  if (!selection.includeRejected && state?.decision === 'rejected') return 'rejected';
  if (!selection.includeSuperseded && state?.supersededBy) return 'superseded';
  return null;
}

/** What a partial bundle holds, in words for bag-info.txt and the import preview. */
export function describeSelection(selection: BundleContent['selection'], controls: readonly ControlRecord[]): string[] {
  const parts: string[] = [];
  if (selection.step !== null) parts.push(`only the ${selection.step} step`);
  if (selection.from !== null || selection.to !== null) parts.push(`only evidence dated ${selection.from ?? 'any time'} to ${selection.to ?? 'any time'}`);
  if (selection.controlIds !== null) {
    const refs = controls.filter((c) => selection.controlIds?.includes(c.id)).map((c) => c.ref);
    parts.push(`only ${refs.length === 1 ? 'control' : `${refs.length} controls:`} ${refs.slice(0, 10).join(', ')}${refs.length > 10 ? ', …' : ''}`);
  }
  if (!selection.includeRejected) parts.push('without rejected items');
  if (!selection.includeSuperseded) parts.push('without superseded versions');
  return parts;
}

function originalsOf(bundled: readonly BundledEvidence[]): { path: string; sha256: string; size: number }[] {
  return bundled.flatMap((b) =>
    b.originalPath !== null && b.record.original ? [{ path: b.originalPath, sha256: b.record.original.sha256, size: b.record.original.size }] : [],
  );
}

export async function planBundle(input: PlanInput): Promise<UnsignedBundle> {
  const { audit, generatedAt } = input;
  const bagName = bagNameFor(audit, generatedAt);
  const controlById = new Map(input.controls.map((c) => [c.id, c]));
  const slotsByControl = new Map(input.controls.map((c) => [c.id, cachedSlots(audit, c.frequency)]));

  const leftOut: LeftOut[] = [];
  // A withdrawn item is in no bundle, and not "left out" either (that would make every bundle
  // partial): its trail entries say it was withdrawn, which is what the verifier reads.
  const ofAudit = input.evidence.filter((item) => item.auditId === audit.id && !isWithdrawn(item));
  for (const item of ofAudit) {
    const reason = leftOutBy(input, item);
    if (reason !== null) leftOut.push({ evidenceId: item.id, reason });
  }
  // Items the trail records but this installation never received (it imported a partial bundle).
  const held = new Set(ofAudit.map((e) => e.id));
  const withdrawn = withdrawnInTrail(input.log);
  for (const id of evidenceInTrail(input.log).keys()) {
    if (!held.has(id) && !withdrawn.has(id)) leftOut.push({ evidenceId: id, reason: 'not held by the exporting installation' });
  }
  const excluded = new Set(leftOut.map((l) => l.evidenceId));
  const subjectOf = subjectResolver(audit, input.controls);

  const chosen = ofAudit
    .filter((item) => !excluded.has(item.id))
    .map((item) => {
      const controls = item.controlIds.map((id) => controlById.get(id)).filter((c): c is ControlRecord => c !== undefined);
      const primary = controls[0];
      const slot = primary && isInWindow(audit, item.evidenceDate) ? slotOf(slotsByControl.get(primary.id) ?? [], item.evidenceDate) : null;
      return { item, controls, primary, slot };
    })
    // Collators made once (shared/text/compare.ts), in the same orders localeCompare gave.
    .sort(
      (a, b) =>
        compareNumeric(a.primary?.ref ?? '', b.primary?.ref ?? '') ||
        compareText(a.slot?.start ?? '~', b.slot?.start ?? '~') ||
        compareText(a.item.evidenceDate, b.item.evidenceDate) ||
        compareText(a.item.id, b.item.id),
    );

  const allocator = new PathAllocator();
  const folderCounts = new Map<string, number>();
  const bundled: BundledEvidence[] = chosen.map(({ item, controls, primary, slot }) => {
    const folder = `data/evidence/${slug(primary?.ref ?? 'unassigned', 'control')}/${slot ? slug(slot.id, 'slot') : 'outside-window'}`;
    const index = (folderCounts.get(folder) ?? 0) + 1;
    folderCounts.set(folder, index);
    const state = input.reviewStates.get(item.id);
    const path = allocator.allocate(`${folder}/${evidenceFileName(index, item.name)}`);
    return {
      record: item,
      path,
      // Beside the stamped image, named after it, so the two sort together.
      originalPath: item.original?.stored ? allocator.allocate(path.replace(/(\.[^./]*)?$/, '.original.png')) : null,
      controlRefs: controls.map((c) => c.ref),
      slot: slot ? { id: slot.id, label: slot.label } : null,
      slots: subjectOf(item).slots,
      decision: state?.decision ?? 'pending',
      signoff: state?.latest ?? null,
      signoffValid: state?.validity ? state.validity.valid : null,
      supersededBy: state?.supersededBy ?? null,
    };
  });
  const included = new Set(bundled.map((b) => b.record.id));
  const signoffs = input.signoffs.filter((s) => included.has(s.evidenceId));

  const keys = new Map<string, BundleReviewerKey>([[input.exporter.fingerprint, input.exporter]]);
  for (const s of signoffs) {
    if (!keys.has(s.payload.keyFingerprint)) {
      keys.set(s.payload.keyFingerprint, { fingerprint: s.payload.keyFingerprint, publicKey: s.publicKey, name: s.payload.reviewer.name, role: s.payload.reviewer.role });
    }
  }

  const content: BundleContent = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    generatedAt,
    generator: { name: 'Evidence Locker', version: input.appVersion },
    bagName,
    audit,
    controls: input.controls.filter((c) => input.selection.controlIds === null || input.selection.controlIds.includes(c.id)),
    requests: input.requests,
    evidence: bundled,
    signoffs,
    // The whole trail, always: a filtered trail would not verify as a chain.
    log: input.log,
    logHead: { seq: input.log.at(-1)?.seq ?? 0, hash: input.log.at(-1)?.hash ?? GENESIS_HASH },
    leftOut,
    keys: [...keys.values()],
    selection: input.selection,
  };

  // Each file's hash is taken while the next one renders (WebCrypto hashes off this thread).
  const generated = await Promise.all([
    generatedFile('data/manifest.json', renderManifestJson(content)),
    generatedFile('data/audit-log.jsonl', renderAuditLogJsonl(content)),
    generatedFile('data/evidence.csv', renderEvidenceCsv(content)),
    generatedFile('data/index.html', renderIndexHtml(content, { exporterKeyFingerprint: input.exporter.fingerprint })),
    generatedFile('data/VERIFY.html', renderVerifyHtml()),
  ]);
  const payload: ManifestLine[] = [
    ...bundled.map((b) => ({ path: b.path, sha256: b.record.sha256 })),
    ...originalsOf(bundled).map((o) => ({ path: o.path, sha256: o.sha256 })),
    ...generated.map((g) => ({ path: g.path, sha256: g.sha256 })),
  ];
  const payloadSizes = [
    ...bundled.map((b) => ({ size: b.record.size })),
    ...originalsOf(bundled).map((o) => ({ size: o.size })),
    ...generated.map((g) => ({ size: g.size })),
  ];
  const payloadBytes = payloadSizes.reduce((sum, f) => sum + f.size, 0);

  const bagInfo = bagInfoText([
    ['Source-Organization', audit.organization],
    ['External-Identifier', audit.id],
    ['External-Description', `${audit.name}: SOC 2 ${describeAuditWindow(audit)} (${audit.timeZone})`],
    ['Bagging-Date', generatedAt.slice(0, 10)],
    ['Bag-Software-Agent', `Evidence Locker ${input.appVersion}`],
    ['Payload-Oxum', payloadOxum(payloadSizes)],
    ['Bag-Size', formatBytes(payloadBytes)],
    ['Contact-Name', `${input.exporter.name} (${input.exporter.role})`],
    ['Evidence-Locker-Format', `bundle v${BUNDLE_FORMAT_VERSION}`],
    ['Evidence-Locker-Exporter-Key', input.exporter.fingerprint],
    ['Evidence-Locker-Log-Head', `${content.logHead.seq} ${content.logHead.hash}`],
    [
      'Evidence-Locker-Partial',
      leftOut.length === 0
        ? 'no'
        : `yes: ${leftOut.length} of ${leftOut.length + bundled.length} items left out (${describeSelection(input.selection, input.controls).join('; ') || 'items this installation does not hold'})`,
    ],
  ]);
  const manifest = manifestText(payload);
  const tagFiles = await Promise.all([generatedFile('bagit.txt', BAGIT_TXT), generatedFile('bag-info.txt', bagInfo), generatedFile('manifest-sha256.txt', manifest)]);
  const tagmanifest = manifestText(tagFiles.map((t) => ({ path: t.path, sha256: t.sha256 })));

  const entries: DraftEntry[] = [
    ...tagFiles,
    await generatedFile('tagmanifest-sha256.txt', tagmanifest),
    ...generated,
    ...bundled.map((b) => ({ kind: 'blob' as const, path: b.path, sha256: b.record.sha256, size: b.record.size, compress: !STORED_MIME.test(b.record.mime) })),
    ...originalsOf(bundled).map((o) => ({ kind: 'blob' as const, path: o.path, sha256: o.sha256, size: o.size, compress: false })),
  ];
  return { draft: { bagName, generatedAt, entries }, content, tagmanifest };
}

/** One encoder: noble's utf8ToBytes copies and wipes each result, two more passes over 50 MB. */
const encoder = new TextEncoder();

/**
 * A generated file with its bytes and SHA-256. Hashed by WebCrypto (native, and off the calling
 * thread in a browser), not noble's JavaScript SHA-256: at 10,000 items the generated files are
 * ~55 MB, which noble hashed at ~32 MB/s, 1.7 s of the planning worker (issue #12).
 */
async function generatedFile(path: string, text: string): Promise<DraftEntry & GeneratedFile> {
  const bytes = encoder.encode(text);
  const sha256 = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  return { kind: 'generated', path, text, bytes, sha256, size: bytes.length };
}

/** signature.json: a detached Ed25519 signature over tagmanifest-sha256.txt (DESIGN.md §4). */
export interface BagSignature {
  readonly algorithm: 'Ed25519';
  readonly signedFile: 'tagmanifest-sha256.txt';
  readonly signature: string;
  readonly publicKey: string;
  readonly publicKeyPem: string;
  readonly keyFingerprint: string;
}

function signatureFile(signature: BagSignature): Promise<DraftEntry & GeneratedFile> {
  return generatedFile('signature.json', `${JSON.stringify(signature, null, 2)}\n`);
}

export async function withSignature(unsigned: UnsignedBundle, signature: BagSignature): Promise<DraftPlan> {
  return { ...unsigned.draft, entries: [...unsigned.draft.entries, await signatureFile(signature)] };
}

/** A generated file as bytes only: how a draft crosses from a worker (the bytes transferred, not copied). */
export type PackedFile = Omit<GeneratedFile, 'text'>;
export type PackedEntry = BlobEntry | ({ readonly kind: 'generated' } & PackedFile);

/** A draft without its generated files' text: tens of MB less to copy between threads. */
export interface PackedDraft {
  readonly bagName: string;
  readonly generatedAt: string;
  readonly entries: readonly PackedEntry[];
}

export function packDraft(draft: DraftPlan): PackedDraft {
  return {
    bagName: draft.bagName,
    generatedAt: draft.generatedAt,
    entries: draft.entries.map((e): PackedEntry => (e.kind === 'blob' ? e : { kind: 'generated', path: e.path, bytes: e.bytes, sha256: e.sha256, size: e.size })),
  };
}

/** withSignature for a packed draft: the same signature.json, appended the same way. */
export async function withPackedSignature(draft: PackedDraft, signature: BagSignature): Promise<PackedDraft> {
  const { text: _text, ...file } = await signatureFile(signature);
  return { ...draft, entries: [...draft.entries, file] };
}

/**
 * Sends every generated file to main (`stage` puts it in main's staging area, in chunks) and
 * returns the plan that names them by hash. A file main hashed differently is refused here,
 * so the manifests never list bytes other than those written. Takes a draft with its text
 * (main's sample) or a packed one (the renderer's, from the planning worker).
 */
export async function stagePlan<F extends PackedFile>(
  draft: { readonly bagName: string; readonly generatedAt: string; readonly entries: readonly (BlobEntry | ({ readonly kind: 'generated' } & F))[] },
  stage: (file: F) => Promise<{ sha256: string; size: number }>,
): Promise<BundlePlan> {
  const entries: PlanEntry[] = [];
  for (const entry of draft.entries) {
    if (entry.kind === 'blob') {
      entries.push(entry);
      continue;
    }
    const staged = await stage(entry);
    if (staged.sha256 !== entry.sha256 || staged.size !== entry.size) {
      throw new Error(`${entry.path} reached main as ${staged.size} bytes with SHA-256 ${staged.sha256}, not the ${entry.size} bytes with ${entry.sha256} its manifest lists.`);
    }
    entries.push({ kind: 'staged', path: entry.path, sha256: entry.sha256, size: entry.size });
  }
  return { bagName: draft.bagName, generatedAt: draft.generatedAt, entries };
}
