import type { LogEntry } from '../domain/records';
import type { TrustedKey } from '../trust/keyring';
import { utf8 } from './bytes';
import { UnsupportedCrypto } from './ed25519';
import { checkHistory } from './history';
import { findBag } from './layout';
import { checkManifestJson } from './manifestJson';
import { verdictOf, type Check, type CheckId, type Facts, type VerifyReport } from './report';
import { checkBagSignature } from './signature';
import { checkSigners } from './signers';
import { checkSignoffs } from './signoffs';
import type { BagSource, SourceEntry } from './source';
import { parseManifestText, parseTagFile, tagValue, type ManifestLine } from './tagFiles';
import { checkTrail } from './trail';
import { plural, quoted, shortHash, shown } from './words';

/**
 * The one verifier (issue #11 §1, DESIGN.md §5). The CLI, the import gate and VERIFY.html all
 * call this function on the same kind of input and show what it returns: the same checks, in the
 * same order, with the same messages, and the same verdict. Every file is hashed once, one at a
 * time, through the source's digest (streamed in Node, whole in a browser).
 */
export interface VerifyOptions {
  /** Keys the checker confirmed out of band (key cards, fingerprints, the app's keyring). */
  readonly trusted?: readonly TrustedKey[];
  /** SHA-256 of the VERIFY.html this version writes, to say whether the bag's is the same page. */
  readonly verifierPage?: { readonly sha256: string; readonly version: string };
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

export interface Verification {
  readonly report: VerifyReport;
  /** The parsed trail, for `--previous` and the import's consistency check; null when unreadable. */
  readonly trail: readonly LogEntry[] | null;
  /** The bag's data/manifest.json and data/audit-log.jsonl text, for the import preview. */
  readonly texts: { readonly manifestJson: string | null; readonly auditLog: string | null };
}

/** Tag and JSON files are read whole; nothing legitimate comes close to this. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const REQUIRED_TAGS = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'];

function check(id: CheckId, title: string, problems: readonly string[], pass: string, fail: string, notes: readonly string[] = []): Check {
  return { id, title, status: problems.length ? 'fail' : 'pass', summary: problems.length ? fail : pass, problems, notes };
}

const EMPTY_FACTS: Facts = {
  bagName: null,
  audit: null,
  auditId: null,
  organization: null,
  generatedAt: null,
  formatVersion: null,
  files: 0,
  bytes: 0,
  logEntries: null,
  logHead: null,
  partial: null,
  bagSigningKey: null,
};

export async function verifyBag(source: BagSource, options: VerifyOptions = {}): Promise<Verification> {
  const checks: Check[] = [];
  const layout = findBag(source);
  checks.push(layout.check);
  const files = layout.files;
  if (files === null) {
    return { report: finish(checks, { ...EMPTY_FACTS }, []), trail: null, texts: { manifestJson: null, auditLog: null } };
  }

  const readErrors: string[] = [];
  // Files that are there but could not be read (a lying size, an encrypted entry, a bad drive):
  // said once, in "Readable files", and never called missing elsewhere (issue #14).
  const unreadable = new Set<string>();
  const cannotRead = (path: string, why: string): void => {
    if (unreadable.has(path)) return;
    unreadable.add(path);
    readErrors.push(`${shown(path)}: ${why}`);
  };
  const whyOf = (error: unknown): string => `could not be read (${shown(error instanceof Error ? error.message : String(error))})`;
  /** The problem line for a file the check needs and did not get. */
  const absent = (path: string): string => (unreadable.has(path) ? `could not be read: ${path}` : `missing: ${path}`);
  /** A check that could not be made because the file it reads could not be read. */
  const notReadable = (id: CheckId, title: string, path: string): Check => ({
    id,
    title,
    status: 'fail',
    summary: `${path} is in the bag but could not be read (see "Readable files").`,
    problems: [absent(path)],
    notes: [],
  });
  const bytesOf = async (path: string): Promise<Uint8Array | null> => {
    const entry = files.get(path);
    if (!entry) return null;
    try {
      return await entry.read(MAX_TEXT_BYTES);
    } catch (error) {
      cannotRead(path, whyOf(error));
      return null;
    }
  };
  const textOf = async (path: string): Promise<string | null> => {
    const bytes = await bytesOf(path);
    if (bytes === null) return null;
    try {
      return utf8(bytes);
    } catch {
      cannotRead(path, 'is not UTF-8 text');
      return null;
    }
  };

