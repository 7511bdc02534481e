import type { ImportFailure, ImportedFile, PendingCapture, PixelRect, SavedCapture, SystemInfo } from '../../../shared/bridge/contract';
import { stampWidthFor } from '../../../shared/image/raster';
import { renderStampPng } from '../capture/stampImage';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { AuditStep } from '../../../shared/domain/types';
import { bridge, unwrap } from '../../bridge';
import { db } from '../../db/db';
import { isWithdrawn } from '../../../shared/evidence/withdrawal';
import { addEvidence, findEvidenceByHash, updateEvidence } from '../../db/evidence';
import { actorOf } from '../app/systemInfo';

/**
 * Turns what main stored into evidence records. Main has already written and hashed the bytes
 * (DESIGN.md §2); only then does the renderer write metadata.
 */

export interface Context {
  readonly audit: AuditRecord;
  readonly control: ControlRecord;
  readonly info: SystemInfo;
  /** The audit step the evidence is collected for (fieldwork, or remediation for a fix). */
  readonly step: AuditStep;
  /**
   * A re-capture: the new item replaces this one without erasing it (DESIGN.md §3) and belongs
   * to the same controls and step; the replaced item stays, marked superseded.
   */
  readonly supersedes?: EvidenceRecord | null;
}

function base(ctx: Context, capturedAt: string): Pick<
  EvidenceRecord,
  'id' | 'auditId' | 'controlIds' | 'step' | 'evidenceDate' | 'capturedAt' | 'timeZone' | 'capturedBy' | 'host' | 'processing' | 'notes' | 'supersedes' | 'createdAt' | 'original' | 'systemReport' | 'withdrawal'
> {
  return {
    id: crypto.randomUUID(),
    auditId: ctx.audit.id,
    controlIds: ctx.supersedes ? [...ctx.supersedes.controlIds] : [ctx.control.id],
    step: ctx.supersedes?.step ?? ctx.step,
    evidenceDate: capturedAt,
    capturedAt,
    timeZone: ctx.info.timeZone,
    capturedBy: ctx.info.user,
    host: ctx.info.host,
    processing: [],
    notes: '',
    supersedes: ctx.supersedes?.id ?? null,
    original: null,
    systemReport: null,
    createdAt: new Date().toISOString(),
    withdrawal: null,
  };
}

/** An instant as it goes into a generated file name: "2026-11-26 12.13.43 UTC" (no colons, which Windows refuses). */
function nameTime(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ').replaceAll(':', '.')} UTC`;
}

export function screenshotName(controlRef: string, capturedAt: string): string {
  return `${controlRef} screenshot ${nameTime(capturedAt)}.png`;
}

export function recordFromCapture(ctx: Context, shot: PendingCapture, saved: SavedCapture): EvidenceRecord {
  const pasted = shot.origin === 'pasted';
  const name = pasted ? pastedImageName(ctx.control.ref, shot.capturedAt) : screenshotName(ctx.control.ref, shot.capturedAt);
  return {
    ...base(ctx, shot.capturedAt),
    name,
    source: pasted
      ? { kind: 'file', originalName: name, originalPath: '', modifiedAt: shot.capturedAt }
      : { kind: 'display', displayId: shot.display.id, displayName: shot.display.name },
    processing: [...saved.processing],
    original: saved.original,
    mime: 'image/png',
    size: saved.image.size,
    sha256: saved.image.sha256,
    width: saved.image.width,
    height: saved.image.height,
  };
}

export function pastedImageName(controlRef: string, pastedAt: string): string {
  return `${controlRef} pasted image ${nameTime(pastedAt)}.png`;
}

/** A pasted file has no name of its own; this one says what and when. */
export function pastedFileName(file: File, now: Date): string {
  const ext = file.type === 'image/jpeg' ? 'jpg' : (file.type.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/g, '');
  return `Pasted ${file.type.startsWith('image/') ? 'image' : 'file'} ${nameTime(now.toISOString())}.${ext}`;
}

/** A pasted PNG, opened in the editor like a capture: it can be cropped and redacted before it is stored. */
export async function openPastedImage(file: File): Promise<PendingCapture> {
  return unwrap(bridge().openImage({ png: new Uint8Array(await file.arrayBuffer()) }));
}

export interface CaptureEdits {
  readonly crop: PixelRect | null;
  readonly redactions: readonly PixelRect[];
}

