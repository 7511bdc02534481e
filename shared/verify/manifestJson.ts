import type { Check } from './report';
import { plural, quoted, shortHash, shown } from './words';

/**
 * data/manifest.json against the bag: it must describe exactly the payload — every evidence
 * file (and kept raw capture) with the path, SHA-256 and true size of a listed file, nothing
 * described twice, no payload file left undescribed — and every row must be of the bag's audit.
 * What the later checks need of it is returned parsed.
 */

/** The generated files every bundle carries beside its evidence (DESIGN.md §5). */
export const GENERATED_FILES = ['data/index.html', 'data/VERIFY.html', 'data/evidence.csv', 'data/manifest.json', 'data/audit-log.jsonl'] as const;
const OPTIONAL_GENERATED = ['data/oscal/assessment-results.json'];

export interface ManifestItem {
  readonly id: string;
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly evidenceDate: unknown;
  readonly controlRefs: unknown;
  readonly slots: unknown;
  readonly systemReport: unknown;
  readonly decision: unknown;
  readonly signoffId: unknown;
}

export interface ParsedManifest {
  readonly auditId: string | null;
  readonly auditName: string | null;
  readonly organization: string | null;
  readonly generatedAt: string | null;
  readonly formatVersion: number | null;
  readonly evidence: ReadonlyMap<string, ManifestItem>;
  readonly signoffs: readonly unknown[];
  readonly logHead: unknown;
  readonly partial: unknown;
  readonly leftOut: unknown;
  readonly selection: unknown;
}

export interface ManifestResult {
  readonly check: Check;
  readonly manifest: ParsedManifest | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function checkManifestJson(
  text: string | null,
  listed: ReadonlyMap<string, string>,
  sizes: ReadonlyMap<string, number>,
  externalIdentifier: string | null,
): ManifestResult {
  const title = 'manifest.json matches the files';
  const fail = (summary: string, problems: string[]): ManifestResult => ({ check: { id: 'manifest', title, status: 'fail', summary, problems, notes: [] }, manifest: null });
  if (text === null) return fail('data/manifest.json is missing.', ['missing: data/manifest.json']);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('data/manifest.json is not JSON.', ['data/manifest.json: not JSON']);
  }
  if (!isObject(raw) || !isObject(raw['audit']) || !Array.isArray(raw['evidence'])) {
    return fail('data/manifest.json is not a bundle manifest.', ['data/manifest.json: no audit object or evidence list']);
  }
  const audit = raw['audit'];
  const auditId = str(audit['id']);
  const problems: string[] = [];
  if (auditId === null) problems.push('data/manifest.json: the audit has no id');
  if (externalIdentifier !== null && auditId !== null && externalIdentifier !== auditId) {
    problems.push(`bag-info.txt names audit ${quoted(externalIdentifier)} but manifest.json describes audit ${quoted(auditId)}`);
  }

  const evidence = new Map<string, ManifestItem>();
  const describedBy = new Map<string, string>();
  const describe = (path: string, label: string): void => {
    const earlier = describedBy.get(path);
    if (earlier !== undefined) problems.push(`${label}: ${shown(path)} is already described by ${earlier}`);
    describedBy.set(path, label);
  };
  const checkFile = (label: string, path: unknown, sha256: unknown, size: unknown, what: string): void => {
    if (typeof path !== 'string') {
      problems.push(`${label} has no path for ${what}`);
      return;
    }
    describe(path, label);
    const listedSha = listed.get(path);
    if (listedSha === undefined) problems.push(`${label}: ${what} ${shown(path)} is not listed in manifest-sha256.txt`);
    else if (listedSha !== sha256) problems.push(`${label}: manifest.json gives SHA-256 ${shortHash(sha256)} for ${shown(path)}, manifest-sha256.txt ${shortHash(listedSha)}`);
    const trueSize = sizes.get(path);
    if (trueSize !== undefined && trueSize !== size) problems.push(`${label}: manifest.json gives ${shown(size)} bytes for ${shown(path)}, the file has ${trueSize}`);
  };
  for (const [i, value] of (raw['evidence'] as unknown[]).entries()) {
    const item = isObject(value) ? value : {};
    const id = str(item['id']);
    const label = `evidence ${id === null ? `#${i + 1}` : shown(id)}`;
    if (id === null) problems.push(`${label} has no id`);
    else if (evidence.has(id)) problems.push(`${label} is described twice`);
    checkFile(label, item['path'], item['sha256'], item['size'], 'its file');
    // The raw capture kept beside a stamped screenshot is described by its item, not on its own.
    const original = item['original'];
    if (isObject(original) && original['path'] !== null && original['path'] !== undefined) {
      checkFile(label, original['path'], original['sha256'], original['size'], 'its raw capture');
    }
    if (id !== null && typeof item['path'] === 'string' && typeof item['sha256'] === 'string') {
      evidence.set(id, {
        id,
        path: item['path'],
        sha256: item['sha256'],
        size: typeof item['size'] === 'number' ? item['size'] : -1,
        evidenceDate: item['evidenceDate'],
        controlRefs: item['controlRefs'],
        slots: item['slots'],
        systemReport: item['systemReport'] ?? null,
        decision: item['decision'],
        signoffId: item['signoffId'] ?? null,
      });
    }
  }
  for (const path of listed.keys()) {
    if (describedBy.has(path) || (GENERATED_FILES as readonly string[]).includes(path) || OPTIONAL_GENERATED.includes(path)) continue;
    problems.push(`not described in manifest.json: ${shown(path)}`);
  }
  for (const generated of GENERATED_FILES) {
    if (!listed.has(generated)) problems.push(`${generated} is not listed in manifest-sha256.txt`);
  }
  for (const table of ['controls', 'requests', 'signoffs'] as const) {
    const rows = raw[table];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      problems.push(`data/manifest.json: ${table} is not a list`);
      continue;
    }
    for (const row of rows) {
      const rowAudit = isObject(row) ? row['auditId'] : undefined;
      if (auditId !== null && rowAudit !== auditId) {
        problems.push(`data/manifest.json: a row of ${table} (${shown(isObject(row) ? row['id'] : row)}) belongs to another audit (${quoted(rowAudit)})`);
      }
    }
  }

  const manifest: ParsedManifest = {
    auditId,
    auditName: str(audit['name']),
    organization: str(audit['organization']),
    generatedAt: str(raw['generatedAt']),
    formatVersion: typeof raw['formatVersion'] === 'number' ? raw['formatVersion'] : null,
    evidence,
    signoffs: Array.isArray(raw['signoffs']) ? raw['signoffs'] : [],
    logHead: raw['logHead'],
    partial: raw['partial'],
    leftOut: raw['leftOut'],
    selection: raw['selection'],
  };
  return {
    check: {
      id: 'manifest',
      title,
      status: problems.length ? 'fail' : 'pass',
      summary: problems.length
        ? 'manifest.json and the bag disagree.'
        : `${plural(evidence.size, 'evidence item')} described, each with the path, size and SHA-256 of a listed file; no payload file undescribed; every row of this audit.`,
      problems,
      notes: [],
    },
    manifest,
  };
}
