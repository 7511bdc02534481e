import type { LogEntry } from '../domain/records';
import { blobOrigin, checkBlob } from './blob';
import { verifyDeviceChain, type ChainHead } from './chain';
import { classifyPath, devicesDir, rosterPath } from './layout';
import type { Refusal } from './refusal';
import { memberByFingerprint, verifyRoster, type SignedRoster } from './roster';

/**
 * What an update fetched for one audit, checked as a whole (issue #17): the roster against the
 * owner this installation trusts, every member's chain against the roster and against what this
 * installation saw before, every new blob against its name. Good chains are accepted even when
 * another is refused: one member's bad push must not stop the rest of the team.
 */
export interface FetchedAudit {
  readonly auditId: string;
  readonly trustedOwner: string;
  readonly rosterText: string | null;
  readonly chains: readonly { readonly device: string; readonly eventsText: string | null; readonly headText: string | null }[];
  /** Blob files that are new or changed since this installation last looked. */
  readonly blobs: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** Heads this installation accepted before, by device folder name. */
  readonly seen: Readonly<Record<string, ChainHead>>;
  readonly seenRosterVersion: number;
  /** Every other file found under the audit's folder: the layout defines none, so each is refused. */
  readonly strays?: readonly string[];
}

export interface AcceptedChain {
  readonly device: string;
  readonly member: string;
  readonly entries: readonly LogEntry[];
  /** Entries past what this installation saw: what the update brings. */
  readonly newEntries: readonly LogEntry[];
  readonly head: ChainHead;
}

export interface LockerVerdict {
  readonly roster: SignedRoster | null;
  readonly accepted: readonly AcceptedChain[];
  readonly refusals: readonly Refusal[];
  /** The heads to remember: accepted chains move on, refused ones stay where they were. */
  readonly seen: Readonly<Record<string, ChainHead>>;
  /** The blobs whose bytes match their names. */
  readonly blobs: readonly { readonly sha256: string; readonly bytes: Uint8Array }[];
}

export async function verifyFetchedAudit(input: FetchedAudit): Promise<LockerVerdict> {
  const path = rosterPath(input.auditId);
  const roster =
    input.rosterText === null
      ? ({ ok: false, reason: 'roster.json is missing: no one is trusted to write to this audit' } as const)
      : await verifyRoster(input.rosterText, input.auditId, input.trustedOwner, input.seenRosterVersion);
  if (!roster.ok) {
    return { roster: null, accepted: [], refusals: [{ kind: 'roster', member: 'the audit owner', path, entry: null, reason: roster.reason }], seen: input.seen, blobs: [] };
  }
  const accepted: AcceptedChain[] = [];
  const refusals: Refusal[] = [];
  const seen: Record<string, ChainHead> = { ...input.seen };
  for (const chain of input.chains) {
    const before = input.seen[chain.device] ?? null;
    const verdict = await verifyDeviceChain({ auditId: input.auditId, device: chain.device, eventsText: chain.eventsText, headText: chain.headText, roster: roster.roster.payload, seen: before });
    if (!verdict.ok) {
      refusals.push(verdict.refusal);
      continue;
    }
    accepted.push({ device: chain.device, member: verdict.member, entries: verdict.entries, newEntries: verdict.entries.slice(before?.seq ?? 0), head: verdict.head });
    seen[chain.device] = verdict.head;
  }
  // A chain this installation saw must still be there: deleting a member's folder cuts their history.
  const present = new Set(input.chains.map((c) => c.device));
  for (const [device, head] of Object.entries(input.seen)) {
    if (present.has(device)) continue;
    const member = memberByFingerprint(roster.roster.payload, device);
    refusals.push({
      kind: 'rewritten',
      member: member ? `${member.name}, ${member.role}` : `key ${device.slice(0, 16)}…`,
      path: `${devicesDir(input.auditId)}/${device}`,
      entry: head.seq,
      reason: `this installation already accepted entries up to ${head.seq}; the chain is gone from the repository: history was deleted (force-pushed)`,
    });
  }
  for (const path of input.strays ?? []) {
    refusals.push({ kind: 'layout', member: 'the repository', path, entry: null, reason: 'a file the locker layout does not define (nothing but the roster, device chains and blobs belongs in an audit folder)' });
  }
  const blobs: { sha256: string; bytes: Uint8Array }[] = [];
  for (const blob of input.blobs) {
    const what = classifyPath(blob.path);
    if (what.kind !== 'blob' || what.auditId !== input.auditId) {
      refusals.push({ kind: 'layout', member: 'the repository', path: blob.path, entry: null, reason: 'not a blob path of this audit' });
      continue;
    }
    const refusal = checkBlob(blob.path, what.sha256, blob.bytes, blobOrigin(what.sha256, accepted));
    if (refusal) refusals.push(refusal);
    else blobs.push({ sha256: what.sha256, bytes: blob.bytes });
  }
  return { roster: roster.roster, accepted, refusals, seen, blobs };
}
