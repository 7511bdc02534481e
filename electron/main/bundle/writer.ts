import { randomUUID } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BundlePlan, PlanEntry } from '../../../shared/bundle/planTypes';
import type { EvidenceStore } from '../store';
import { BridgeFailure, isDiskFull } from '../bridge/failure';
import { SizeMismatch, ZipFileWriter } from '../zip/zipWriter';
import type { TextStaging } from './staging';

export interface BundleProgress {
  readonly itemsDone: number;
  readonly itemsTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface WrittenBundle {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** Where a plan's bytes come from: evidence from the store, generated files from staging. */
export interface BundleSources {
  readonly store: EvidenceStore;
  readonly staging: TextStaging;
}

/** An export of `target` is written first to `.<name>.<uuid>.partial` beside it (the start-up sweep knows the pattern). */
export const PARTIAL_SUFFIX = '.partial';
export function partialPrefix(target: string): string {
  return `.${basename(target)}.`;
}

/** Progress events at most this often: a 10,000-item export must not flood the renderer. */
const PROGRESS_EVERY_MS = 100;

function describeWriteError(error: unknown): BridgeFailure {
  if (error instanceof BridgeFailure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // A full disk and an exhausted quota read alike on every path (issue #14).
  if (isDiskFull(error)) {
    return new BridgeFailure('io-error', 'The disk is full: the bundle could not be written. Nothing was left behind; free some space and export again.', { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM') return new BridgeFailure('io-error', 'That folder cannot be written to. Choose another place to save the bundle.');
  return new BridgeFailure('io-error', `The bundle could not be written: ${error instanceof Error ? error.message : String(error)}`);
}

async function openSource(entry: PlanEntry, sources: BundleSources): Promise<FileHandle> {
  if (entry.kind === 'staged') {
    const path = sources.staging.pathOf(entry.sha256);
    if (path === null) throw new BridgeFailure('not-found', `${entry.path}: this generated file was not prepared for the export (SHA-256 ${entry.sha256}). Export again.`);
    return open(path, 'r');
  }
  try {
    return await open(sources.store.pathOf(entry.sha256), 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BridgeFailure(
      'io-error',
      code === 'ENOENT'
        ? `${entry.path}: the stored file is missing (SHA-256 ${entry.sha256}). The export stopped; run the integrity check.`
        : `${entry.path}: the stored file could not be read (${code ?? String(error)}).`,
    );
  }
}

const mismatch = (entry: PlanEntry, found: string): BridgeFailure =>
  new BridgeFailure(
    'io-error',
    entry.kind === 'blob'
      ? `${entry.path}: the stored file no longer matches its recorded SHA-256 (expected ${entry.sha256}, found ${found}). The export stopped; run the integrity check.`
      : `${entry.path}: the prepared file does not match its SHA-256 (expected ${entry.sha256}, found ${found}). Export again.`,
  );

/**
 * Writes the bag as one ZIP at `target` (DESIGN.md §5): to a temporary file beside it, renamed
 * into place only once complete and fsynced, so a cancelled, failed or killed export leaves no
 * partial bundle. One source file is open at a time; every byte of it is re-hashed as it is
 * written, and a mismatch with the plan stops the export naming the item.
 */
export async function writeBundle(
  plan: BundlePlan,
  sources: BundleSources,
  target: string,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: BundleProgress) => void } = {},
): Promise<WrittenBundle> {
  const { signal } = options;
  const bytesTotal = plan.entries.reduce((sum, e) => sum + e.size, 0);
  let bytesDone = 0;
  let itemsDone = 0;
  let reportedAt = 0;
  const report = (force = false): void => {
    const now = Date.now();
    if (!force && now - reportedAt < PROGRESS_EVERY_MS) return;
    reportedAt = now;
    options.onProgress?.({ itemsDone, itemsTotal: plan.entries.length, bytesDone, bytesTotal });
  };

  // A killed export of the same name left its temporary file: it is never a bundle, remove it.
  const prefix = partialPrefix(target);
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  await Promise.all(siblings.filter((n) => n.startsWith(prefix) && n.endsWith(PARTIAL_SUFFIX)).map((n) => rm(join(dirname(target), n), { force: true })));
  const partial = join(dirname(target), `${prefix}${randomUUID()}${PARTIAL_SUFFIX}`);

  let output: FileHandle | null = null;
  let zip: ZipFileWriter | null = null;
  try {
    // Read and write: the writer reads back a patched entry to hash the archive in order.
    output = await open(partial, 'wx+', 0o644);
    const writer = new ZipFileWriter(output, new Date(plan.generatedAt), (n) => {
      bytesDone += n;
      report();
    });
    zip = writer;
    report(true);
    for (const entry of plan.entries) {
      if (signal?.aborted) throw signal.reason;
      const source = await openSource(entry, sources);
      try {
        const written = await writer.addEntry(
          { name: `${plan.bagName}/${entry.path}`, method: entry.kind === 'staged' || entry.compress ? 'deflate' : 'store', source, size: entry.size },
          signal,
        );
        if (written.sha256 !== entry.sha256) throw mismatch(entry, written.sha256);
      } catch (error) {
        if (error instanceof SizeMismatch) throw mismatch(entry, `${error.found > entry.size ? 'more' : error.found} bytes instead of ${entry.size}`);
        throw error;
      } finally {
        await source.close();
      }
      itemsDone += 1;
      report();
    }
    const finished = await writer.finish();
    await output.close();
    output = null;
    await rename(partial, target);
    report(true);
    return { path: target, size: finished.size, sha256: finished.sha256 };
  } catch (error) {
    await zip?.settle();
    await output?.close().catch(() => undefined);
    await rm(partial, { force: true });
    if (signal?.aborted) throw new BridgeFailure('cancelled', 'The export was cancelled. No file was written.');
    throw describeWriteError(error);
  }
}
