import { normalizeFingerprint } from '../trust/keyring';

/**
 * Where things live in a team locker (issue #17). The layout is chosen so that two members never
 * write the same file, which is what makes every push mergeable without a person:
 *
 *   audits/<auditId>/roster.json                        the team, signed by the audit's owner (only the owner writes it)
 *   audits/<auditId>/devices/<fingerprint hex>/events.jsonl  one installation's log entries, append-only
 *   audits/<auditId>/devices/<fingerprint hex>/head.json     that chain's last entry, signed by the installation's key
 *   audits/<auditId>/blobs/sha256/ab/cd/<sha256>        evidence bytes, named by their own hash
 *
 * A blob can be written by two members only with the same bytes (its name is its hash), so even
 * that never conflicts.
 */
export const AUDITS_DIR = 'audits';

const AUDIT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** An audit id as a folder name: plain letters, digits, - and _, so it can never climb out of audits/. */
export function isLockerAuditId(auditId: string): boolean {
  return AUDIT_ID.test(auditId);
}

function auditDir(auditId: string): string {
  if (!isLockerAuditId(auditId)) throw new Error(`audit id ${JSON.stringify(auditId)} cannot name a locker folder (letters, digits, - and _ only)`);
  return `${AUDITS_DIR}/${auditId}`;
}

/** The fingerprint as a folder name: its 64 hex digits without the spaces people read aloud. */
export function deviceDirName(fingerprint: string): string {
  const normal = normalizeFingerprint(fingerprint);
  if (normal === null) throw new Error(`${JSON.stringify(fingerprint)} is not a key fingerprint`);
  return normal.replace(/ /g, '');
}

export function rosterPath(auditId: string): string {
  return `${auditDir(auditId)}/roster.json`;
}

export function devicesDir(auditId: string): string {
  return `${auditDir(auditId)}/devices`;
}

export function eventsPath(auditId: string, fingerprint: string): string {
  return `${devicesDir(auditId)}/${deviceDirName(fingerprint)}/events.jsonl`;
}

export function headPath(auditId: string, fingerprint: string): string {
  return `${devicesDir(auditId)}/${deviceDirName(fingerprint)}/head.json`;
}

export function blobPath(auditId: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`${JSON.stringify(sha256)} is not a SHA-256 in lowercase hex`);
  return `${auditDir(auditId)}/blobs/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** What a path in the locker is, read back from the repository; 'other' for anything the layout does not define. */
export type LockerPath =
  | { readonly kind: 'roster'; readonly auditId: string }
  | { readonly kind: 'events' | 'head'; readonly auditId: string; readonly device: string }
  | { readonly kind: 'blob'; readonly auditId: string; readonly sha256: string }
  | { readonly kind: 'other'; readonly path: string };

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => LockerPath][] = [
  [/^audits\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})\/roster\.json$/, (m) => ({ kind: 'roster', auditId: m[1] ?? '' })],
  [/^audits\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})\/devices\/([0-9a-f]{64})\/(events\.jsonl|head\.json)$/, (m) => ({ kind: m[3] === 'head.json' ? 'head' : 'events', auditId: m[1] ?? '', device: m[2] ?? '' })],
  [
    /^audits\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})\/blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/,
    (m) => (m[4]?.startsWith(`${m[2] ?? ''}${m[3] ?? ''}`) ? { kind: 'blob', auditId: m[1] ?? '', sha256: m[4] } : { kind: 'other', path: m[0] }),
  ],
];

export function classifyPath(path: string): LockerPath {
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return make(match);
  }
  return { kind: 'other', path };
}

/** The paths one installation may write for an audit: its own chain and blobs, never another's chain or the roster (unless it is the owner). */
export function mayWrite(path: string, auditId: string, ownFingerprint: string, isOwner: boolean): boolean {
  const what = classifyPath(path);
  if (what.kind === 'other' || what.auditId !== auditId) return false;
  if (what.kind === 'roster') return isOwner;
  if (what.kind === 'blob') return true;
  return what.device === deviceDirName(ownFingerprint);
}
