import type { LogEntry } from '../../../../shared/domain/records';
import { appendEntries, chainFiles } from '../../../../shared/locker/chain';
import { deviceDirName } from '../../../../shared/locker/layout';
import { rosterFileText, signRoster, type RosterMember, type SignedRoster } from '../../../../shared/locker/roster';
import { generateReviewerKeys, type ReviewerKeys } from '../../../../shared/signing/ed25519';

/** A team with real Ed25519 keys, for the locker's tests (shared with the git runner's tests). */
export const AUDIT = 'audit-2026-q4';

export interface Person {
  readonly name: string;
  readonly role: string;
  readonly keys: ReviewerKeys;
  readonly device: string;
}

export async function person(name: string, role: string): Promise<Person> {
  const keys = await generateReviewerKeys();
  return { name, role, keys, device: deviceDirName(keys.fingerprint) };
}

export function asMember(p: Person): RosterMember {
  return { name: p.name, role: p.role, publicKey: p.keys.publicKeyRaw, fingerprint: p.keys.fingerprint };
}

export async function roster(owner: Person, members: readonly Person[], version = 1, auditId = AUDIT): Promise<SignedRoster> {
  return signRoster(owner.keys.privateKey, { v: 1, auditId, version, owner: asMember(owner), members: [owner, ...members].map(asMember), at: '2026-11-30T10:00:00.000Z' });
}

export async function rosterText(owner: Person, members: readonly Person[], version = 1): Promise<string> {
  return rosterFileText(await roster(owner, members, version));
}

/** `n` capture entries by a person, each recording the hash of one piece of evidence. */
export function captures(p: Person, shas: readonly string[], chain: readonly LogEntry[] = [], auditId = AUDIT): LogEntry[] {
  return appendEntries(
    chain,
    shas.map((sha256, i) => ({ auditId, at: `2026-11-30T10:${String(i).padStart(2, '0')}:00.000Z`, actor: p.name, action: 'create' as const, target: `evidence:${p.name}-${chain.length + i}`, details: { sha256 } })),
  );
}

/** The two files a person's chain is published as: { events, head } texts. */
export async function files(p: Person, entries: readonly LogEntry[], auditId = AUDIT): Promise<{ events: string; head: string; eventsPath: string; headPath: string }> {
  const [events, head] = await chainFiles(p.keys.privateKey, p.keys.publicKeyRaw, auditId, entries, '2026-11-30T11:00:00.000Z');
  if (!events || !head) throw new Error('chainFiles wrote less than two files');
  return { events: events.text, head: head.text, eventsPath: events.path, headPath: head.path };
}
