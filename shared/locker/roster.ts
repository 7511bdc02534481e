import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../log/chain';
import { signBytes, verifyBytes, type Key } from '../signing/ed25519';
import { fingerprintOfKey, normalizeFingerprint } from '../trust/keyring';
import { quoted } from '../verify/words';

/**
 * The team roster of one audit (issue #17): who may write chains into its locker. It is signed
 * by the audit's owner, and the owner's key is trusted the way every key is (DESIGN.md §4: a
 * person confirmed its fingerprint); the roster then extends that trust to the members it lists,
 * for this audit only.
 */
export interface RosterMember {
  readonly name: string;
  /** What they do in this audit, in words ("IT Admin"); the app's roles are a later step. */
  readonly role: string;
  /** base64 raw Ed25519 public key. */
  readonly publicKey: string;
  readonly fingerprint: string;
}

export interface RosterPayload {
  readonly v: 1;
  readonly auditId: string;
  /** Bumped by the owner on every change, so an older roster cannot be replayed over a newer one. */
  readonly version: number;
  readonly owner: RosterMember;
  /** Everyone who may write a chain, the owner included. */
  readonly members: readonly RosterMember[];
  readonly at: string;
}

export interface SignedRoster {
  readonly payload: RosterPayload;
  /** base64 Ed25519 signature by the owner over canonicalJson(payload). */
  readonly signature: string;
}

export async function signRoster(ownerPrivateKey: Key, payload: RosterPayload): Promise<SignedRoster> {
  return { payload, signature: await signBytes(ownerPrivateKey, utf8ToBytes(canonicalJson(payload))) };
}

export function rosterFileText(roster: SignedRoster): string {
  return `${JSON.stringify(roster, null, 2)}\n`;
}

export type RosterCheck = { readonly ok: true; readonly roster: SignedRoster } | { readonly ok: false; readonly reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asMember(value: unknown): RosterMember | string {
  if (!isObject(value)) return 'a member is not an object';
  const { name, role, publicKey, fingerprint } = value;
  if (typeof name !== 'string' || typeof role !== 'string' || typeof publicKey !== 'string' || typeof fingerprint !== 'string') return `member ${quoted(name)} lacks a name, role, public key or fingerprint`;
  const actual = fingerprintOfKey(publicKey);
  if (actual === null) return `member ${quoted(name)}: the public key is not an Ed25519 key`;
  if (normalizeFingerprint(fingerprint) !== actual) return `member ${quoted(name)}: the fingerprint is not the fingerprint of the key listed`;
  return { name, role, publicKey, fingerprint: actual };
}

/**
 * Reads roster.json and checks it: well formed, of this audit, signed by the owner's key, and the
 * owner is the one this installation trusts for the audit (`trustedOwner`, a fingerprint from the
 * keyring). `seenVersion` refuses a roster older than one this installation already accepted.
 */
export async function verifyRoster(text: string, auditId: string, trustedOwner: string, seenVersion = 0): Promise<RosterCheck> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'roster.json is not JSON' };
  }
  if (!isObject(parsed) || !isObject(parsed['payload']) || typeof parsed['signature'] !== 'string') return { ok: false, reason: 'roster.json is not a signed roster' };
  const p = parsed['payload'];
  if (p['v'] !== 1) return { ok: false, reason: `roster.json: unknown version ${quoted(p['v'])}` };
  if (p['auditId'] !== auditId) return { ok: false, reason: `roster.json is the roster of audit ${quoted(p['auditId'])}, not of this one` };
  if (typeof p['version'] !== 'number' || !Number.isInteger(p['version']) || p['version'] < 1) return { ok: false, reason: 'roster.json: version is not a whole number from 1' };
  if (p['version'] < seenVersion) return { ok: false, reason: `roster.json is version ${p['version']}, older than version ${seenVersion} this installation already accepted (an old roster was put back)` };
  const owner = asMember(p['owner']);
  if (typeof owner === 'string') return { ok: false, reason: `roster.json: owner: ${owner}` };
  if (owner.fingerprint !== normalizeFingerprint(trustedOwner)) {
    return { ok: false, reason: `roster.json is signed as owner by key ${owner.fingerprint}, not by the owner this installation trusts for the audit (${trustedOwner})` };
  }
  if (!Array.isArray(p['members'])) return { ok: false, reason: 'roster.json: members is not a list' };
  const members: RosterMember[] = [];
  for (const m of p['members']) {
    const member = asMember(m);
    if (typeof member === 'string') return { ok: false, reason: `roster.json: ${member}` };
    members.push(member);
  }
  if (typeof p['at'] !== 'string') return { ok: false, reason: 'roster.json: at is missing' };
  const payload = p as unknown as RosterPayload;
  const signed = await verifyBytes(owner.publicKey, parsed['signature'], utf8ToBytes(canonicalJson(payload)));
  if (!signed) return { ok: false, reason: "roster.json: the owner's signature does not verify (the roster was changed after the owner signed it)" };
  return { ok: true, roster: { payload: { ...payload, owner, members }, signature: parsed['signature'] } };
}

/** The roster member holding a key, by fingerprint (any spelling), or null. */
export function memberByFingerprint(roster: RosterPayload, fingerprint: string): RosterMember | null {
  const normal = normalizeFingerprint(fingerprint);
  return roster.members.find((m) => m.fingerprint === normal) ?? null;
}
