import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
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

  const release = (inspection: Inspection): void => {
    inspection.transaction?.commit();
    inspection.transaction = null;
    // At once, not on a later turn: when the window closes the app quits right after, and an
    // asynchronous removal would be cut short (the folder holds one small bundle).
    if (inspection.tempDir) {
      try {
        rmSync(inspection.tempDir, { recursive: true, force: true });
      } catch {
        // The start-up sweep removes it next time (sweep.ts).
      }
    }
  };

  return {
    async add(inspection: Omit<Inspection, 'transaction'>): Promise<string> {
      const token = randomUUID();
      open.set(token, { ...inspection, transaction: null });
      for (const old of [...open.keys()].slice(0, -MAX_INSPECTIONS)) {
        const evicted = open.get(old);
        open.delete(old);
        if (evicted) release(evicted);
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
      release(inspection);
      return { removed: 0, kept: [] };
    },

    /**
     * Ends the inspections of the built-in sample not imported from: a new one replaces them, so
     * opening the sample again and again keeps one temporary folder, not one per opening.
     */
    releaseSamples(): void {
      for (const [token, inspection] of [...open]) {
        if (inspection.tempDir === null || inspection.transaction !== null) continue;
        open.delete(token);
        release(inspection);
      }
    },

    /** The page went away: nothing it inspected can be imported any more. */
    releaseAll(): void {
      const all = [...open.values()];
      open.clear();
      all.forEach(release);
    },
  };
}
