import type { LogEntry } from '../domain/records';
import { GENESIS_HASH, hashEntry } from '../log/chain';
import type { Check } from './report';
import { plural, quoted, shortHash, shown } from './words';

/**
 * The audit trail as the verifier reads it: every line parsed, the hash chain walked, and every
 * entry checked to belong to the bag's audit. Problems name the entry and the line.
 */
export interface TrailResult {
  readonly check: Check;
  /** The entries that parsed, in order; null when the file is missing or unreadable. */
  readonly entries: readonly LogEntry[] | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function checkTrail(text: string | null, auditId: string | null): TrailResult {
  const title = 'Audit trail';
  if (text === null) {
    return { check: { id: 'trail', title, status: 'fail', summary: 'data/audit-log.jsonl is missing.', problems: ['missing: data/audit-log.jsonl'], notes: [] }, entries: null };
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: string[] = [];
  const entries: LogEntry[] = [];
  let previous: { seq: number; hash: string } | null = null;
  for (const [i, line] of lines.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1} is not JSON`);
      previous = null;
      continue;
    }
    if (!isObject(parsed) || typeof parsed['seq'] !== 'number' || typeof parsed['hash'] !== 'string') {
      problems.push(`line ${i + 1} is not a log entry`);
      continue;
    }
    const entry = parsed as unknown as LogEntry;
    const name = `entry ${shown(entry.seq)} (line ${i + 1})`;
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq !== expectedSeq) problems.push(`${name}: expected entry ${expectedSeq} here (an entry is missing or out of order)`);
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) problems.push(`${name}: prevHash does not match the hash of the entry before it`);
    const { hash, ...rest } = entry;
    let actual: string | null;
    try {
      actual = hashEntry(rest);
    } catch {
      actual = null;
    }
    if (actual !== hash) problems.push(`${name}: hash does not match its content (edited after it was written)`);
    if (auditId !== null && entry.auditId !== auditId) problems.push(`${name}: belongs to another audit (${quoted(entry.auditId)})`);
    entries.push(entry);
    previous = entry;
  }
  if (lines.length === 0) problems.push('the trail is empty: every audit records at least its own creation');
  return {
    check: {
      id: 'trail',
      title,
      status: problems.length ? 'fail' : 'pass',
      summary: problems.length ? 'The hash chain of the audit trail is broken.' : `${plural(lines.length, 'entry', 'entries')} form an unbroken hash chain from the first, all of this audit.`,
      problems,
      notes: [],
    },
    entries,
  };
}

/** A head (seq, hash) is in a trail when the entry at that seq has that hash; seq 0 is the empty trail. */
export function holdsHead(entries: readonly LogEntry[], head: { readonly seq: number; readonly hash: string }): boolean {
  if (head.seq === 0) return head.hash === GENESIS_HASH;
  return entries[head.seq - 1]?.seq === head.seq && entries[head.seq - 1]?.hash === head.hash;
}

/**
 * Certificate Transparency's consistency idea for a hash-chained trail: the later trail extends
 * the earlier one when every earlier entry is present in it, unchanged, at the same place. A
 * chain makes the last shared entry vouch for all before it, but each is compared anyway so the
 * message names the first entry that differs.
 */
export function extensionProblems(earlier: readonly LogEntry[], later: readonly LogEntry[], earlierName: string, laterName: string): string[] {
  if (earlier.length > later.length) {
    const firstMissing = earlier[later.length];
    return [
      `${laterName} has ${plural(later.length, 'entry', 'entries')}, ${earlierName} ${earlier.length}: entries ${later.length + 1}–${earlier.length} are gone (the first was ${shown(firstMissing?.action)} ${shown(firstMissing?.target)} at ${shown(firstMissing?.at)})`,
    ];
  }
  for (let i = 0; i < earlier.length; i += 1) {
    const a = earlier[i];
    const b = later[i];
    if (a?.hash !== b?.hash) {
      return [
        `entry ${i + 1} differs: ${earlierName} has ${shown(a?.action)} ${shown(a?.target)} (hash ${shortHash(a?.hash)}), ${laterName} has ${shown(b?.action)} ${shown(b?.target)} (hash ${shortHash(b?.hash)}): the trail was rewritten from there on`,
      ];
    }
  }
  return [];
}

export function extendsCheck(earlier: readonly LogEntry[] | null, later: readonly LogEntry[] | null, earlierName: string): Check {
  const title = 'Extends the previous bundle';
  if (earlier === null || later === null) {
    return { id: 'previous', title, status: 'fail', summary: 'One of the two trails could not be read, so they cannot be compared.', problems: [`the audit trail of ${earlier === null ? earlierName : 'this bundle'} is unreadable`], notes: [] };
  }
  const earlierAudit = earlier[0]?.auditId;
  const laterAudit = later[0]?.auditId;
  if (earlierAudit !== laterAudit) {
    return { id: 'previous', title, status: 'fail', summary: 'The two bundles are of different audits.', problems: [`${earlierName} is audit ${quoted(earlierAudit)}, this bundle audit ${quoted(laterAudit)}`], notes: [] };
  }
  const problems = extensionProblems(earlier, later, earlierName, 'this bundle');
  return {
    id: 'previous',
    title,
    status: problems.length ? 'fail' : 'pass',
    summary: problems.length
      ? `This bundle's trail does not extend the trail of ${earlierName}: history was cut or rewritten.`
      : `All ${plural(earlier.length, 'entry', 'entries')} of ${earlierName}'s trail are here, unchanged and in order; this bundle adds ${later.length - earlier.length}.`,
    problems,
    notes: [],
  };
}
