import { randomBytes, randomUUID } from 'node:crypto';
import { createHandlers } from '../../../electron/main/bridge/handlers';
import { buildSampleAudit, signPlan } from '../../../electron/main/bundle/sample';
import { createTextStaging, stagingDirOf } from '../../../electron/main/bundle/staging';
import { createScreenCapturer } from '../../../electron/main/capture';
import { createTempLedger } from '../../../electron/main/sweep';

/**
 * Exports the sample audit plus a large attachment to argv[2] through main's own handler
 * (`bundle:export`, with the start-up sweep's ledger in argv[4]), slowly enough for a test to
 * kill the process midway.
 */
const [target, storeRoot, ledgerDir, megabytes] = process.argv.slice(2);
if (!target || !storeRoot || !ledgerDir) throw new Error('usage: killedExport <target.zip> <store> <ledger dir> [MB]');
const sample = await buildSampleAudit(storeRoot);
const stored = await sample.store.put(randomBytes(Number(megabytes ?? 256) * 1024 * 1024));
const first = sample.input.evidence[0];
if (!first) throw new Error('sample has no evidence');
const padded = { ...sample, input: { ...sample.input, evidence: [...sample.input.evidence, { ...first, id: `${first.id}-big`, name: 'large export.zip', mime: 'application/zip', size: stored.size, sha256: stored.sha256 }] } };
// Staged where the handler looks, as the renderer's bundle:stage calls would leave them.
const staging = createTextStaging(stagingDirOf(storeRoot));
const { plan } = await signPlan(padded, staging);
const handlers = createHandlers({
  store: sample.store,
  capturer: createScreenCapturer(),
  appVersion: '0.0.0-test',
  chooseFilesToImport: async () => [],
  chooseBundlePath: async () => target,
  chooseBundleToImport: async () => null,
  chooseKeyCardPath: async () => null,
  revealInFolder: () => {},
  hideWindowForCapture: async () => () => {},
  emit: () => {},
  tempLedger: createTempLedger(ledgerDir),
  staging,
});
process.stdout.write('EXPORTING\n');
await handlers['bundle:export']({ exportId: randomUUID(), plan });
process.stdout.write('DONE\n');
