import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { renderVerifyHtml } from '../../shared/bundle/render/verifyHtml';
import { visibleName } from '../../shared/files/visibleName';
import { readKeyCard, trustedFromKeyCard } from '../../shared/trust/keycard';
import { normalizeFingerprint, type TrustedKey } from '../../shared/trust/keyring';
import { EXIT_CODES, withCheck, type VerifyReport } from '../../shared/verify/report';
import { formatReportText } from '../../shared/verify/text';
import { extendsCheck } from '../../shared/verify/trail';
import { verifierPageOf, verifyBundle } from '../main/bundle/verify';
import { readSmallFile } from '../main/safeFile';

/**
 * `npx evidence-locker …`: the auditor's tools (DESIGN.md §5, issue #11). verify checks a bundle
 * with the one verification core and exits with a documented code; every name it prints is
 * escaped, so a hostile entry name cannot paint the terminal.
 */
const VERSION = packageJson.version;

export const USAGE = `Usage:
  evidence-locker verify <bundle.zip> [--trust <fingerprint|key card>]... [--previous <older.zip>] [--json]
      Checks the bag: every file's SHA-256, the manifests, Payload-Oxum, the exporter's signature
      (its PEM, raw key and fingerprint one key), every sign-off, the audit-trail chain and what
      the bundle and its sign-offs committed to. Passes only when the bag and every sign-off that
      decides an item are signed by keys you trust:
        --trust <fingerprint>   a key whose fingerprint you confirmed with its owner (repeatable)
        --trust <card.html>     a key card the reviewer gave you (repeatable)
        --previous <older.zip>  also check that this bundle's trail extends the older one's
        --json                  print a machine-readable report instead of text
  evidence-locker verifier-html <out.html>
      Writes the VERIFY.html this version ships, to keep as your own trusted copy.
  evidence-locker sample-bundle <out.zip>
      Writes the bundle of a built-in sample audit.

Exit codes of verify:
  0  PASS: intact, and every signer is a key you trust
  1  FAIL: a problem was found (each one is named)
  2  the command could not run (bad arguments, a missing file, an unreadable key card)
  3  VALID, SIGNER NOT CONFIRMED: intact and validly signed, by a key you did not confirm
`;

export interface Output {
  write(text: string): void;
}

class UsageError extends Error {}

/** A key card is one small HTML page; anything far larger is not one. */
const MAX_KEY_CARD_BYTES = 4 * 1024 * 1024;

interface VerifyArgs {
  readonly file: string;
  readonly trust: readonly string[];
  readonly previous: string | null;
  readonly json: boolean;
}

function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  let file: string | null = null;
  const trust: string[] = [];
  let previous: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = (): string => {
      const next = args[i + 1];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--trust') trust.push(value());
    else if (arg.startsWith('--trust=')) trust.push(arg.slice('--trust='.length));
    else if (arg === '--previous') previous = value();
    else if (arg.startsWith('--previous=')) previous = arg.slice('--previous='.length);
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${visibleName(arg)}`);
    else if (file === null) file = arg;
    else throw new UsageError(`one bundle at a time (got ${visibleName(file)} and ${visibleName(arg)})`);
  }
  if (file === null) throw new UsageError('which bundle? evidence-locker verify <bundle.zip>');
  return { file, trust, previous, json };
}

/** A --trust value: a fingerprint as typed, or a key card file. */
async function trustedKey(value: string): Promise<TrustedKey> {
  const fingerprint = normalizeFingerprint(value);
  if (fingerprint !== null) return { fingerprint, publicKey: null, name: null, role: null, source: 'fingerprint given with --trust' };
  const path = resolve(value);
  if (!existsSync(path)) throw new UsageError(`--trust ${visibleName(value)}: neither a fingerprint (64 hex digits) nor a key card file that exists`);
  try {
    // Opened as a regular file only: a pipe or a device given here is named, not waited on.
    const text = (await readSmallFile(path, MAX_KEY_CARD_BYTES)).toString('utf8');
    return trustedFromKeyCard(await readKeyCard(text), `key card ${basename(path)}`);
  } catch (error) {
    throw new UsageError(`--trust ${visibleName(value)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function requireFile(path: string, what: string): void {
  if (!existsSync(path)) throw new UsageError(`${what} ${visibleName(path)}: no such file`);
}

async function verifyCommand(args: VerifyArgs, stdout: Output): Promise<number> {
  const path = resolve(args.file);
  requireFile(path, 'bundle');
  const trusted = await Promise.all(args.trust.map(trustedKey));
  const options = { trusted, verifierPage: verifierPageOf(VERSION) };
  const current = await verifyBundle(path, options);
  let report: VerifyReport = current.report;
  if (args.previous !== null) {
    const previousPath = resolve(args.previous);
    requireFile(previousPath, '--previous');
    const previous = await verifyBundle(previousPath, { trusted });
    const name = `the previous bundle ${basename(previousPath)}`;
    const check =
      previous.report.verdict === 'fail'
        ? {
            id: 'previous' as const,
            title: 'Extends the previous bundle',
            status: 'fail' as const,
            summary: `${name} does not verify itself, so it cannot anchor this one.`,
            problems: previous.report.problems.map((p) => `${basename(previousPath)}: ${p}`),
            notes: [],
          }
        : extendsCheck(previous.trail, current.trail, name);
    report = withCheck(report, check);
  }
  if (args.json) {
    stdout.write(`${JSON.stringify({ tool: 'evidence-locker', version: VERSION, bundle: visibleName(path), exitCode: EXIT_CODES[report.verdict], ...report }, null, 2)}\n`);
  } else {
    stdout.write(formatReportText(report, visibleName(path)));
  }
  return EXIT_CODES[report.verdict];
}

export async function main(argv: readonly string[], stdout: Output = process.stdout, stderr: Output = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') return await verifyCommand(parseVerifyArgs(rest), stdout);
    if (command === 'verifier-html' && rest.length === 1 && rest[0]) {
      const out = resolve(rest[0]);
      await writeFile(out, renderVerifyHtml(), { flag: 'wx' });
      stdout.write(`Wrote ${visibleName(out)}: the VERIFY.html of Evidence Locker ${VERSION}.\nKeep it as your own copy; open it in a browser and pick an unzipped bundle folder.\n`);
      return 0;
    }
    if (command === 'sample-bundle' && rest.length === 1 && rest[0]) {
      const { buildSampleAudit, signAndWrite } = await import('../main/bundle/sample');
      const sample = await buildSampleAudit();
      let written;
      try {
        ({ written } = await signAndWrite(sample, resolve(rest[0])));
      } finally {
        // The sample's store is scratch space: only the bundle is the result.
        await rm(sample.store.root, { recursive: true, force: true });
      }
      stdout.write(
        `Wrote ${visibleName(written.path)}\n${written.size} bytes, SHA-256 ${written.sha256}\n` +
          `Signed by the sample's (fictional) reviewer, key ${sample.keys.fingerprint}\n` +
          `Check it with: evidence-locker verify ${visibleName(rest[0])} --trust '${sample.keys.fingerprint}'\n`,
      );
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      stdout.write(USAGE);
      return 0;
    }
    if (command === '--version') {
      stdout.write(`${VERSION}\n`);
      return 0;
    }
    stderr.write(USAGE);
    return EXIT_CODES.usage;
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code === 'EEXIST') {
      stderr.write(`evidence-locker: ${error instanceof UsageError ? error.message : `${visibleName(rest[0] ?? '')} exists already; choose a new file name`}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
}
