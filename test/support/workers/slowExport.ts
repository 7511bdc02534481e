import { randomBytes } from 'node:crypto';
import { buildSampleAudit, signAndWrite } from '../../../electron/main/bundle/sample';

/**
 * Exports the sample audit plus a large attachment to argv[2], with the store in argv[3]:
 * long enough for a test to kill the process midway through writing the ZIP.
 */
const [target, storeRoot, megabytes] = process.argv.slice(2);
if (!target || !storeRoot) throw new Error('usage: slowExport <target.zip> <store> [MB]');
const sample = await buildSampleAudit(storeRoot);
const big = randomBytes(Number(megabytes ?? 256) * 1024 * 1024);
const stored = await sample.store.put(big);
const first = sample.input.evidence[0];
if (!first) throw new Error('sample has no evidence');
const padded = { ...sample, input: { ...sample.input, evidence: [...sample.input.evidence, { ...first, id: `${first.id}-big`, name: 'large export.zip', mime: 'application/zip', size: stored.size, sha256: stored.sha256 }] } };
process.stdout.write('EXPORTING\n');
await signAndWrite(padded, target);
process.stdout.write('DONE\n');