  // bagit.txt
  const bagitText = await textOf('bagit.txt');
  const bagitFields = bagitText === null ? [] : parseTagFile(bagitText);
  const version = tagValue(bagitFields, 'BagIt-Version');
  const encoding = tagValue(bagitFields, 'Tag-File-Character-Encoding');
  const bagitProblems =
    bagitText === null
      ? [absent('bagit.txt')]
      : [
          ...(version === '1.0' ? [] : [`BagIt-Version is ${quoted(version)}, expected "1.0"`]),
          ...(encoding?.toUpperCase() === 'UTF-8' ? [] : [`Tag-File-Character-Encoding is ${quoted(encoding)}, expected "UTF-8"`]),
        ];
  checks.push(check('bagit', 'bagit.txt', bagitProblems, 'BagIt 1.0, tag files in UTF-8.', 'bagit.txt does not declare a BagIt 1.0 bag in UTF-8.'));

  // Both manifests first, so that every file is hashed once, one at a time.
  const manifestText = await textOf('manifest-sha256.txt');
  const tagmanifestBytes = await bytesOf('tagmanifest-sha256.txt');
  let tagmanifestText: string | null = null;
  try {
    tagmanifestText = tagmanifestBytes === null ? null : utf8(tagmanifestBytes);
  } catch {
    cannotRead('tagmanifest-sha256.txt', 'is not UTF-8 text');
  }
  const payload = manifestText === null ? { entries: [] as ManifestLine[], problems: [] as string[] } : parseManifestText(manifestText, 'manifest-sha256.txt');
  const tags = tagmanifestText === null ? { entries: [] as ManifestLine[], problems: [] as string[] } : parseManifestText(tagmanifestText, 'tagmanifest-sha256.txt');

