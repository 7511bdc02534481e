import type { SampleAudit } from '../../electron/main/bundle/sample';
import { nextEntry } from '../../shared/log/chain';

/**
 * The sample audit with one more evidence item for bytes already in its store (a large file,
 * say), recorded in its audit trail as the app records an attachment: a bundle of it verifies.
 */
export function sampleWithFile(sample: SampleAudit, blob: { readonly sha256: string; readonly size: number }, name = 'big.zip'): SampleAudit {
  const first = sample.input.evidence[0];
  if (!first) throw new Error('the sample has no evidence');
  const record = { ...first, id: `${first.id}-extra`, name, mime: 'application/zip', size: blob.size, sha256: blob.sha256, original: null };
  const log = [...sample.input.log];
  const last = log.at(-1);
  log.push(nextEntry(last, { auditId: sample.input.audit.id, at: last?.at ?? record.capturedAt, actor: 'jdoe@acme-it-laptop', action: 'create', target: `evidence:${record.id}`, details: { snapshot: record } }));
  return { ...sample, input: { ...sample.input, evidence: [...sample.input.evidence, record], log } };
}
