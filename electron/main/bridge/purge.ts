import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PurgeResult } from '../../../shared/bridge/contract';
import type { EvidenceStore } from '../store';

/**
 * Removes stored bytes that nothing references any more (issue #13: deleting an audit purges
 * its evidence bytes). Main holds no metadata, so it cannot tell by itself what is referenced;
 * the renderer names the candidates AND every hash its database still points at, and a
 * candidate is removed only when it is not in that list. Candidates are worked out from the
 * deleted audit and the list from everything that remains, by separate code, so a wrong
 * candidate (a hash another audit shares) is kept. Each removal is appended to
 * `<store>/purge-log.jsonl` before it is removed: when, which hash, how many bytes, and why.
 */
export async function purgeUnreferenced(
  store: EvidenceStore,
  request: { readonly candidates: readonly string[]; readonly referenced: readonly string[]; readonly reason: string },
  now: () => Date,
): Promise<PurgeResult> {
  const referenced = new Set(request.referenced);
  const purged: { sha256: string; size: number }[] = [];
  const kept: string[] = [];
  const missing: string[] = [];
  const logPath = join(store.root, 'purge-log.jsonl');
  await mkdir(store.root, { recursive: true });
  for (const sha256 of new Set(request.candidates)) {
    if (referenced.has(sha256)) {
      kept.push(sha256);
      continue;
    }
    const size = await store.size(sha256);
    if (size === null) {
      missing.push(sha256);
      continue;
    }
    // Logged before it goes: a log that cannot be written (a full disk) stops the purge with
    // these bytes still there, so no removal ever goes unrecorded.
    await appendFile(logPath, `${JSON.stringify({ at: now().toISOString(), action: 'purge', sha256, size, reason: request.reason })}\n`);
    if ((await store.remove(sha256)) === null) {
      missing.push(sha256);
      continue;
    }
    purged.push({ sha256, size });
  }
  return { purged, kept, missing };
}
