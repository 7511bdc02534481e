import type { LogEntry } from '../domain/records';
import { withdrawnInTrail } from '../evidence/withdrawal';
import type { ParsedManifest } from './manifestJson';
import type { Check } from './report';
import type { VerifiedSignoff } from './signoffs';
import { holdsHead } from './trail';
import { plural, quoted, shortHash, shown } from './words';

/**
 * A chain proves order, not completeness: its end can be cut and the rest re-chained
 * (DESIGN.md §4). So the bundle commits to its trail's head (bag-info.txt, signed through the
 * tag manifest, and manifest.json), every v2 sign-off commits to the head when it was made, and
 * every item the trail created is either in the bundle or named as left out. A trail cut below
 * any of these no longer agrees with them.
 */
export interface HistoryResult {
  readonly check: Check;
  readonly logHead: { readonly seq: number; readonly hash: string } | null;
  readonly partial: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asHead(value: unknown): { seq: number; hash: string } | null {
  if (!isObject(value) || typeof value['seq'] !== 'number' || typeof value['hash'] !== 'string') return null;
  return { seq: value['seq'], hash: value['hash'] };
}

/** "12 7f3a…" in bag-info.txt: the seq and hash of the last entry. */
export function parseHeadField(value: string | null): { seq: number; hash: string } | null {
  const match = value === null ? null : /^(\d+) ([0-9a-f]{64})$/.exec(value.trim());
  return match?.[1] && match[2] ? { seq: Number(match[1]), hash: match[2] } : null;
}

export interface TrailItem {
  readonly name: string;
  /** The SHA-256 the trail recorded when the item was created; null when it recorded none. */
  readonly sha256: string | null;
}

/** The evidence items the trail says exist, by id: created by the app, or added by an import. */
export function evidenceInTrail(entries: readonly LogEntry[]): Map<string, TrailItem> {
  const found = new Map<string, TrailItem>();
  const itemOf = (record: Record<string, unknown>): TrailItem => ({
    name: typeof record['name'] === 'string' ? record['name'] : '',
    sha256: typeof record['sha256'] === 'string' ? record['sha256'] : null,
  });
  for (const entry of entries) {
    if (entry.action === 'create' && entry.target.startsWith('evidence:')) {
      const snapshot = entry.details['snapshot'];
      found.set(entry.target.slice('evidence:'.length), itemOf(isObject(snapshot) ? snapshot : entry.details));
    }
    if (entry.action === 'import' && Array.isArray(entry.details['snapshots'])) {
      for (const snapshot of entry.details['snapshots']) {
        if (isObject(snapshot) && typeof snapshot['id'] === 'string') found.set(snapshot['id'], itemOf(snapshot));
      }
    }
  }
  return found;
}

/** Sign-offs the trail recorded, by id, with the item each was about. */
function signoffEntries(entries: readonly LogEntry[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of entries) {
    if (entry.action === 'signoff' && typeof entry.details['signoffId'] === 'string') found.set(entry.details['signoffId'], entry.target.slice('evidence:'.length));
  }
  return found;
}

/** Sign-off ids the trail recorded: signoff entries, and imports that list what they added. */
function signoffsInTrail(entries: readonly LogEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.action === 'signoff' && typeof entry.details['signoffId'] === 'string') ids.add(entry.details['signoffId']);
    if (entry.action === 'import' && Array.isArray(entry.details['signoffIds'])) {
      for (const id of entry.details['signoffIds']) if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

export function checkHistory(
  entries: readonly LogEntry[] | null,
  manifest: ParsedManifest | null,
  bagInfoHead: string | null,
  bagInfoPartial: string | null,
  signoffs: readonly VerifiedSignoff[],
): HistoryResult {
  const title = 'History commitments';
  const problems: string[] = [];
  const notes: string[] = [];
  if (entries === null || manifest === null) {
    return {
      check: { id: 'history', title, status: 'fail', summary: 'Not checked: the trail or manifest.json could not be read.', problems: ['the trail and manifest.json are both needed to check what the bundle committed to'], notes },
      logHead: null,
      partial: null,
    };
  }
  const last = entries.at(-1);
  const trailHead = last ? { seq: last.seq, hash: last.hash } : null;
  const modern = (manifest.formatVersion ?? 1) >= 2;

  // (1) The bundle's own commitment to its trail's head.
  const fromInfo = parseHeadField(bagInfoHead);
  const fromManifest = asHead(manifest.logHead);
  if (!modern && fromInfo === null && fromManifest === null) {
    notes.push('This bundle was made before bundles committed to their trail head (format 1): a cut trail is caught by the sign-offs and --previous only.');
  } else {
    if (fromInfo === null) problems.push(`bag-info.txt: Evidence-Locker-Log-Head is missing or not "<seq> <sha256>" (${quoted(bagInfoHead)})`);
    if (fromManifest === null) problems.push('data/manifest.json: logHead is missing');
    if (fromInfo && fromManifest && (fromInfo.seq !== fromManifest.seq || fromInfo.hash !== fromManifest.hash)) {
      problems.push(`bag-info.txt commits to trail head ${fromInfo.seq}, manifest.json to ${fromManifest.seq}: they must be the same entry`);
    }
    const committed = fromInfo ?? fromManifest;
    if (committed && (trailHead === null || committed.seq !== trailHead.seq || committed.hash !== trailHead.hash)) {
      problems.push(
        `the bundle commits to trail head ${committed.seq} but its trail ends at ${trailHead ? `entry ${trailHead.seq} with another hash` : 'nothing'}${trailHead && committed.seq > trailHead.seq ? ' (entries were cut)' : ''}`,
      );
    }
  }

  // (2) Every v2 sign-off committed to the head when it was made; the trail must still hold it,
  // and must record the sign-off itself.
  const recorded = signoffsInTrail(entries);
  for (const s of signoffs) {
    if (s.version < 2) continue;
    const head = asHead(s.logHead);
    if (head === null) problems.push(`sign-off ${shown(s.id)}: its log head is unreadable`);
    else if (!holdsHead(entries, head)) {
      problems.push(`sign-off ${shown(s.id)} was made when the trail ended at entry ${head.seq}; this trail does not hold that entry (the trail was cut or rewritten)`);
    }
    if (!recorded.has(s.id)) problems.push(`sign-off ${shown(s.id)} is not recorded in the audit trail`);
  }

  // (3) Every item the trail created is in the bundle or named as left out.
  let partial: string | null = null;
  if (modern) {
    const leftOut = new Map<string, string>();
    if (Array.isArray(manifest.leftOut)) {
      for (const row of manifest.leftOut) {
        if (isObject(row) && typeof row['evidenceId'] === 'string') leftOut.set(row['evidenceId'], typeof row['reason'] === 'string' ? row['reason'] : '');
      }
    } else problems.push('data/manifest.json: leftOut is missing (a bundle lists the items it does not carry)');
    const declaredPartial = manifest.partial === true;
    const infoPartial = bagInfoPartial === null ? null : !/^no\b/i.test(bagInfoPartial);
    if (infoPartial === null) problems.push('bag-info.txt: Evidence-Locker-Partial is missing');
    else if (infoPartial !== declaredPartial) problems.push(`bag-info.txt says the bundle is ${infoPartial ? '' : 'not '}partial, manifest.json that it is ${declaredPartial ? '' : 'not '}partial`);
    if (declaredPartial !== leftOut.size > 0) problems.push(`data/manifest.json: partial is ${String(declaredPartial)} but it lists ${plural(leftOut.size, 'item')} left out`);
    const inTrail = evidenceInTrail(entries);
    // A withdrawn item (issue #13) belongs in no bundle: the trail records why it left.
    const withdrawn = withdrawnInTrail(entries);
    for (const [id, recorded] of inTrail) {
      if (manifest.evidence.has(id) || leftOut.has(id) || withdrawn.has(id)) continue;
      problems.push(`evidence ${shown(id)} (${quoted(recorded.name)}) is in the audit trail but neither in this bundle nor listed as left out`);
    }
    for (const item of manifest.evidence.values()) {
      const recorded = inTrail.get(item.id);
      if (withdrawn.has(item.id)) problems.push(`evidence ${shown(item.id)} (${shown(item.path)}) is in this bundle but the audit trail says it was withdrawn`);
      if (!recorded) problems.push(`evidence ${shown(item.id)} (${shown(item.path)}) is in this bundle but the audit trail never recorded it`);
      else if (recorded.sha256 !== null && recorded.sha256 !== item.sha256) {
        problems.push(`evidence ${shown(item.id)} (${shown(item.path)}): the trail recorded SHA-256 ${shortHash(recorded.sha256)} when it was created, the bundle holds ${shortHash(item.sha256)}`);
      }
    }
    // A sign-off the trail recorded on an item in this bundle must be in it: dropping a rejection would hide it.
    const carried = new Set(manifest.signoffs.map((s) => (isObject(s) && typeof s['id'] === 'string' ? s['id'] : '')));
    for (const [id, evidenceId] of signoffEntries(entries)) {
      if (manifest.evidence.has(evidenceId) && !carried.has(id)) problems.push(`sign-off ${shown(id)} on evidence ${shown(evidenceId)} is recorded in the audit trail but missing from manifest.json`);
    }
    for (const id of leftOut.keys()) {
      if (!inTrail.has(id)) problems.push(`data/manifest.json lists evidence ${shown(id)} as left out, but the trail never recorded it`);
      if (manifest.evidence.has(id)) problems.push(`data/manifest.json lists evidence ${shown(id)} as left out and as included`);
    }
    const withdrawnHere = [...withdrawn].filter((id) => inTrail.has(id)).length;
    if (withdrawnHere > 0) notes.push(`${plural(withdrawnHere, 'item')} withdrawn after capture (the trail records who, when and why) ${withdrawnHere === 1 ? 'is' : 'are'} rightly not in this bundle.`);
    if (declaredPartial) {
      partial = bagInfoPartial ? shown(bagInfoPartial.replace(/^yes[:,;]?\s*/i, '')) : `${plural(leftOut.size, 'item')} left out`;
      notes.push(`This is a partial bundle: ${partial}.`);
    }
  }

  return {
    check: {
      id: 'history',
      title,
      status: problems.length ? 'fail' : 'pass',
      summary: problems.length
        ? 'The trail does not agree with what the bundle and its sign-offs committed to: history was cut or rewritten.'
        : modern
          ? `The trail ends at the head the bundle committed to${trailHead ? ` (entry ${trailHead.seq})` : ''}, holds the head of every sign-off, and accounts for every item.`
          : 'A format 1 bundle: it committed to no trail head; every sign-off it holds is older than such commitments.',
      problems,
      notes,
    },
    logHead: trailHead,
    partial,
  };
}
