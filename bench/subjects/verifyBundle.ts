import { verifyBundle } from '../../electron/main/bundle/verify';
import { reportSubject } from '../lib/measure';

/** Subject: `evidence-locker verify` of one bundle, as the CLI and import run it. */
const [zipPath] = process.argv.slice(2);
if (!zipPath) throw new Error('usage: verifyBundle.ts <bundle.zip>');
const started = process.hrtime.bigint();
const { report } = await verifyBundle(zipPath);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// The bench bundle's key is nobody's confirmed key: 'unconfirmed' is its honest verdict.
if (report.verdict === 'fail') throw new Error(`the bench bundle did not verify: ${report.problems.slice(0, 5).join('; ')}`);
reportSubject(seconds, { files: report.facts.files, bytes: report.facts.bytes });
