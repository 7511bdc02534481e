import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatReport, verifyBundle } from '../main/bundle/verify';

/**
 * `npx evidence-locker verify <bundle.zip>`: checks a bundle from the terminal and exits
 * non-zero naming every problem (DESIGN.md §5). Output is plain text an auditor can keep.
 */
const USAGE = `Usage:
  evidence-locker verify <bundle.zip>          check structure, every hash, Payload-Oxum, the bag
                                               signature, sign-offs and the audit-trail chain
  evidence-locker sample-bundle <out.zip>      write the bundle of a built-in sample audit
`;

export interface Output {
  write(text: string): void;
}

export async function main(argv: readonly string[], stdout: Output = process.stdout, stderr: Output = process.stderr): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === 'verify' && file && rest.length === 0) {
    const path = resolve(file);
    const report = await verifyBundle(path);
    stdout.write(formatReport(report, path));
    return report.ok ? 0 : 1;
  }
  if (command === 'sample-bundle' && file && rest.length === 0) {
    const { buildSampleAudit, signAndWrite } = await import('../main/bundle/sample');
    const sample = await buildSampleAudit();
    let written;
    try {
      ({ written } = await signAndWrite(sample, resolve(file)));
    } finally {
      // The sample's store is scratch space: only the bundle is the result.
      await rm(sample.store.root, { recursive: true, force: true });
    }
    stdout.write(`Wrote ${written.path}\n${written.size} bytes, SHA-256 ${written.sha256}\nCheck it with: evidence-locker verify ${file}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    stdout.write(USAGE);
    return 0;
  }
  stderr.write(USAGE);
  return 2;
}

