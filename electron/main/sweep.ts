import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Our own litter, cleared at start-up (issue #14): an export killed midway leaves its hidden
 * `.partial` beside the target the user chose, and the built-in sample audit leaves a folder in
 * the system's temporary directory. Neither place is ours to scan blindly, so:
 *
 * - Before an export writes, a ledger entry (one small file under userData) says which folder
 *   and which name pattern its temporary file will have; it is removed when the export ends.
 *   An entry that survives names a run that was killed.
 * - Temporary folders are made with mkdtemp and one of our prefixes, so a name matching
 *   TEMP_DIR_PATTERN is ours.
 * - Generated bag files staged for an export live in a folder of our own (`stagingDir`).
 *
 * Only what is older than this run (and, in the temporary directory, owned by this user) is
 * removed: the app runs once at a time, and what it creates after starting is its own business.
 */

/** Folders this app makes in the temporary directory: mkdtemp adds six characters. */
export const TEMP_DIR_PATTERN = /^evidence-locker-(sample|sample-store)-[A-Za-z0-9]{6}$/;

export interface LedgerEntry {
  /** The folder the temporary file is written in. */
  readonly dir: string;
  /** Its name starts and ends so, e.g. ".acme.zip." and ".partial". */
  readonly prefix: string;
  readonly suffix: string;
}

export interface TempLedger {
  /** Records where a temporary file is about to be written; the returned function forgets it. */
  note(entry: LedgerEntry): Promise<() => Promise<void>>;
}

export function createTempLedger(ledgerDir: string): TempLedger {
  return {
    async note(entry) {
      await mkdir(ledgerDir, { recursive: true });
      const file = join(ledgerDir, `${randomUUID()}.json`);
      await writeFile(file, JSON.stringify(entry), { mode: 0o600 });
      return async () => {
        await rm(file, { force: true });
      };
    },
  };
}

function parseEntry(text: string): LedgerEntry | null {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LedgerEntry, unknown>>;
    const { dir, prefix, suffix } = value;
    // A damaged entry could name anything: only a hidden name with a suffix of its own is trusted.
    if (typeof dir !== 'string' || typeof prefix !== 'string' || typeof suffix !== 'string') return null;
    if (!prefix.startsWith('.') || prefix.includes('/') || suffix.length < 2 || suffix.includes('/')) return null;
    return { dir, prefix, suffix };
  } catch {
    return null;
  }
}

export interface SweepOptions {
  readonly ledgerDir: string;
  /** The system's temporary directory (os.tmpdir()). */
  readonly tmpDir: string;
  /** When this run started (ms since the epoch): only older things go. */
  readonly startedAt: number;
  /**
   * Where generated bag files wait for their export (bundle/staging.ts). Ours alone: whatever
   * an earlier run staged served an export that is over, finished or killed.
   */
  readonly stagingDir?: string;
}

/** Removes what earlier runs left behind; returns the paths it removed. */
export async function sweepLeftovers(options: SweepOptions): Promise<string[]> {
  const removed: string[] = [];
  const olderThanRun = async (path: string, mustBeDir: boolean): Promise<boolean> => {
    const stats = await lstat(path).catch(() => null);
    if (!stats || stats.mtimeMs >= options.startedAt) return false;
    if (mustBeDir && !stats.isDirectory()) return false;
    if (!mustBeDir && !stats.isFile()) return false;
    return process.getuid === undefined || stats.uid === process.getuid();
  };

  for (const name of await readdir(options.ledgerDir).catch(() => [] as string[])) {
    if (!name.endsWith('.json')) continue;
    const ledgerFile = join(options.ledgerDir, name);
    const entry = parseEntry(await readFile(ledgerFile, 'utf8').catch(() => ''));
    if (entry) {
      for (const leftover of await readdir(entry.dir).catch(() => [] as string[])) {
        const path = join(entry.dir, leftover);
        if (leftover.startsWith(entry.prefix) && leftover.endsWith(entry.suffix) && (await olderThanRun(path, false))) {
          await rm(path, { force: true });
          removed.push(path);
        }
      }
    }
    await rm(ledgerFile, { force: true });
  }

  for (const name of await readdir(options.tmpDir).catch(() => [] as string[])) {
    const path = join(options.tmpDir, name);
    if (TEMP_DIR_PATTERN.test(name) && (await olderThanRun(path, true))) {
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  if (options.stagingDir !== undefined) {
    for (const name of await readdir(options.stagingDir).catch(() => [] as string[])) {
      const path = join(options.stagingDir, name);
      if (await olderThanRun(path, false)) {
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  }
  return removed;
}
