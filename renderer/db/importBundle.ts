import type { ImportPreview, LocalState } from '../../shared/bundle/importPlan';
import type { LogEntry } from '../../shared/domain/records';
import { isWithdrawn } from '../../shared/evidence/withdrawal';
import { bridge, messageOf, unwrap } from '../bridge';
import { db } from './db';
import { appendLog, listLog } from './log';

/** What this installation already holds of an audit, so the import never duplicates. */
export async function localStateFor(auditId: string): Promise<LocalState> {
  return db.transaction('r', [db.audits, db.controls, db.evidence, db.signoffs, db.requests], async () => {
    const evidence = await db.evidence.where('auditId').equals(auditId).toArray();
    return {
      auditExists: (await db.audits.get(auditId)) !== undefined,
      controlIds: new Set<string>(await db.controls.where('auditId').equals(auditId).primaryKeys()),
      evidenceIds: new Set(evidence.map((e) => e.id)),
      // Bytes only a withdrawn item holds here do not make an incoming item a duplicate.
      evidenceHashes: new Set(evidence.filter((e) => !isWithdrawn(e)).map((e) => e.sha256)),
      signoffIds: new Set<string>(await db.signoffs.where('auditId').equals(auditId).primaryKeys()),
      requestIds: new Set<string>(await db.requests.where('auditId').equals(auditId).primaryKeys()),
    };
  });
}

/** This installation's trail of an audit (empty when the audit is not here): what an import must extend. */
export function localTrailOf(auditId: string): Promise<LogEntry[]> {
  return listLog(auditId);
}

/**
 * Writes a previewed import in one transaction, after main stored the bytes. An audit new here
 * takes the bundle's trail as it is (its chain continues unbroken); an audit that exists here
 * keeps its own chain, and the import entry carries what was added, rows included, so the
 * integrity check can replay it. Either way the entry records the bundle's head and the key
 * that signed it (a later bundle from that key must extend it), the sign-offs it added (so
 * their trail record survives the next export) and the items a partial bundle left out.
 */
export async function applyImport(preview: ImportPreview, actor: string, fileName: string, exporterKey: string | null): Promise<void> {
  const auditId = preview.audit.id;
  await db.transaction('rw', [db.audits, db.controls, db.requests, db.evidence, db.signoffs, db.log], async () => {
    const exists = (await db.audits.get(auditId)) !== undefined;
    if (!exists) {
      await db.audits.add(preview.audit);
      await db.log.bulkAdd([...preview.log]);
    }
    await db.controls.bulkAdd([...preview.controls]);
    await db.requests.bulkAdd([...preview.requests]);
    await db.evidence.bulkAdd(preview.evidence.map((e) => e.record));
    await db.signoffs.bulkAdd([...preview.signoffs]);
    await appendLog(auditId, {
      actor,
      action: 'import',
      target: `audit:${auditId}`,
      details: {
        bundle: fileName,
        into: exists ? 'existing audit' : 'new audit',
        controls: preview.controls.length,
        requests: preview.requests.length,
        evidence: preview.evidence.length,
        signoffs: preview.signoffs.length,
        duplicatesSkipped: preview.duplicates.sameId + preview.duplicates.sameBytes,
        bundleLastHash: preview.log.at(-1)?.hash ?? null,
        bundleHead: preview.log.length === 0 ? null : { seq: preview.log.at(-1)?.seq ?? 0, hash: preview.log.at(-1)?.hash ?? '' },
        exporterKey,
        signoffIds: preview.signoffs.map((s) => s.id),
        // Only a new audit takes the bundle's trail, with entries for the items it left out.
        leftOut: exists ? [] : preview.leftOut.map((l) => l.evidenceId),
        // For an existing audit the bundle's own trail is not merged; these rows stand in for it.
        snapshots: exists ? preview.evidence.map((e) => e.record) : [],
      },
    });
  });
}

/** The bundle files an import copies into the store: every item's file and any raw capture kept beside it. */
export function filesToCopy(preview: ImportPreview): { path: string; sha256: string }[] {
  return preview.evidence.flatMap((e) => [
    { path: e.path, sha256: e.record.sha256 },
    ...(e.originalPath !== null && e.record.original ? [{ path: e.originalPath, sha256: e.record.original.sha256 }] : []),
  ]);
}

/**
 * The whole import: main copies the files into its store (taking them back itself if it stops
 * midway), then the rows are written. Rows that cannot be written make main take the copied
 * files back too, so a failed import leaves nothing behind, or says exactly what it left.
 */
export async function importBundle(token: string, preview: ImportPreview, actor: string, fileName: string, exporterKey: string | null): Promise<void> {
  await unwrap(bridge().importBundleFiles({ token, files: filesToCopy(preview), confirmedExporter: exporterKey }));
  try {
    await applyImport(preview, actor, fileName, exporterKey);
  } catch (error) {
    const undone = await bridge().settleImport({ token, applied: false });
    const left = !undone.ok
      ? ` The files it had copied could not be taken back: ${undone.error.message}`
      : undone.value.kept.length > 0
        ? ` ${undone.value.kept.length} copied file(s) could not be removed and stay in the evidence store, referenced by nothing: ${undone.value.kept.join(', ')}.`
        : undone.value.removed > 0
          ? ` The ${undone.value.removed} file(s) it had copied were removed again.`
          : '';
    throw new Error(`The import stopped and nothing was added: ${messageOf(error).replace(/\.+$/, '')}.${left}`, { cause: error });
  }
  // The rows are written: the copied files are theirs now. Nothing to do if main forgot the import meanwhile.
  await bridge().settleImport({ token, applied: true });
}