/** The controls a new item belongs to: a re-capture keeps the controls of what it replaces. */
async function controlsOf(ctx: Context): Promise<ControlRecord[]> {
  if (!ctx.supersedes) return [ctx.control];
  const found = await db.controls.bulkGet([...ctx.supersedes.controlIds]);
  return found.filter((c): c is ControlRecord => c !== undefined);
}

/**
 * Saves an edited capture: the renderer draws the stamp, main crops, redacts, appends it and
 * stores the result (and the raw capture, unless redacted); then the row is written.
 */
/** The stamp for a capture whose kept area is `imageWidth` wide: what the editor previews is what is saved. */
export async function stampFor(ctx: Context, shot: PendingCapture, imageWidth: number): Promise<Uint8Array<ArrayBuffer>> {
  return renderStampPng(
    {
      capturedAt: shot.capturedAt,
      timeZone: ctx.info.timeZone,
      host: ctx.info.host,
      user: ctx.info.user,
      appVersion: ctx.info.appVersion,
      rawSha256: shot.sha256,
      displayName: `${shot.display.name} (${shot.display.width} × ${shot.display.height})`,
      origin: shot.origin,
      controls: await controlsOf(ctx),
    },
    stampWidthFor(imageWidth),
  );
}

export async function saveCaptureInto(ctx: Context, shot: PendingCapture, edits: CaptureEdits): Promise<EvidenceRecord> {
  const stamp = await stampFor(ctx, shot, edits.crop?.width ?? shot.width);
  const saved = await unwrap(bridge().saveCapture({ token: shot.token, crop: edits.crop, redactions: [...edits.redactions], stamp }));
  const record = recordFromCapture(ctx, shot, saved);
  await addEvidence([record], actorOf(ctx.info));
  return record;
}

export function recordFromFile(ctx: Context, file: ImportedFile): EvidenceRecord {
  return {
    ...base(ctx, file.importedAt),
    name: file.name,
    source: { kind: 'file', originalName: file.name, originalPath: file.path, modifiedAt: file.modifiedAt },
    mime: file.mime,
    size: file.size,
    sha256: file.sha256,
    width: null,
    height: null,
  };
}

export async function captureScreen(displayId: string | null, delayMs: number): Promise<PendingCapture> {
  return unwrap(bridge().captureScreen({ displayId, delayMs }));
}

/** Bytes that are already an item of this audit: the user links that item instead of adding a copy. */
export interface DuplicateFile {
  readonly file: ImportedFile;
  readonly existing: EvidenceRecord;
  /** Where it is: the refs of the existing item's controls. */
  readonly controlRefs: readonly string[];
}

/** Writes rows for stored files, except those whose bytes already are an item of the audit. */
export async function recordFiles(ctx: Context, files: readonly ImportedFile[]): Promise<{ added: EvidenceRecord[]; duplicates: DuplicateFile[] }> {
  const fresh: ImportedFile[] = [];
  const duplicates: DuplicateFile[] = [];
  for (const file of files) {
    // A withdrawn item is no place to point the user to: the file becomes an item of its own.
    const existing = file.existed ? (await findEvidenceByHash(ctx.audit.id, file.sha256)).find((e) => !isWithdrawn(e)) : undefined;
    if (existing) {
      const controls = await db.controls.bulkGet([...existing.controlIds]);
      duplicates.push({ file, existing, controlRefs: controls.flatMap((c) => (c ? [c.ref] : [])) });
    }
    else if (!fresh.some((f) => f.sha256 === file.sha256)) fresh.push(file);
  }
  const added = fresh.map((file) => recordFromFile(ctx, file));
  if (added.length > 0) await addEvidence(added, actorOf(ctx.info));
  return { added, duplicates };
}

export async function attachFilesInto(ctx: Context): Promise<{ added: EvidenceRecord[]; duplicates: DuplicateFile[]; failures: readonly ImportFailure[] }> {
  const result = await unwrap(bridge().importFiles({}));
  // One item is replaced by one item. The bytes main already stored stay unreferenced and are
  // removed by the maintenance sweep (DESIGN.md §2).
  if (ctx.supersedes && result.files.length > 1) {
    throw new Error(`Choose one replacement file: ${result.files.length} were chosen, and nothing was attached.`);
  }
  return { ...(await recordFiles(ctx, result.files)), failures: result.failures };
}

/** Adds the control to an item that already holds the bytes, instead of storing a second item. */
export async function linkToControl(ctx: Context, existing: EvidenceRecord): Promise<void> {
  if (existing.controlIds.includes(ctx.control.id)) return;
  await updateEvidence(existing.id, { controlIds: [...existing.controlIds, ctx.control.id] }, actorOf(ctx.info));
}
