import type { LogEntry } from '../domain/records';
import { sha256Hex } from '../verify/bytes';
import type { Refusal } from './refusal';

/**
 * Evidence bytes in the locker are named by their SHA-256: a blob whose bytes do not hash to its
 * name was swapped or damaged in the repository and is refused, naming the chain entry that
 * recorded that hash when one does.
 */
export function checkBlob(path: string, expectedSha256: string, bytes: Uint8Array, recordedBy: BlobOrigin | null): Refusal | null {
  const actual = sha256Hex(bytes);
  if (actual === expectedSha256) return null;
  return {
    kind: 'blob',
    member: recordedBy?.member ?? 'no member (no chain records this hash)',
    path,
    entry: recordedBy?.entry ?? null,
    reason: `its bytes hash to ${actual}, not to its name ${expectedSha256}: the file was swapped or damaged in the repository`,
  };
}

export interface BlobOrigin {
  readonly member: string;
  readonly entry: number;
}

/** The first entry, over the given chains, whose details mention a hash: who put the blob there. */
export function blobOrigin(sha256: string, chains: readonly { readonly member: string; readonly entries: readonly LogEntry[] }[]): BlobOrigin | null {
  for (const chain of chains) {
    for (const entry of chain.entries) {
      if (JSON.stringify(entry.details).includes(sha256)) return { member: chain.member, entry: entry.seq };
    }
  }
  return null;
}
