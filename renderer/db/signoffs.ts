import type { EvidenceRecord } from '../../shared/domain/records';
import { signSignoff, type SignoffPayload, type SignoffRecord } from '../../shared/signing/signoff';
import { db } from './db';
import { appendLog } from './log';
import type { Reviewer } from './reviewer';

export type Decision = SignoffPayload['decision'];

/**
 * Signs a decision on each item and records it. Signing awaits WebCrypto, which would end a
 * Dexie transaction, so items are read and signed first; the transaction then re-reads every
 * item and refuses to record a sign-off whose bytes changed in between.
 */
export async function signOff(
  evidenceIds: readonly string[],
  decision: Decision,
  comment: string,
  reviewer: Reviewer,
  actor: string,
  now: Date = new Date(),
): Promise<SignoffRecord[]> {
  if (decision === 'rejected' && comment.trim() === '') throw new Error('Say why the evidence is rejected: the collector sees this comment.');
  if (comment.length > 4000) throw new Error('Keep the comment under 4,000 characters.');
  const items = (await db.evidence.bulkGet([...evidenceIds])).filter((e): e is EvidenceRecord => e !== undefined);
  if (items.length !== evidenceIds.length) throw new Error('Some of the selected evidence no longer exists. Nothing was signed.');
  const controls = await db.controls.bulkGet(items.flatMap((e) => [...e.controlIds]));
  const refOf = new Map(controls.filter((c) => c !== undefined).map((c) => [c.id, c.ref]));

  const records: SignoffRecord[] = [];
  for (const item of items) {
    const payload: SignoffPayload = {
      v: 1,
      evidenceId: item.id,
      evidenceSha256: item.sha256,
      controlRefs: item.controlIds.map((id) => refOf.get(id) ?? id).sort(),
      decision,
      comment: comment.trim(),
      reviewer: { name: reviewer.name, role: reviewer.role },
      at: now.toISOString(),
      keyFingerprint: reviewer.fingerprint,
    };
    records.push({
      id: crypto.randomUUID(),
      auditId: item.auditId,
      evidenceId: item.id,
      payload,
      signature: await signSignoff(reviewer.privateKey, payload),
      publicKey: reviewer.publicKeyRaw,
    });
  }

  await db.transaction('rw', db.evidence, db.signoffs, db.log, async () => {
    for (const record of records) {
      const current = await db.evidence.get(record.evidenceId);
      if (current?.sha256 !== record.payload.evidenceSha256) {
        throw new Error(`"${current?.name ?? record.evidenceId}" changed while it was being signed. Nothing was signed.`);
      }
      await db.signoffs.add(record);
      await appendLog(
        record.auditId,
        {
          actor,
          action: 'signoff',
          target: `evidence:${record.evidenceId}`,
          details: { signoffId: record.id, decision, comment: record.payload.comment, keyFingerprint: reviewer.fingerprint, evidenceSha256: record.payload.evidenceSha256 },
        },
        now,
      );
    }
  });
  return records;
}

export function listSignoffs(auditId: string): Promise<SignoffRecord[]> {
  return db.signoffs.where('auditId').equals(auditId).toArray();
}
