import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { LogEntry } from '../domain/records';
import { canonicalJson, chainWalker, nextEntry, type UnhashedEntry } from '../log/chain';
import { signBytes, verifyBytes, type Key } from '../signing/ed25519';
import { fingerprintOfKey } from '../trust/keyring';
import { holdsHead } from '../verify/trail';
import { quoted, shortHash } from '../verify/words';
import { deviceDirName, eventsPath, headPath } from './layout';
import type { Refusal, RefusalKind } from './refusal';
import { memberByFingerprint, type RosterPayload } from './roster';

/**
 * One installation's event chain in the locker (issue #17). The entries are the app's own audit
 * trail entries (DESIGN.md §4: `hash = sha256(JCS(entry without hash))`, built and walked by
 * shared/log/chain.ts), one canonical JSON line each in events.jsonl. head.json commits to the
 * last entry and is signed with the installation's reviewer key: the hash chain makes the head
 * vouch for every entry before it, so one signature per publish covers the chain.
 */
export interface DeviceHeadPayload {
  readonly v: 1;
  readonly auditId: string;
  readonly fingerprint: string;
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

export interface SignedDeviceHead {
  readonly payload: DeviceHeadPayload;
  readonly signature: string;
  /** base64 raw public key; its fingerprint must be the device folder's name. */
  readonly publicKey: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Appends entries to a chain with the app's own chaining, so a locker chain is an audit trail. */
export function appendEntries(chain: readonly LogEntry[], fields: readonly Omit<UnhashedEntry, 'seq' | 'prevHash'>[]): LogEntry[] {
  const out = [...chain];
  for (const f of fields) out.push(nextEntry(out.at(-1), f));
  return out;
}

export function eventsText(entries: readonly LogEntry[]): string {
  return entries.map((e) => `${canonicalJson(e)}\n`).join('');
}

export async function signHead(privateKey: Key, publicKeyRaw: string, auditId: string, last: LogEntry, at: string): Promise<SignedDeviceHead> {
  const fingerprint = fingerprintOfKey(publicKeyRaw);
  if (fingerprint === null) throw new Error('the public key is not an Ed25519 key');
  const payload: DeviceHeadPayload = { v: 1, auditId, fingerprint, seq: last.seq, hash: last.hash, at };
  return { payload, signature: await signBytes(privateKey, utf8ToBytes(canonicalJson(payload))), publicKey: publicKeyRaw };
}

export function headText(head: SignedDeviceHead): string {
  return `${JSON.stringify(head, null, 2)}\n`;
}

/** The files one publish writes for a chain: both live in the installation's own folder. */
export async function chainFiles(
  privateKey: Key,
  publicKeyRaw: string,
  auditId: string,
  entries: readonly LogEntry[],
  at: string,
): Promise<{ readonly path: string; readonly text: string }[]> {
  const last = entries.at(-1);
  if (!last) throw new Error('a chain to publish holds at least one entry');
  const fingerprint = fingerprintOfKey(publicKeyRaw) ?? '';
  return [
    { path: eventsPath(auditId, fingerprint), text: eventsText(entries) },
    { path: headPath(auditId, fingerprint), text: headText(await signHead(privateKey, publicKeyRaw, auditId, last, at)) },
  ];
}

export interface ChainInput {
  readonly auditId: string;
  /** The device folder's name as found in the repository (64 hex digits). */
  readonly device: string;
  readonly eventsText: string | null;
  readonly headText: string | null;
  readonly roster: RosterPayload;
  /** The head of this chain this installation accepted before, or null for a chain it never saw. */
  readonly seen: ChainHead | null;
}

export type ChainVerdict =
  | { readonly ok: true; readonly member: string; readonly entries: readonly LogEntry[]; readonly head: ChainHead }
  | { readonly ok: false; readonly refusal: Refusal };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function spaced(hex: string): string {
  return (hex.match(/.{4}/g) ?? []).join(' ');
}

/**
 * Checks one member's chain as fetched: signed by the key its folder is named after, that key on
 * the roster, the hash chain unbroken and all of this audit, the head signing its last entry, and
 * the chain extending the head this installation saw before (a force-push that rewrote or cut
 * history is refused). The first problem is the refusal.
 */
export async function verifyDeviceChain(input: ChainInput): Promise<ChainVerdict> {
  const { auditId, device, roster, seen } = input;
  const fingerprint = spaced(device);
  const member = memberByFingerprint(roster, fingerprint);
  const who = member ? `${member.name}, ${member.role}` : `key ${device.slice(0, 16)}… (not on the roster)`;
  let path = `audits/${auditId}/devices/${device}/head.json`;
  const refuse = (kind: RefusalKind, entry: number | null, reason: string): ChainVerdict => ({ ok: false, refusal: { kind, member: who, path, entry, reason } });

  try {
    path = headPath(auditId, fingerprint);
  } catch {
    return refuse('layout', null, 'the device folder is not named after a key fingerprint');
  }
  if (input.headText === null) return refuse('layout', null, 'head.json is missing: nothing signs this chain');
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.headText);
  } catch {
    return refuse('layout', null, 'head.json is not JSON');
  }
  if (!isObject(parsed) || !isObject(parsed['payload']) || typeof parsed['signature'] !== 'string' || typeof parsed['publicKey'] !== 'string') {
    return refuse('layout', null, 'head.json is not a signed chain head');
  }
  const p = parsed['payload'];
  const headSeq = typeof p['seq'] === 'number' ? p['seq'] : null;
  const keyFingerprint = fingerprintOfKey(parsed['publicKey']);
  if (keyFingerprint === null || deviceDirName(keyFingerprint) !== device) {
    return refuse('signature', headSeq, `head.json is signed with key ${keyFingerprint ?? quoted(parsed['publicKey'])}, but the folder belongs to key ${fingerprint}`);
  }
  if (!member) return refuse('unknown-key', headSeq, `key ${fingerprint} is not on the team roster of this audit (version ${roster.version}); its chain is not trusted`);
  if (p['v'] !== 1 || p['auditId'] !== auditId || p['fingerprint'] !== keyFingerprint || headSeq === null || typeof p['hash'] !== 'string' || typeof p['at'] !== 'string') {
    return refuse('layout', headSeq, `head.json does not describe this chain (audit ${quoted(p['auditId'])}, key ${quoted(p['fingerprint'])})`);
  }
  const payload = p as unknown as DeviceHeadPayload;
  if (!(await verifyBytes(parsed['publicKey'], parsed['signature'], utf8ToBytes(canonicalJson(payload))))) {
    return refuse('signature', headSeq, `the signature on head.json does not verify with ${member.name}'s key (the head was changed after it was signed)`);
  }

