/**
 * Runs inside Chromium on the app's origin (bundled by bench/scale/bundle.ts): builds the scale
 * installation through the app's own functions — createAudit, the controls CSV import, the
 * file dialog path (main stores the bytes, recordFiles writes the rows and their log entries),
 * thumbnails as the screens make them, signOff, re-captures, updateEvidence. Nothing writes a
 * table directly, so every row and every log entry is what the app itself would have written.
 */
import type { ImportedFile, SystemInfo } from '../../../shared/bridge/contract';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import { bridge, unwrap } from '../../../renderer/bridge';
import { createAudit } from '../../../renderer/db/audits';
import { importControls, listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { updateEvidence } from '../../../renderer/db/evidence';
import { getReviewer, saveReviewer } from '../../../renderer/db/reviewer';
import { signOff, type Decision } from '../../../renderer/db/signoffs';
import { getThumbnail, putThumbnail } from '../../../renderer/db/thumbnails';
import { actorOf } from '../../../renderer/features/app/systemInfo';
import { recordFiles, type Context } from '../../../renderer/features/evidence/collect';
import { makeThumbnail } from '../../../renderer/features/evidence/makeThumbnail';
import { TSC_SERIES } from '../../../shared/domain/types';
import { isPreviewableImage } from '../../../shared/files/mime';
import { dayInZone, evidenceInstantForDay } from '../../../shared/time/evidenceDate';
import type { SeedAudit, SeedControl } from '../seedTypes';

let info: SystemInfo | null = null;

async function systemInfo(): Promise<SystemInfo> {
  info ??= await unwrap(bridge().systemInfo({}));
  return info;
}

async function auditOf(auditId: string): Promise<AuditRecord> {
  const audit = await db.audits.get(auditId);
  if (!audit) throw new Error(`no audit ${auditId}`);
  return audit;
}

/** The reviewer, the audit with its starter controls, then the other controls by CSV import. */
async function setup(audit: SeedAudit, added: readonly SeedControl[]): Promise<{ auditId: string; controls: Record<string, string> }> {
  const actor = actorOf(await systemInfo());
  if (!(await getReviewer())) await saveReviewer('Riley Reviewer', 'IT Manager', actor);
  // Every category in scope: the installation tests all 200 controls, starters included.
  const record = await createAudit({ ...audit, type: 'type2', asOf: '' }, actor, new Date(), { preset: 'all', categories: [...TSC_SERIES] });
  if (added.length > 0) {
    await importControls(
      record.id,
      added.map((c) => ({ ref: c.ref, title: c.title, description: `${c.title}: evidence collected ${c.frequency}.`, owner: 'IT operations', frequency: c.frequency, criteria: [...c.criteria] })),
      'controls.csv',
      actor,
    );
  }
  const controls = await listControls(record.id);
  return { auditId: record.id, controls: Object.fromEntries(controls.map((c) => [c.ref, c.id])) };
}

async function contextFor(auditId: string, controlId: string, supersedes: EvidenceRecord | null): Promise<Context> {
  const control = await db.controls.get(controlId);
  if (!control) throw new Error(`no control ${controlId}`);
  return { audit: await auditOf(auditId), control: control satisfies ControlRecord, info: await systemInfo(), step: 'fieldwork', supersedes };
}

/**
 * What "Attach files…" does (attachFilesInto), with each file's import time set to the day the
 * plan dates it: a year of evidence cannot be collected in the minutes a benchmark runs.
 */
async function attach(auditId: string, controlId: string, instants: readonly string[], supersedesId: string | null): Promise<string[]> {
  const supersedes = supersedesId === null ? null : ((await db.evidence.get(supersedesId)) ?? null);
  const ctx = await contextFor(auditId, controlId, supersedes);
  const result = await unwrap(bridge().importFiles({}));
  if (result.failures.length > 0) throw new Error(`main refused files: ${result.failures.map((f) => f.message).join('; ')}`);
  if (result.files.length !== instants.length) throw new Error(`expected ${instants.length} files, main stored ${result.files.length}`);
  const files: ImportedFile[] = result.files.map((file, i) => ({ ...file, importedAt: instants[i] ?? file.importedAt }));
  const { added, duplicates } = await recordFiles(ctx, files);
  if (duplicates.length > 0) throw new Error(`${duplicates.length} files were duplicates`);
  return added.map((item) => item.id);
}

/**
 * Rows for files main has already stored (its store.put, as files:import uses it): recordFiles,
 * the app's own function, writes them and their log entries. The e2e seeds this way, because
 * reading a few thousand files through the dialog one call at a time would take minutes.
 */
async function recordStored(auditId: string, controlId: string, files: readonly ImportedFile[]): Promise<string[]> {
  const { added, duplicates } = await recordFiles(await contextFor(auditId, controlId, null), files);
  if (duplicates.length > 0) throw new Error(`${duplicates.length} files were duplicates`);
  return added.map((item) => item.id);
}

/** Thumbnails as useThumbnailUrl makes them on first sight: read back through the bridge, kept in IndexedDB. */
async function thumbnails(ids: readonly string[]): Promise<number> {
  let made = 0;
  for (const item of await db.evidence.bulkGet([...ids])) {
    if (!item || !isPreviewableImage(item.mime) || (await getThumbnail(item.sha256))) continue;
    const bytes = await unwrap(bridge().readEvidence({ sha256: item.sha256 }));
    await putThumbnail(await makeThumbnail(item.sha256, new Uint8Array(bytes), item.mime));
    made += 1;
  }
  return made;
}

async function sign(ids: readonly string[], decision: Decision, comment: string): Promise<number> {
  const reviewer = await getReviewer();
  if (!reviewer) throw new Error('no reviewer');
  return (await signOff(ids, decision, comment, reviewer, actorOf(await systemInfo()))).length;
}

async function edit(id: string, change: { notes: string | null; moveDay: boolean; filterId: string | null }, timeZone: string): Promise<void> {
  const item = await db.evidence.get(id);
  if (!item) throw new Error(`no item ${id}`);
  const actor = actorOf(await systemInfo());
  if (change.notes !== null) await updateEvidence(id, { notes: change.notes }, actor);
  if (change.moveDay) {
    const local = dayInZone(item.evidenceDate, timeZone);
    const day = new Date(Date.parse(`${local}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await updateEvidence(id, { evidenceDate: evidenceInstantForDay(day, timeZone) }, actor);
  }
  if (change.filterId !== null) {
    await updateEvidence(
      id,
      { systemReport: { sourceSystem: 'Okta', query: 'status eq "ACTIVE" and lastLogin lt "P90D"', rowCount: 412, extractedAt: item.capturedAt, filterScreenshotId: change.filterId } },
      actor,
    );
  }
}

Object.defineProperty(globalThis, '__benchSeed', { value: { setup, attach, recordStored, thumbnails, sign, edit } });
