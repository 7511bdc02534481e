import type { EvidenceRecord } from '../../shared/domain/records';
import { GENESIS_HASH } from '../../shared/log/chain';
import { signSignoff, type SignoffPayloadV2, type SignoffRecord } from '../../shared/signing/signoff';
import { subjectChanges, type LogHead } from '../../shared/signing/subject';
import { subjectResolver } from '../../shared/signing/subjectResolver';
import { checkSegregation } from '../../shared/review/segregation';
import { isWithdrawn } from '../../shared/evidence/withdrawal';
import { db } from './db';
import { getSodPolicy, signerOf } from './segregation';
import { appendLog, lastEntry } from './log';
import type { Reviewer } from './reviewer';

export type Decision = SignoffPayloadV2['decision'];

/**
 * Signs a decision on each item and records it. The payload covers what the reviewer saw (the
 * item's subject: bytes, date, slot per control, controls, report facts) and the trail's head
 * at that moment. Signing awaits WebCrypto, which would end a Dexie transaction, so items are
 * read and signed first; the transaction then re-reads every item and refuses to record a
 * sign-off whose subject changed in between.
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
  const withdrawn = items.find(isWithdrawn);
  if (withdrawn) throw new Error(`"${withdrawn.name}" was withdrawn from the audit: a withdrawn item is not reviewed. Nothing was signed.`);
  // Enforced here, where every sign-off is made, not only where the button is drawn.
  const sod = checkSegregation(decision, items, signerOf(actor), await getSodPolicy());
  if (sod.refused) throw new Error(`${sod.message ?? ''} Nothing was signed.`);
  const auditIds = [...new Set(items.map((e) => e.auditId))];
  const resolvers = new Map<string, ReturnType<typeof subjectResolver>>();
  const heads = new Map<string, LogHead>();
  for (const auditId of auditIds) {
    const audit = await db.audits.get(auditId);
    if (!audit) throw new Error('The audit of the selected evidence no longer exists. Nothing was signed.');
    resolvers.set(auditId, subjectResolver(audit, await db.controls.where('auditId').equals(auditId).toArray()));
    const last = await lastEntry(auditId);
    heads.set(auditId, { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH });
  }
  const subjectOf = (item: EvidenceRecord): ReturnType<ReturnType<typeof subjectResolver>> => {
    const resolve = resolvers.get(item.auditId);
    if (!resolve) throw new Error(`no audit ${item.auditId}`);
    return resolve(item);
  };

  const records: SignoffRecord[] = [];
  for (const item of items) {
    const payload: SignoffPayloadV2 = {
      v: 2,
      evidenceId: item.id,
      ...subjectOf(item),
      decision,
      comment: comment.trim(),
      reviewer: { name: reviewer.name, role: reviewer.role },
      at: now.toISOString(),
      keyFingerprint: reviewer.fingerprint,
      logHead: heads.get(item.auditId) ?? { seq: 0, hash: GENESIS_HASH },
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
      const signed = record.payload as SignoffPayloadV2;
      if (!current || current.sha256 !== signed.evidenceSha256 || subjectChanges(signed, subjectOf(current)).length > 0) {
        throw new Error(`"${current?.name ?? record.evidenceId}" changed while it was being signed. Nothing was signed.`);
      }
      await db.signoffs.add(record);
      await appendLog(
        record.auditId,
        {
          actor,
          action: 'signoff',
          target: `evidence:${record.evidenceId}`,
          details: {
            signoffId: record.id,
            decision,
            comment: record.payload.comment,
            keyFingerprint: reviewer.fingerprint,
            evidenceSha256: record.payload.evidenceSha256,
            logHead: signed.logHead,
          },
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
