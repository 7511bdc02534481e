import { BAGIT_TXT, parseManifest } from '../../../shared/bundle/bagit';
import { isSafeBagPath } from '../../../shared/bundle/paths';
import type { LogEntry } from '../../../shared/domain/records';
import { verifyChain } from '../../../shared/log/chain';
import { fingerprintOf, fromBase64, verifyBytes } from '../../../shared/signing/ed25519';
import { checkSignoff, type SignoffRecord } from '../../../shared/signing/signoff';
import { ZipArchive, type ZipEntry, type ZipFileSource, type ZipLimits } from '../zip/zipReader';
import { openBundleFile } from './bundleFile';

/**
 * Verifies a bundle ZIP from the outside, as an auditor's tool would: structure, every hash,
 * Payload-Oxum, the bag signature, every sign-off and the log chain. The archive is read by the
 * strict reader (electron/main/zip/zipReader.ts): every problem it finds in the ZIP itself —
 * hidden entries, lying sizes, encryption, limits — is reported here by name, never thrown.
 */

/** Tag and JSON files are read into memory; nothing legitimate comes close. */
const TEXT_BYTES = 256 * 1024 * 1024;

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly bagName: string | null;
  readonly checks: readonly Check[];
  readonly problems: readonly string[];
  readonly files: number;
  readonly bytes: number;
}

/** A tag or JSON file's bytes; a problem reading it (lying size, bad CRC, limit) is thrown named. */
async function readText(zip: ZipArchive, entry: ZipEntry): Promise<Buffer> {
  const result = await zip.read(entry, TEXT_BYTES);
  if (!result.ok) throw new Error(result.problem.message);
  return result.bytes;
}

/** Bag-level facts of the entries (the reader already checked the ZIP itself). */
export function structuralProblems(entries: readonly ZipEntry[]): { problems: string[]; bagName: string | null } {
  const problems: string[] = [];
  const tops = new Set<string>();
  for (const entry of entries) {
    const name = entry.name;
    if (entry.isSymlink) problems.push(`${name}: is a symbolic link`);
    const path = entry.isDirectory ? name.slice(0, -1) : name;
    const [top, ...rest] = path.split('/');
    tops.add(top ?? '');
    if (!entry.isDirectory && (rest.length === 0 || !isSafeBagPath(path))) problems.push(`${name}: is not a safe path inside a bag folder`);
  }
  if (tops.size !== 1) problems.push(`a bundle holds exactly one top-level bag folder; this ZIP has ${tops.size}`);
  return { problems, bagName: tops.size === 1 ? ([...tops][0] ?? null) : null };
}

export interface VerifyOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly limits?: Partial<ZipLimits>;
  /**
   * Opens the bundle; by default as a regular file only, every read under a deadline
   * (./bundleFile): a pipe, a device or a stalled drive is named, not waited on (issue #14).
   */
  readonly openFile?: (path: string) => Promise<ZipFileSource & { close(): Promise<void> }>;
}

/** Opens the bundle, hands the archive to `use`, and closes the file whatever happens. */
export async function withArchive<T>(zipPath: string, options: VerifyOptions, use: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const file = await (options.openFile ?? ((p: string) => openBundleFile(p)))(zipPath);
  try {
    return await use(await ZipArchive.open(file, { limits: options.limits }));
  } finally {
    await file.close();
  }
}

