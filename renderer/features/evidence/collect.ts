import type { ImportFailure, ImportedFile, ScreenCapture, SystemInfo } from '../../../shared/bridge/contract';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { AuditStep } from '../../../shared/domain/types';
import { bridge, unwrap } from '../../bridge';
import { addEvidence } from '../../db/evidence';
import { actorOf } from '../app/systemInfo';

/**
 * Turns what main stored into evidence records. Main has already written and hashed the bytes
 * (DESIGN.md §2); only then does the renderer write metadata.
 */

interface Context {
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
  'id' | 'auditId' | 'controlIds' | 'step' | 'evidenceDate' | 'capturedAt' | 'timeZone' | 'capturedBy' | 'host' | 'processing' | 'notes' | 'supersedes' | 'createdAt' | 'original' | 'systemReport'
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
  };
}

export function screenshotName(controlRef: string, capturedAt: string): string {
  return `${controlRef} screenshot ${capturedAt.slice(0, 19).replace('T', ' ').replaceAll(':', '.')} UTC.png`;
}

export function recordFromCapture(ctx: Context, shot: ScreenCapture): EvidenceRecord {
  return {
    ...base(ctx, shot.capturedAt),
    name: screenshotName(ctx.control.ref, shot.capturedAt),
    source: { kind: 'display', displayId: shot.display.id, displayName: shot.display.name },
    mime: shot.mime,
    size: shot.size,
    sha256: shot.sha256,
    width: shot.width,
    height: shot.height,
  };
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

export async function captureScreenInto(ctx: Context, displayId: string | null, delayMs: number): Promise<EvidenceRecord> {
  const shot = await unwrap(bridge().captureScreen({ displayId, delayMs }));
  const record = recordFromCapture(ctx, shot);
  await addEvidence([record], actorOf(ctx.info));
  return record;
}

export async function attachFilesInto(ctx: Context): Promise<{ added: EvidenceRecord[]; failures: readonly ImportFailure[] }> {
  const result = await unwrap(bridge().importFiles({}));
  // One item is replaced by one item. The bytes main already stored stay unreferenced and are
  // removed by the maintenance sweep (DESIGN.md §2).
  if (ctx.supersedes && result.files.length > 1) {
    throw new Error(`Choose one replacement file: ${result.files.length} were chosen, and nothing was attached.`);
  }
  const added = result.files.map((file) => recordFromFile(ctx, file));
  if (added.length > 0) await addEvidence(added, actorOf(ctx.info));
  return { added, failures: result.failures };
}
