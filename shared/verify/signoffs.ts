import { canonicalJson } from '../log/chain';
import { fingerprintOf } from '../signing/ed25519';
import type { SignoffSubject } from '../signing/subject';
import { subjectChanges } from '../signing/subject';
import { base64Bytes } from './bytes';
import { ed25519Verify } from './ed25519';
import type { ParsedManifest } from './manifestJson';
import type { Check } from './report';
import { plural, quoted, shortHash, shown } from './words';

/**
 * Every sign-off in the bundle: it is about an item in the bag, its key is the one it names,
 * its signature verifies over its canonical JSON, and it approved the bytes the bag holds
 * (anything else is tampering: fail). A sign-off that verifies but no longer covers the item as
 * described (re-dated, moved) is stale: said, and it decides nothing. manifest.json's decision
 * for an item must be what its latest sign-off that counts says: an "approved" with nothing
 * behind it fails.
 */
export interface CountedSignoff {
  readonly id: string;
  readonly evidenceId: string;
  readonly fingerprint: string;
  readonly publicKey: string;
  readonly decision: 'approved' | 'rejected';
}

export interface VerifiedSignoff {
  readonly id: string;
  readonly version: number;
  readonly logHead: unknown;
}

export interface SignoffsResult {
  readonly check: Check;
  /** The sign-offs that decide an item's state (the latest sound one per item behind a decision). */
  readonly counted: readonly CountedSignoff[];
  /** Every sign-off that verified, for the history checks. */
  readonly verified: readonly VerifiedSignoff[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const asRefs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export async function checkSignoffs(manifest: ParsedManifest | null, listed: ReadonlyMap<string, string>): Promise<SignoffsResult> {
  const title = 'Sign-offs';
  if (manifest === null) {
    return { check: { id: 'signoffs', title, status: 'fail', summary: 'Not checked: manifest.json could not be read.', problems: ['the sign-offs in data/manifest.json could not be read'], notes: [] }, counted: [], verified: [] };
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const verified: VerifiedSignoff[] = [];
  // Sound (verified, not stale) sign-offs per item, to find the one behind each decision.
  const verifiedByItem = new Map<string, { id: string; at: string; fingerprint: string; publicKey: string; decision: unknown; stale: boolean }[]>();
  const seen = new Set<string>();

  // Every signature is checked at once, then read in order below: one after another, a
  // thousand sign-offs waited on two thousand round trips to WebCrypto (issue #15).
  const signed = manifest.signoffs.map((value) => {
    const s = isObject(value) ? value : {};
    const p = isObject(s['payload']) ? s['payload'] : {};
    const raw = base64Bytes(s['publicKey']);
    const signature = base64Bytes(s['signature']);
    let message: Uint8Array | null;
    try {
      message = new TextEncoder().encode(canonicalJson(p));
    } catch {
      message = null;
    }
    return { raw, signature, message };
  });
  const sound = await Promise.all(
    signed.map(({ raw, signature, message }) =>
      raw !== null && raw.length === 32 && signature !== null && message !== null ? ed25519Verify(raw, signature, message) : Promise.resolve(false),
    ),
  );

  for (const [i, value] of manifest.signoffs.entries()) {
    const s = isObject(value) ? value : {};
    const p = isObject(s['payload']) ? s['payload'] : {};
    const id = typeof s['id'] === 'string' ? s['id'] : `#${i + 1}`;
    const item = typeof s['evidenceId'] === 'string' ? manifest.evidence.get(s['evidenceId']) : undefined;
    const label = `sign-off ${shown(id)}${item ? ` (${shown(item.path)})` : ''}`;
    const before = problems.length;
    if (seen.has(id)) problems.push(`${label}: appears twice`);
    seen.add(id);
    if (p['v'] !== 1 && p['v'] !== 2) problems.push(`${label}: payload version ${quoted(p['v'])} is not one this verifier reads`);
    if (p['evidenceId'] !== s['evidenceId']) problems.push(`${label}: its payload names evidence ${quoted(p['evidenceId'])}, the record ${quoted(s['evidenceId'])}`);
    if (!item) problems.push(`${label}: the evidence it signs (${quoted(s['evidenceId'])}) is not in this bundle`);
    else if (p['evidenceSha256'] !== listed.get(item.path)) {
      problems.push(`${label}: it approved SHA-256 ${shortHash(p['evidenceSha256'])} but the file is listed with ${shortHash(listed.get(item.path))}`);
    }
    const { raw } = signed[i] as (typeof signed)[number];
    if (raw === null || raw.length !== 32) problems.push(`${label}: its public key is unreadable`);
    else {
      if (fingerprintOf(raw) !== p['keyFingerprint']) problems.push(`${label}: its public key does not match the fingerprint it names`);
      if (!sound[i]) problems.push(`${label}: the signature does not verify (the sign-off was changed after signing, or signed by another key)`);
    }
    if (problems.length > before || !item) continue;
    verified.push({ id, version: p['v'] as number, logHead: p['logHead'] });

    const now: SignoffSubject = {
      evidenceSha256: item.sha256,
      evidenceDate: typeof item.evidenceDate === 'string' ? item.evidenceDate : '',
      controlRefs: asRefs(item.controlRefs).sort(),
      slots: (Array.isArray(item.slots) ? item.slots : []) as SignoffSubject['slots'],
      systemReport: item.systemReport as SignoffSubject['systemReport'],
    };
    const changed = subjectChanges({ ...p, v: p['v'] as number, controlRefs: asRefs(p['controlRefs']) }, now);
    if (changed.length > 0) notes.push(`${label} is stale: the item changed since it was signed (${changed.join(', ')}); it decides nothing`);
    const list = verifiedByItem.get(item.id) ?? [];
    list.push({ id, at: typeof p['at'] === 'string' ? p['at'] : '', fingerprint: p['keyFingerprint'] as string, publicKey: s['publicKey'] as string, decision: p['decision'], stale: changed.length > 0 });
    verifiedByItem.set(item.id, list);
  }

  const counted: CountedSignoff[] = [];
  const decisions = { approved: 0, rejected: 0 };
  for (const item of manifest.evidence.values()) {
    if (item.decision !== 'approved' && item.decision !== 'rejected') continue;
    // Only the latest sign-off counts (as in the app): an older approval does not survive a newer stale one.
    const latest = [...(verifiedByItem.get(item.id) ?? [])].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))[0];
    if (!latest || latest.stale || latest.decision !== item.decision || (item.signoffId !== null && item.signoffId !== latest.id)) {
      problems.push(
        `evidence ${shown(item.id)} (${shown(item.path)}): manifest.json says ${quoted(item.decision)}, but its latest sign-off does not${latest ? ` (it ${latest.stale ? 'is stale' : `says ${quoted(latest.decision)}`})` : ' (there is none)'}`,
      );
      continue;
    }
    decisions[item.decision] += 1;
    counted.push({ id: latest.id, evidenceId: item.id, fingerprint: latest.fingerprint, publicKey: latest.publicKey, decision: item.decision });
  }
  const total = manifest.signoffs.length;
  return {
    check: {
      id: 'signoffs',
      title,
      status: problems.length ? 'fail' : 'pass',
      summary: problems.length
        ? 'Some sign-offs do not verify, or a decision has nothing behind it.'
        : total === 0
          ? 'The bundle holds no sign-offs.'
          : `${total === 1 ? 'The sign-off verifies' : `All ${total} sign-offs verify`}; ${plural(decisions.approved, 'item')} approved and ${decisions.rejected} rejected by a current sign-off.`,
      problems,
      notes,
    },
    counted,
    verified,
  };
}