  path = eventsPath(auditId, fingerprint);
  if (input.eventsText === null) return refuse('layout', null, 'events.jsonl is missing');
  const lines = input.eventsText.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: LogEntry[] = [];
  const walk = chainWalker();
  for (const [i, line] of lines.entries()) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return refuse('chain', i + 1, `line ${i + 1} is not JSON`);
    }
    if (!isObject(entry) || typeof entry['seq'] !== 'number' || typeof entry['hash'] !== 'string' || !isObject(entry['details'])) return refuse('chain', i + 1, `line ${i + 1} is not a log entry`);
    const e = entry as unknown as LogEntry;
    let broken: ReturnType<ReturnType<typeof chainWalker>>;
    try {
      broken = walk(e);
    } catch {
      broken = { ok: false, seq: e.seq, reason: 'entry has no canonical JSON form' };
    }
    if (broken) return refuse('chain', broken.seq, `${broken.reason} (the chain was edited)`);
    if (e.auditId !== auditId) return refuse('chain', e.seq, `belongs to another audit (${quoted(e.auditId)})`);
    entries.push(e);
  }
  const last = entries.at(-1);
  if (!last || last.seq !== payload.seq || last.hash !== payload.hash) {
    return refuse('chain', payload.seq, `head.json signs entry ${payload.seq} (hash ${shortHash(payload.hash)}) but the chain ends at ${last ? `entry ${last.seq} (hash ${shortHash(last.hash)})` : 'nothing'}`);
  }
  if (seen && !holdsHead(entries, seen)) {
    const now = entries[seen.seq - 1];
    return refuse(
      'rewritten',
      seen.seq,
      now
        ? `this installation already accepted entry ${seen.seq} with hash ${shortHash(seen.hash)}; the chain now has hash ${shortHash(now.hash)} there: history was rewritten (force-pushed)`
        : `this installation already accepted entries up to ${seen.seq}; the chain now ends at entry ${last.seq}: history was cut (force-pushed)`,
    );
  }
  return { ok: true, member: who, entries, head: { seq: last.seq, hash: last.hash } };
}
