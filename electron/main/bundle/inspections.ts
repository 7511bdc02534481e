import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { StoreTransaction } from '../store';
import type { FileIdentity } from './importFiles';

/**
 * Bundles chosen for import, by the token the renderer holds, from verification until the
 * import is settled. Each may own a temporary folder (the built-in sample's) and, after its
 * files were copied into the store, the store transaction that can still take them back. At
 * most a few are kept: an older one, or every one when the page goes away, is released — its
 * transaction kept (the renderer may have written rows that refer to the blobs), its temporary
 * folder removed.
 */
export interface Inspection {
  readonly path: string;
  readonly bagName: string;
  /** Verified (not failed) and unchanged while verified: only such a bundle may be imported. */
  readonly ok: boolean;
  /** The fingerprint of the key that signed the bag, and whether it was trusted when inspected. */
  readonly exporter: string | null;
  readonly exporterTrusted: boolean;
  readonly identity: FileIdentity | null;
  /** Ours to remove once the inspection ends (the sample audit's folder). */
  readonly tempDir: string | null;
  transaction: StoreTransaction | null;
}

const MAX_INSPECTIONS = 8;

export function createInspections() {
  const open = new Map<string, Inspection>();

  const release = async (inspection: Inspection): Promise<void> => {
    inspection.transaction?.commit();
    inspection.transaction = null;
    if (inspection.tempDir) await rm(inspection.tempDir, { recursive: true, force: true });
  };

  return {
    async add(inspection: Omit<Inspection, 'transaction'>): Promise<string> {
      const token = randomUUID();
      open.set(token, { ...inspection, transaction: null });
      for (const old of [...open.keys()].slice(0, -MAX_INSPECTIONS)) {
        const evicted = open.get(old);
        open.delete(old);
        if (evicted) await release(evicted);
      }
      return token;
    },

    get(token: string): Inspection | undefined {
      return open.get(token);
    },

    /**
     * The renderer wrote the import's rows (applied: the inspection ends, its blobs are kept) or
     * could not (the blobs it copied are taken back, and the bundle may be imported again).
     */
    async settle(token: string, applied: boolean): Promise<{ removed: number; kept: readonly string[] } | null> {
      const inspection = open.get(token);
      if (!inspection) return null;
      if (!applied) {
        const outcome = (await inspection.transaction?.rollback()) ?? { removed: [], kept: [] };
        inspection.transaction = null;
        return { removed: outcome.removed.length, kept: outcome.kept };
      }
      open.delete(token);
      await release(inspection);
      return { removed: 0, kept: [] };
    },

    /** The page went away: nothing it inspected can be imported any more. */
    async releaseAll(): Promise<void> {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map(release));
    },
  };
}