  const digests = new Map<string, { sha256: string; size: number }>();
  const toHash = [...files.keys()];
  // Several files at once where the source hashes off this thread (a ZIP: on worker threads).
  // Outcomes are applied in order, so the report never depends on which finished first.
  const outcomes: ({ readonly digest: { sha256: string; size: number } } | { readonly why: string })[] = [];
  let started = 0;
  const hashNext = async (): Promise<void> => {
    while (started < toHash.length) {
      const index = started;
      started += 1;
      const path = toHash[index] as string;
      options.onProgress?.(index + 1, toHash.length, path);
      try {
        outcomes[index] = { digest: await (files.get(path) as SourceEntry).digest() };
      } catch (error) {
        outcomes[index] = { why: whyOf(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, source.digestConcurrency ?? 1) }, hashNext));
  for (const [index, path] of toHash.entries()) {
    const outcome = outcomes[index];
    if (outcome && 'digest' in outcome) digests.set(path, outcome.digest);
    else cannotRead(path, outcome?.why ?? 'was not read');
  }

  // Payload files: every line of manifest-sha256.txt.
  const listed = new Map<string, string>();
  const listedLower = new Set<string>();
  const payloadProblems = [...payload.problems];
  let missing = 0;
  let altered = 0;
  if (manifestText === null) payloadProblems.push(absent('manifest-sha256.txt'));
  for (const line of payload.entries) {
    if (!line.path.startsWith('data/') || line.path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      payloadProblems.push(`manifest-sha256.txt line ${line.line} lists a path outside data/: ${quoted(line.path)}`);
      continue;
    }
    if (listed.has(line.path) || listedLower.has(line.path.toLowerCase())) {
      payloadProblems.push(`listed twice in manifest-sha256.txt: ${shown(line.path)}`);
      continue;
    }
    listed.set(line.path, line.sha256);
    listedLower.add(line.path.toLowerCase());
    const digest = digests.get(line.path);
    if (!files.has(line.path)) {
      missing += 1;
      payloadProblems.push(`missing: ${shown(line.path)}`);
    } else if (digest && digest.sha256 !== line.sha256) {
      altered += 1;
      payloadProblems.push(`altered: ${shown(line.path)} (listed SHA-256 ${shortHash(line.sha256)}, file has ${shortHash(digest.sha256)})`);
    }
  }
  checks.push(
    check(
      'payload',
      'Payload files',
      payloadProblems,
      `All ${plural(listed.size, 'file')} listed in manifest-sha256.txt are present and their SHA-256 hashes match.`,
      `${plural(missing, 'file')} missing, ${plural(altered, 'file')} altered${payloadProblems.length > missing + altered ? ', and manifest problems' : ''}.`,
    ),
  );

  // Tag files: every line of tagmanifest-sha256.txt.
  const listedTags = new Map<string, string>();
  const tagProblems = [...tags.problems];
  if (tagmanifestText === null) tagProblems.push(absent('tagmanifest-sha256.txt'));
  for (const line of tags.entries) {
    if (line.path.startsWith('data/') || line.path.includes('/') || line.path === 'tagmanifest-sha256.txt' || line.path === 'signature.json') {
      tagProblems.push(`tagmanifest-sha256.txt line ${line.line} lists a path that is not a tag file it can cover: ${quoted(line.path)}`);
      continue;
    }
    if (listedTags.has(line.path)) {
      tagProblems.push(`listed twice in tagmanifest-sha256.txt: ${shown(line.path)}`);
      continue;
    }
    listedTags.set(line.path, line.sha256);
    const digest = digests.get(line.path);
    if (!files.has(line.path)) tagProblems.push(`missing: ${shown(line.path)}`);
    else if (digest && digest.sha256 !== line.sha256) tagProblems.push(`altered: ${shown(line.path)} (listed SHA-256 ${shortHash(line.sha256)}, file has ${shortHash(digest.sha256)})`);
  }
  if (tagmanifestText !== null) {
    for (const name of REQUIRED_TAGS) if (!listedTags.has(name)) tagProblems.push(`not covered by tagmanifest-sha256.txt: ${name}`);
  }

  // Every file is listed somewhere: data/ in the payload manifest, tag files in the tag manifest.
  const unlisted: string[] = [];
  for (const path of files.keys()) {
    if (path.startsWith('data/')) {
      if (!listed.has(path)) unlisted.push(`not listed in manifest-sha256.txt: ${shown(path)}`);
    } else if (!listedTags.has(path) && path !== 'tagmanifest-sha256.txt' && path !== 'signature.json') {
      unlisted.push(`not listed in any manifest: ${shown(path)}`);
    }
  }
  checks.push(
    check(
      'listed',
      'Every file listed',
      unlisted,
      'Every file in the bag is listed in a manifest (signature.json aside, checked on its own).',
      `${plural(unlisted.length, 'file')} in the bag that no manifest lists (added after export?).`,
    ),
  );

  // Payload-Oxum, from the true sizes of what is under data/.
  const bagInfoText = await textOf('bag-info.txt');
  const bagInfo = bagInfoText === null ? [] : parseTagFile(bagInfoText);
  let payloadBytes = 0;
  let payloadCount = 0;
  for (const path of files.keys()) {
    if (!path.startsWith('data/')) continue;
    payloadBytes += digests.get(path)?.size ?? files.get(path)?.size ?? 0;
    payloadCount += 1;
  }
  const oxum = tagValue(bagInfo, 'Payload-Oxum');
  const actualOxum = `${payloadBytes}.${payloadCount}`;
  const oxumProblems =
    bagInfoText === null
      ? [absent('bag-info.txt')]
      : oxum === null
        ? ['bag-info.txt: no Payload-Oxum']
        : oxum !== actualOxum
          ? [`Payload-Oxum ${shown(oxum)} does not match ${payloadBytes} bytes in ${plural(payloadCount, 'file')}`]
          : [];
  checks.push(
    check(
      'oxum',
      'Payload-Oxum',
      oxumProblems,
      `data/ holds ${payloadBytes.toLocaleString('en-US')} bytes in ${plural(payloadCount, 'file')}, as bag-info.txt says (${actualOxum}).`,
      `bag-info.txt says the payload is ${shown(oxum)} (bytes.files); data/ holds ${actualOxum}.`,
    ),
  );
  checks.push(
    check('tags', 'Tag files', tagProblems, 'bagit.txt, bag-info.txt and manifest-sha256.txt match tagmanifest-sha256.txt.', 'The tag files do not match tagmanifest-sha256.txt.'),
  );

  // The exporter's signature over the tag manifest.
  let signature;
  try {
    const signatureText = await textOf('signature.json');
    signature = unreadable.has('signature.json') ? { check: notReadable('signature', 'Bag signature', 'signature.json'), signer: null } : await checkBagSignature(signatureText, tagmanifestBytes);
  } catch (error) {
    if (!(error instanceof UnsupportedCrypto)) throw error;
    signature = { check: { id: 'signature' as const, title: 'Bag signature', status: 'fail' as const, summary: error.message, problems: [error.message], notes: [] }, signer: null };
  }
  checks.push(signature.check);

  // manifest.json against the files.
  const sizes = new Map([...digests.entries()].map(([p, d]) => [p, d.size]));
  const manifestJsonText = await textOf('data/manifest.json');
  const { check: manifestCheck, manifest } = unreadable.has('data/manifest.json')
    ? { check: notReadable('manifest', 'manifest.json matches the files', 'data/manifest.json'), manifest: null }
    : checkManifestJson(manifestJsonText, listed, sizes, tagValue(bagInfo, 'External-Identifier'));
  checks.push(manifestCheck);

  // Sign-offs, the trail, and what they committed to.
  let signoffs;
  try {
    signoffs = await checkSignoffs(manifest, listed);
  } catch (error) {
    if (!(error instanceof UnsupportedCrypto)) throw error;
    signoffs = { check: { id: 'signoffs' as const, title: 'Sign-offs', status: 'fail' as const, summary: error.message, problems: [error.message], notes: [] }, counted: [], verified: [] };
  }
  checks.push(signoffs.check);
  const auditLogText = await textOf('data/audit-log.jsonl');
  const trail = unreadable.has('data/audit-log.jsonl') ? { check: notReadable('trail', 'Audit trail', 'data/audit-log.jsonl'), entries: null } : checkTrail(auditLogText, manifest?.auditId ?? null);
  checks.push(trail.check);
  const history = checkHistory(trail.entries, manifest, tagValue(bagInfo, 'Evidence-Locker-Log-Head'), tagValue(bagInfo, 'Evidence-Locker-Partial'), signoffs.verified);
  checks.push(history.check);

  // Who signed, and whether the checker trusts them.
  const signers = checkSigners(signature.signer, signoffs.counted, options.trusted ?? []);
  checks.push(signers.check);

  if (options.verifierPage) {
    const page = digests.get('data/VERIFY.html');
    const same = page?.sha256 === options.verifierPage.sha256;
    checks.push({
      id: 'verifier-page',
      title: 'The bag\'s VERIFY.html',
      status: 'note',
      summary: same
        ? `data/VERIFY.html is byte-identical to the page Evidence Locker ${shown(options.verifierPage.version)} writes.`
        : `data/VERIFY.html is not the page Evidence Locker ${shown(options.verifierPage.version)} writes (another version made it, or it was altered): do not rely on it; get a trusted copy with \`evidence-locker verifier-html\`.`,
      problems: [],
      notes: [],
    });
  }
  if (readErrors.length > 0) {
    checks.push({ id: 'layout', title: 'Readable files', status: 'fail', summary: 'Some files could not be read.', problems: readErrors, notes: [] });
  }

  const facts: Facts = {
    bagName: layout.bagName === null ? null : shown(layout.bagName),
    audit: manifest?.auditName == null ? null : shown(manifest.auditName),
    auditId: manifest?.auditId == null ? null : shown(manifest.auditId),
    organization: manifest?.organization == null ? (tagValue(bagInfo, 'Source-Organization') === null ? null : shown(tagValue(bagInfo, 'Source-Organization'))) : shown(manifest.organization),
    generatedAt: manifest?.generatedAt == null ? null : shown(manifest.generatedAt),
    formatVersion: manifest?.formatVersion ?? null,
    files: files.size,
    bytes: payloadBytes,
    logEntries: trail.entries?.length ?? null,
    logHead: history.logHead,
    partial: history.partial,
    bagSigningKey: signature.signer?.fingerprint ?? null,
  };
  return { report: finish(checks, facts, signers.signers), trail: trail.entries, texts: { manifestJson: manifestJsonText, auditLog: auditLogText } };
}

function finish(checks: readonly Check[], facts: Facts, signers: VerifyReport['signers']): VerifyReport {
  return { verdict: verdictOf(checks), checks, facts, signers, problems: checks.flatMap((c) => (c.status === 'fail' ? c.problems : [])) };
}
