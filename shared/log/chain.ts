import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import type { LogEntry } from '../domain/records';

/**
 * The hash-chained audit trail (DESIGN.md §4): hash = sha256(JCS(entry without hash)).
 * Hashing is synchronous on purpose: it runs inside Dexie transactions, which commit as
 * soon as they wait on anything that is not IndexedDB (crypto.subtle included).
 */

export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedEntry = Omit<LogEntry, 'hash'>;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function hashEntry(entry: UnhashedEntry): string {
  return sha256Hex(canonicalJson(entry));
}

export function nextEntry(previous: LogEntry | undefined, fields: Omit<UnhashedEntry, 'seq' | 'prevHash'>): LogEntry {
  const unhashed: UnhashedEntry = {
    ...fields,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

export type ChainCheck = { readonly ok: true } | { readonly ok: false; readonly seq: number; readonly reason: string };

/** Walks a chain in order and names the first entry that does not verify. */
export function verifyChain(entries: readonly LogEntry[]): ChainCheck {
  const walk = chainWalker();
  for (const entry of entries) {
    const broken = walk(entry);
    if (broken) return broken;
  }
  return INTACT;
}

const INTACT: ChainCheck = { ok: true };

/**
 * The chain check one entry at a time, remembering the entry before: verifyChain and the sliced
 * check below are the same walk, so they cannot disagree. Returns the break, or null so far.
 */
export function chainWalker(): (entry: LogEntry) => (ChainCheck & { readonly ok: false }) | null {
  let previous: LogEntry | undefined;
  return (entry) => {
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq !== expectedSeq) return { ok: false, seq: entry.seq, reason: `expected entry ${expectedSeq}` };
    const expectedPrev = previous ? previous.hash : GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) return { ok: false, seq: entry.seq, reason: 'previous hash does not match' };
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) return { ok: false, seq: entry.seq, reason: 'entry hash does not match its content' };
    previous = entry;
    return null;
  };
}

/**
 * verifyChain in slices of `slice` entries with `pause()` awaited between them, so that hashing
 * 15,000 entries never blocks a window for more than a slice (issue #12: 440 ms in one task).
 * `onProgress` hears how many entries are checked.
 */
export async function verifyChainInSlices(
  entries: readonly LogEntry[],
  pause: () => Promise<void>,
  { slice = 500, onProgress = () => {} }: { readonly slice?: number; readonly onProgress?: (checked: number) => void } = {},
): Promise<ChainCheck> {
  const walk = chainWalker();
  for (let start = 0; start < entries.length; start += slice) {
    if (start > 0) await pause();
    const end = Math.min(entries.length, start + slice);
    for (let i = start; i < end; i += 1) {
      const entry = entries[i];
      const broken = entry === undefined ? null : walk(entry);
      if (broken) return broken;
    }
    onProgress(end);
  }
  return INTACT;
}
