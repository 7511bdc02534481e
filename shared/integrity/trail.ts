import type { EvidenceRecord, LogEntry } from '../domain/records';
import { withdrawnInTrail } from '../evidence/withdrawal';
import { canonicalJson } from '../log/chain';

/**
 * Replays the audit trail to what each evidence row must look like now, and names every
 * difference. The trail is hash-chained, so a row edited behind the app's back (in the
 * IndexedDB files, or with devtools) cannot be made to agree with it without breaking the chain.
 */
export interface TrailProblem {
  readonly target: string;
  readonly message: string;
}

export type Snapshot = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function expectedEvidenceFromTrail(log: readonly LogEntry[]): Map<string, Snapshot> {
  const expected = new Map<string, Snapshot>();
  for (const entry of log) {
    // An import into an existing audit records the rows it added instead of their own trail;
    // an import of a partial bundle names the items the trail records that it did not bring.
    if (entry.action === 'import') {
      if (Array.isArray(entry.details['leftOut'])) for (const id of entry.details['leftOut']) if (typeof id === 'string') expected.delete(id);
      if (Array.isArray(entry.details['snapshots'])) {
        for (const snapshot of entry.details['snapshots']) {
          if (isRecord(snapshot) && typeof snapshot['id'] === 'string') expected.set(snapshot['id'], { ...snapshot });
        }
      }
      continue;
    }
    if (!entry.target.startsWith('evidence:')) continue;
    const id = entry.target.slice('evidence:'.length);
    if (entry.action === 'create' && isRecord(entry.details['snapshot'])) {
      expected.set(id, { ...entry.details['snapshot'] });
    } else if (entry.action === 'update' && isRecord(entry.details['changes'])) {
      const current = expected.get(id);
      if (!current) continue;
      for (const [field, change] of Object.entries(entry.details['changes'])) {
        if (isRecord(change)) current[field] = change['to'];
      }
    }
  }
  return expected;
}

// Compared as canonical JSON: a row rebuilt from a bundle carries the same values as the trail's
// snapshot, but its nested objects need not list their keys in the same order. Strings, booleans
// and finite numbers compare as themselves (the same verdict, without serializing 200,000 fields).
const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' || typeof a === 'boolean' || (typeof a === 'number' && Number.isFinite(a))) {
    if (typeof b === typeof a) return a === b;
  }
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
};

export function compareEvidenceWithTrail(evidence: readonly EvidenceRecord[], log: readonly LogEntry[]): TrailProblem[] {
  const expected = expectedEvidenceFromTrail(log);
  return [...compareRowsWithTrail(evidence, expected), ...rowsMissingFromDatabase(new Set(evidence.map((item) => item.id)), expected)];
}

/** Each row against what the trail says it must be (a slice of the rows at a time, if need be). */
export function compareRowsWithTrail(evidence: readonly EvidenceRecord[], expected: ReadonlyMap<string, Snapshot>): TrailProblem[] {
  const problems: TrailProblem[] = [];
  for (const item of evidence) {
    const target = `evidence:${item.id}`;
    const want = expected.get(item.id);
    if (!want) {
      problems.push({ target, message: `"${item.name}" is in the database but the audit trail never recorded it` });
      continue;
    }
    const row = item as unknown as Snapshot;
    for (const field of new Set([...Object.keys(want), ...Object.keys(row)])) {
      if (!same(want[field], row[field])) {
        problems.push({
          target,
          message: `"${item.name}": ${field} is ${JSON.stringify(row[field] ?? null)} but the audit trail says ${JSON.stringify(want[field] ?? null)}`,
        });
      }
    }
  }
  return problems;
}

/** A replayed item that was withdrawn: bundles leave it out, so an installation fed by one never holds it. */
export function isWithdrawnSnapshot(snapshot: Snapshot | undefined): boolean {
  return isRecord(snapshot?.['withdrawal']);
}

/** Items the trail recorded whose rows are gone (a withdrawn item may be absent: no bundle carries it). */
export function rowsMissingFromDatabase(rowIds: ReadonlySet<string>, expected: ReadonlyMap<string, Snapshot>): TrailProblem[] {
  const problems: TrailProblem[] = [];
  for (const [id, want] of expected) {
    if (!rowIds.has(id) && !isWithdrawnSnapshot(want)) {
      problems.push({ target: `evidence:${id}`, message: `"${String(want['name'])}" is in the audit trail but missing from the database` });
    }
  }
  return problems;
}

/** Evidence ids an import of a partial bundle says it did not bring (their trail entries came along). */
export function leftOutByImports(log: readonly LogEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const e of log) {
    if (e.action === 'import' && Array.isArray(e.details['leftOut'])) for (const id of e.details['leftOut']) if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/**
 * Sign-offs the trail recorded whose rows are gone (deleting a rejection would hide it). Those of
 * an item left out of an imported bundle, or withdrawn (no bundle carries its sign-offs), may be.
 */
export function missingSignoffs(log: readonly LogEntry[], signoffIds: ReadonlySet<string>, heldIds: ReadonlySet<string> = new Set()): TrailProblem[] {
  const leftOut = leftOutByImports(log);
  const withdrawn = withdrawnInTrail(log);
  const excused = (id: string): boolean => leftOut.has(id) || (withdrawn.has(id) && !heldIds.has(id));
  return log
    .filter((e) => e.action === 'signoff' && typeof e.details['signoffId'] === 'string' && !signoffIds.has(e.details['signoffId']))
    .filter((e) => !excused(e.target.slice('evidence:'.length)))
    .map((e) => ({ target: e.target, message: `sign-off ${String(e.details['signoffId'])} (entry ${e.seq}) is in the audit trail but missing from the database` }));
}