export async function verifyBundle(zipPath: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  try {
    return await withArchive(zipPath, options, (zip) => verifyArchive(zip, options.onProgress));
  } catch (error) {
    // Only the file itself can fail here (missing, unreadable): the reader reports the rest.
    const message = `not a readable ZIP: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, bagName: null, checks: [{ name: 'ZIP structure', ok: false, detail: message }], problems: [message], files: 0, bytes: 0 };
  }
}

async function verifyArchive(zip: ZipArchive, onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  const checks: Check[] = [];
  const problems: string[] = [];
  const check = (name: string, found: string[], okDetail: string): void => {
    checks.push({ name, ok: found.length === 0, detail: found.length === 0 ? okDetail : `${found.length} problem(s)` });
    problems.push(...found);
  };

  if (!zip.readable) {
    const found = zip.problems.map((p) => `not a readable ZIP: ${p.message}`);
    return { ok: false, bagName: null, checks: [{ name: 'ZIP structure', ok: false, detail: found[0] ?? 'unreadable' }], problems: found, files: 0, bytes: 0 };
  }
  const entries = zip.entries;
  {
    const structure = structuralProblems(entries);
    const found = [...zip.problems.map((p) => p.message), ...structure.problems];
    check('ZIP structure', found, `${entries.length} entries in one bag folder; local headers agree with the central directory, nothing hidden`);
    if (found.length > 0 || !structure.bagName) {
      return { ok: false, bagName: structure.bagName, checks, problems, files: entries.length, bytes: 0 };
    }
    const prefix = `${structure.bagName}/`;
    const files = new Map(entries.filter((e) => !e.isDirectory).map((e) => [e.name.slice(prefix.length), e]));

    const required = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'signature.json', 'data/manifest.json', 'data/audit-log.jsonl'];
    const missingTags = required.filter((p) => !files.has(p)).map((p) => `${p}: missing`);
    check('Required files', missingTags, 'bagit.txt, bag-info.txt, both manifests, signature.json, manifest.json, audit-log.jsonl');
    if (missingTags.length > 0) return { ok: false, bagName: structure.bagName, checks, problems, files: files.size, bytes: 0 };

    const text = async (p: string): Promise<Buffer> => readText(zip, files.get(p) as ZipEntry);
    const bagit = (await text('bagit.txt')).toString('utf8');
    check('bagit.txt', bagit.replace(/\r\n/g, '\n') === BAGIT_TXT ? [] : ['bagit.txt: not "BagIt-Version: 1.0" with UTF-8 tag files'], 'BagIt 1.0, UTF-8');

    // Payload: every file under data/ hashed and compared with manifest-sha256.txt.
    const manifestProblems: string[] = [];
    let manifest: Map<string, string> = new Map();
    try {
      manifest = new Map(parseManifest((await text('manifest-sha256.txt')).toString('utf8')).map((l) => [l.path, l.sha256]));
    } catch (error) {
      manifestProblems.push(`manifest-sha256.txt: ${error instanceof Error ? error.message : String(error)}`);
    }
    const payloadPaths = [...files.keys()].filter((p) => p.startsWith('data/'));
    let bytes = 0;
    const payloadHashes = new Map<string, string>();
    for (const [index, p] of payloadPaths.entries()) {
      const entry = files.get(p) as ZipEntry;
      const hashed = await zip.hash(entry);
      bytes += entry.uncompressedSize;
      if (!hashed.ok) {
        manifestProblems.push(hashed.problem.message);
        onProgress?.(index + 1, payloadPaths.length);
        continue;
      }
      const actual = hashed.sha256;
      payloadHashes.set(p, actual);
      const expected = manifest.get(p);
      if (expected === undefined) manifestProblems.push(`${p}: present but not listed in manifest-sha256.txt`);
      else if (expected !== actual) manifestProblems.push(`${p}: SHA-256 is ${actual}, manifest says ${expected}`);
      onProgress?.(index + 1, payloadPaths.length);
    }
    for (const p of manifest.keys()) if (!files.has(p)) manifestProblems.push(`${p}: listed in manifest-sha256.txt but missing`);
    check('Payload hashes', manifestProblems, `${payloadPaths.length} files match manifest-sha256.txt`);

    const bagInfo = (await text('bag-info.txt')).toString('utf8');
    const oxum = /^Payload-Oxum:\s*(\d+)\.(\d+)\s*$/m.exec(bagInfo);
    const oxumProblems = !oxum
      ? ['bag-info.txt: no Payload-Oxum']
      : Number(oxum[1]) !== bytes || Number(oxum[2]) !== payloadPaths.length
        ? [`bag-info.txt: Payload-Oxum says ${oxum[1]}.${oxum[2]}, the payload is ${bytes}.${payloadPaths.length}`]
        : [];
    check('Payload-Oxum', oxumProblems, `${bytes}.${payloadPaths.length}`);

    const tagProblems: string[] = [];
    const tagmanifestBytes = await text('tagmanifest-sha256.txt');
    try {
      const listed = parseManifest(tagmanifestBytes.toString('utf8'));
      for (const line of listed) {
        const entry = files.get(line.path);
        if (!entry) tagProblems.push(`${line.path}: listed in tagmanifest-sha256.txt but missing`);
        else {
          const hashed = await zip.hash(entry);
          if (!hashed.ok) tagProblems.push(hashed.problem.message);
          else if (hashed.sha256 !== line.sha256) tagProblems.push(`${line.path}: does not match tagmanifest-sha256.txt`);
        }
      }
      for (const tag of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
        if (!listed.some((l) => l.path === tag)) tagProblems.push(`${tag}: not covered by tagmanifest-sha256.txt`);
      }
    } catch (error) {
      tagProblems.push(`tagmanifest-sha256.txt: ${error instanceof Error ? error.message : String(error)}`);
    }
    check('Tag manifest', tagProblems, 'bagit.txt, bag-info.txt and manifest-sha256.txt match');

    const signatureProblems: string[] = [];
    let fingerprint = '';
    try {
      const sig = JSON.parse((await text('signature.json')).toString('utf8')) as Record<string, unknown>;
      const str = (value: unknown): string => (typeof value === 'string' ? value : '');
      const publicKey = str(sig['publicKey']);
      fingerprint = str(sig['keyFingerprint']);
      if (sig['algorithm'] !== 'Ed25519' || sig['signedFile'] !== 'tagmanifest-sha256.txt') signatureProblems.push('signature.json: not an Ed25519 signature of tagmanifest-sha256.txt');
      else if (fingerprintOf(fromBase64(publicKey)) !== fingerprint) signatureProblems.push('signature.json: the public key does not match its fingerprint');
      else if (!(await verifyBytes(publicKey, str(sig['signature']), new Uint8Array(tagmanifestBytes)))) {
        signatureProblems.push('signature.json: the signature over tagmanifest-sha256.txt does not verify');
      }
    } catch (error) {
      signatureProblems.push(`signature.json: unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
    check('Bag signature', signatureProblems, `Ed25519, key ${fingerprint}`);

    const signoffProblems: string[] = [];
    let signoffCount = 0;
    try {
      const manifestJson = JSON.parse((await text('data/manifest.json')).toString('utf8')) as {
        evidence?: { id: string; sha256: string; path: string; original?: { sha256: string; path: string | null } | null }[];
        signoffs?: SignoffRecord[];
      };
      const evidence = new Map((manifestJson.evidence ?? []).map((e) => [e.id, e]));
      for (const e of evidence.values()) {
        if (payloadHashes.get(e.path) !== e.sha256) signoffProblems.push(`data/manifest.json: evidence ${e.id} (${e.path}) does not match its file`);
        const original = e.original;
        if (original?.path && payloadHashes.get(original.path) !== original.sha256) {
          signoffProblems.push(`data/manifest.json: the raw capture of evidence ${e.id} (${original.path}) does not match its file`);
        }
      }
      for (const s of manifestJson.signoffs ?? []) {
        signoffCount += 1;
        const validity = await checkSignoff(s, evidence.get(s.evidenceId));
        if (!validity.valid) signoffProblems.push(`sign-off ${s.id} on ${evidence.get(s.evidenceId)?.path ?? s.evidenceId}: ${validity.reason}`);
      }
    } catch (error) {
      signoffProblems.push(`data/manifest.json: unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
    check('Sign-offs', signoffProblems, `${signoffCount} sign-off(s) verify against the files they approve`);

    const logProblems: string[] = [];
    try {
      const lines = (await text('data/audit-log.jsonl')).toString('utf8').split('\n').filter((l) => l.trim() !== '');
      const chain = verifyChain(lines.map((l) => JSON.parse(l) as LogEntry));
      if (!chain.ok) logProblems.push(`data/audit-log.jsonl: chain broken at entry ${chain.seq}: ${chain.reason}`);
      else checks.push({ name: 'Log entries', ok: true, detail: `${lines.length}` });
    } catch (error) {
      logProblems.push(`data/audit-log.jsonl: unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
    check('Audit trail chain', logProblems, 'every entry chains to the one before');

    return { ok: problems.length === 0, bagName: structure.bagName, checks, problems, files: files.size, bytes };
  }
}

export function formatReport(report: VerifyReport, zipPath: string): string {
  const lines = [`Evidence Locker bundle: ${zipPath}`, `Bag: ${report.bagName ?? '(none)'}`, ''];
  for (const c of report.checks) lines.push(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  if (report.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of report.problems) lines.push(`  - ${p}`);
  }
  lines.push('', report.ok ? 'RESULT: PASS — every file, signature and log entry verifies.' : `RESULT: FAIL — ${report.problems.length} problem(s).`);
  return `${lines.join('\n')}\n`;
}

/** The bag's machine-readable files, for the import preview. */
export async function readBundleTexts(zipPath: string, bagName: string, options: VerifyOptions = {}): Promise<{ manifestJson: string; auditLog: string }> {
  return withArchive(zipPath, options, async (zip) => {
    const find = (path: string): ZipEntry => {
      const entry = zip.entries.find((e) => e.name === `${bagName}/${path}`);
      if (!entry) throw new Error(`${path} is missing`);
      return entry;
    };
    return {
      manifestJson: (await readText(zip, find('data/manifest.json'))).toString('utf8'),
      auditLog: (await readText(zip, find('data/audit-log.jsonl'))).toString('utf8'),
    };
  });
}
