import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable} from 'node:stream';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import type { BundlePlan, PlanEntry } from '../../../shared/bundle/planTypes';
import type { EvidenceStore } from '../store';
import { BridgeFailure, isDiskFull } from '../bridge/failure';

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

/**
 * A read stream that opens its file only when JSZip first asks for data. JSZip wires up every
 * input stream as soon as it is added; opening them all at once held one descriptor and one
 * buffer per file (TOOLCHAIN.md: memory grew with file count), this keeps it flat.
 */
function lazyVerifiedStream(store: EvidenceStore, entry: Extract<PlanEntry, { kind: 'blob' }>, onBytes: (n: number) => void): Readable {
  const hash = createHash('sha256');
  let size = 0;
  const checker = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.length;
      onBytes(chunk.length);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = hash.digest('hex');
      if (actual !== entry.sha256 || size !== entry.size) {
        callback(
          new BridgeFailure(
            'io-error',
            `${entry.path}: the stored file no longer matches its recorded SHA-256 (expected ${entry.sha256}, found ${actual}). The export stopped; run the integrity check.`,
          ),
        );
        return;
      }
      callback();
    },
  });
  let started = false;
  const out = new PassThrough();
  const start = (): void => {
    if (started) return;
    started = true;
    const source = store.openRead(entry.sha256);
    source.on('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT'
          ? `${entry.path}: the stored file is missing (SHA-256 ${entry.sha256}). The export stopped; run the integrity check.`
          : `${entry.path}: the stored file could not be read (${error.code ?? error.message}).`;
      out.destroy(new BridgeFailure('io-error', message));
    });
    source.pipe(checker).pipe(out);
    checker.on('error', (error) => out.destroy(error));
  };
  // JSZip binds 'data' at once but keeps the stream paused, and resumes it when it reaches this
  // entry (jszip/lib/nodejs/NodejsStreamInputAdapter.js): that resume is when the file opens.
  const originalResume = out.resume.bind(out);
  out.resume = () => {
    start();
    return originalResume();
  };
  return out;
}

/** An export of `target` is written first to `.<name>.<uuid>.partial` beside it (the start-up sweep knows the pattern). */
export const PARTIAL_SUFFIX = '.partial';
export function partialPrefix(target: string): string {
  return `.${basename(target)}.`;
}

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

/**
 * Writes the bag as one ZIP at `target`: to a temporary file beside it, renamed into place
 * only once complete and fsynced, so a cancelled, failed or killed export leaves no partial
 * bundle. Every evidence file is re-hashed as it is written; a mismatch stops the export.
 */
export async function writeBundle(
  plan: BundlePlan,
  store: EvidenceStore,
  target: string,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: BundleProgress) => void } = {},
): Promise<WrittenBundle> {
  const date = new Date(plan.generatedAt);
  const zip = new JSZip();
  const bytesTotal = plan.entries.reduce((sum, e) => sum + (e.kind === 'blob' ? e.size : Buffer.byteLength(e.text)), 0);
  let bytesDone = 0;
  let itemsDone = 0;
  const report = (): void => options.onProgress?.({ itemsDone, itemsTotal: plan.entries.length, bytesDone, bytesTotal });

  for (const entry of plan.entries) {
    const name = `${plan.bagName}/${entry.path}`;
    if (entry.kind === 'blob') {
      const stream = lazyVerifiedStream(store, entry, (n) => {
        bytesDone += n;
      });
      stream.on('end', () => {
        itemsDone += 1;
        report();
      });
      zip.file(name, stream, { binary: true, date, compression: entry.compress ? 'DEFLATE' : 'STORE' });
    } else {
      const text = Buffer.from(entry.text, 'utf8');
      zip.file(name, text, { binary: true, date, compression: 'DEFLATE' });
      bytesDone += text.length;
      itemsDone += 1;
    }
  }

  // A killed export of the same name left its temporary file: it is never a bundle, remove it.
  const prefix = partialPrefix(target);
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  await Promise.all(siblings.filter((n) => n.startsWith(prefix) && n.endsWith(PARTIAL_SUFFIX)).map((n) => rm(join(dirname(target), n), { force: true })));
  const partial = join(dirname(target), `${prefix}${randomUUID()}${PARTIAL_SUFFIX}`);
  const output = createWriteStream(partial, { flags: 'wx', mode: 0o644 });
  const zipHash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      zipHash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const generated = zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compressionOptions: { level: 6 } }) as Readable;
  try {
    report();
    await pipeline(generated, counter, output, { signal: options.signal });
    const handle = await open(partial, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    return { path: target, size, sha256: zipHash.digest('hex') };
  } catch (error) {
    await rm(partial, { force: true });
    if (options.signal?.aborted) throw new BridgeFailure('cancelled', 'The export was cancelled. No file was written.');
    throw describeWriteError(error);
  }
}
