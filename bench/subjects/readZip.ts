import { openBundleFile } from '../../electron/main/bundle/bundleFile';
import { ZipArchive } from '../../electron/main/zip/zipReader';
import { reportSubject } from '../lib/measure';

/**
 * Subject: reads every entry of a ZIP with the strict reader verify and import use, as verify
 * hashes them; reports the problems found (none is the expected answer).
 */
const [zipPath] = process.argv.slice(2);
if (!zipPath) throw new Error('usage: readZip.ts <zip>');
const started = process.hrtime.bigint();
const file = await openBundleFile(zipPath);
const problems: string[] = [];
const hashes: Record<string, string> = {};
try {
  const archive = await ZipArchive.open(file);
  problems.push(...archive.problems.map((p) => p.message));
  for (const entry of archive.entries) {
    const hashed = await archive.hash(entry);
    if (hashed.ok) hashes[entry.name] = hashed.sha256;
    else problems.push(hashed.problem.message);
  }
} finally {
  await file.close();
}
reportSubject(Number(process.hrtime.bigint() - started) / 1e9, { problems, hashes });
