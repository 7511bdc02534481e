import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_HEX } from '../../../shared/bridge/contract';
import { BridgeFailure, isDiskFull } from '../bridge/failure';

/**
 * Generated bag files (manifests, CSV, HTML, JSON, log, signature) reach main by reference
 * (DESIGN.md §5, issue #15): the renderer sends each one in chunks, main writes it to a staging
 * file named by its SHA-256, and the plan names it by that hash and size. Main never holds a
 * generated file whole, so its memory does not grow with the item count.
 */

/** A plan has a handful of generated files; more open at once means something is stuck. */
const MAX_OPEN_STAGES = 16;
/** A stage nobody finished within this time is abandoned (a renderer that went away). */
const STAGE_IDLE_MS = 10 * 60 * 1000;

interface OpenStage {
  readonly handle: FileHandle;
  readonly path: string;
  readonly hash: Hash;
  received: number;
  touchedAt: number;
}

export interface StagedFile {
  readonly sha256: string;
  readonly size: number;
}

export interface TextStaging {
  /** Appends one chunk at `offset`; the last chunk returns the file's hash and size. */
  append(stageId: string, offset: number, bytes: Uint8Array, last: boolean): Promise<StagedFile | { readonly received: number }>;
  /** Stages a whole text at once (main's own callers: the sample bundle, benchmarks). */
  putText(text: string): Promise<StagedFile>;
  /** Path of a staged file, or null when no file of that hash is staged. */
  pathOf(sha256: string): string | null;
  /** Removes staged files once the export that named them is over. */
  release(sha256s: Iterable<string>): Promise<void>;
}

/** The staging folder beside an evidence store: one place, so the start-up sweep finds it too. */
export const stagingDirOf = (storeRoot: string): string => join(storeRoot, 'staging');

export function createTextStaging(dir: string, now: () => number = Date.now): TextStaging {
  const open_ = new Map<string, OpenStage>();
  // Staged hashes with how many plans hold them: two exports of the same text share one file.
  const staged = new Map<string, number>();

  const discard = async (id: string, stage: OpenStage): Promise<void> => {
    open_.delete(id);
    await stage.handle.close().catch(() => undefined);
    await rm(stage.path, { force: true });
  };

  const expire = async (): Promise<void> => {
    const cutoff = now() - STAGE_IDLE_MS;
    await Promise.all([...open_].filter(([, s]) => s.touchedAt < cutoff).map(([id, s]) => discard(id, s)));
  };

  const begin = async (stageId: string): Promise<OpenStage> => {
    await expire();
    if (open_.size >= MAX_OPEN_STAGES) throw new BridgeFailure('too-large', `${MAX_OPEN_STAGES} generated files are already being prepared; wait for the export to finish.`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomUUID()}.part`);
    const stage: OpenStage = { handle: await open(path, 'wx', 0o600), path, hash: createHash('sha256'), received: 0, touchedAt: now() };
    open_.set(stageId, stage);
    return stage;
  };

  const commit = async (stage: OpenStage): Promise<StagedFile> => {
    await stage.handle.close();
    const sha256 = stage.hash.digest('hex');
    await rename(stage.path, join(dir, sha256));
    staged.set(sha256, (staged.get(sha256) ?? 0) + 1);
    return { sha256, size: stage.received };
  };

  return {
    async append(stageId, offset, bytes, last) {
      let stage = open_.get(stageId);
      if (!stage) {
        if (offset !== 0) throw new BridgeFailure('not-found', 'This generated file is no longer being prepared; export again.');
        stage = await begin(stageId);
      }
      if (offset !== stage.received) {
        await discard(stageId, stage);
        throw new BridgeFailure('invalid-payload', `A generated file arrived out of order (offset ${offset}, expected ${stage.received}).`);
      }
      try {
        let written = 0;
        while (written < bytes.length) written += (await stage.handle.write(bytes, written, bytes.length - written)).bytesWritten;
      } catch (error) {
        await discard(stageId, stage);
        if (isDiskFull(error)) throw new BridgeFailure('io-error', 'The disk is full: the bundle could not be prepared. Free some space and export again.', { cause: error });
        throw error;
      }
      stage.hash.update(bytes);
      stage.received += bytes.length;
      stage.touchedAt = now();
      if (!last) return { received: stage.received };
      open_.delete(stageId);
      return commit(stage);
    },
    async putText(text) {
      const id = randomUUID();
      const result = await this.append(id, 0, Buffer.from(text, 'utf8'), true);
      if (!('sha256' in result)) throw new Error('staging did not finish');
      return result;
    },
    pathOf(sha256) {
      return SHA256_HEX.test(sha256) && staged.has(sha256) ? join(dir, sha256) : null;
    },
    async release(sha256s) {
      for (const sha256 of sha256s) {
        const holders = staged.get(sha256);
        if (holders === undefined) continue;
        if (holders > 1) {
          staged.set(sha256, holders - 1);
          continue;
        }
        staged.delete(sha256);
        await rm(join(dir, sha256), { force: true });
      }
    },
  };
}
