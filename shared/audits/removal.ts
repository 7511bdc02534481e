/**
 * What deleting an audit removes, and which stored bytes may go with it (issue #13). Pure: the
 * renderer feeds it rows, main's purge gets its answer (electron/main/bridge/purge.ts).
 */
import type { EvidenceRecord } from '../domain/records';

type BlobHolder = Pick<EvidenceRecord, 'sha256' | 'size' | 'original'>;

/** Every stored file an item points at: its bytes, and its raw capture when that was kept. */
export function blobsOf(items: Iterable<BlobHolder>): Map<string, number> {
  const blobs = new Map<string, number>();
  for (const item of items) {
    blobs.set(item.sha256, item.size);
    if (item.original?.stored) blobs.set(item.original.sha256, item.original.size);
  }
  return blobs;
}

/** The hashes a set of items keeps alive: what must never be purged while those items exist. */
export function referencedHashes(items: Iterable<BlobHolder>): Set<string> {
  return new Set(blobsOf(items).keys());
}

export interface BlobSplit {
  /** Only this audit uses them: deleted with it. */
  readonly own: { readonly count: number; readonly bytes: number; readonly hashes: readonly string[] };
  /** Another audit uses them too: they stay. */
  readonly shared: { readonly count: number; readonly bytes: number };
}

export function splitBlobs(auditBlobs: ReadonlyMap<string, number>, referencedElsewhere: ReadonlySet<string>): BlobSplit {
  const own: string[] = [];
  let ownBytes = 0;
  let sharedCount = 0;
  let sharedBytes = 0;
  for (const [sha256, size] of auditBlobs) {
    if (referencedElsewhere.has(sha256)) {
      sharedCount += 1;
      sharedBytes += size;
    } else {
      own.push(sha256);
      ownBytes += size;
    }
  }
  return { own: { count: own.length, bytes: ownBytes, hashes: own }, shared: { count: sharedCount, bytes: sharedBytes } };
}

export interface AuditRemovalFacts {
  readonly name: string;
  readonly controls: number;
  readonly evidence: number;
  readonly signoffs: number;
  readonly requests: number;
  readonly tasks: number;
  readonly logEntries: number;
  readonly blobs: BlobSplit;
}
