import type { SampleAudit } from '../../electron/main/bundle/sample';
import type { Withdrawal } from '../../shared/domain/records';
import { nextEntry } from '../../shared/log/chain';

/** The sample audit with one item withdrawn, recorded in its trail the way the app records it (renderer/db/withdrawal.ts). */
export function sampleWithWithdrawal(sample: SampleAudit, name: string, reason: string, at = '2026-11-30T12:00:00.000Z'): { sample: SampleAudit; id: string } {
  const target = sample.input.evidence.find((e) => e.name === name);
  if (!target) throw new Error(`the sample has no item named ${name}`);
  const withdrawal: Withdrawal = { at, by: 'jdoe@acme-it-laptop', reason, purge: null };
  const last = sample.input.log.at(-1);
  const entry = nextEntry(last, {
    auditId: sample.input.audit.id,
    at,
    actor: withdrawal.by,
    action: 'update',
    target: `evidence:${target.id}`,
    details: { event: 'withdraw', reason, changes: { withdrawal: { from: null, to: withdrawal } } },
  });
  return {
    id: target.id,
    sample: {
      ...sample,
      input: { ...sample.input, evidence: sample.input.evidence.map((e) => (e.id === target.id ? { ...e, withdrawal } : e)), log: [...sample.input.log, entry] },
    },
  };
}
