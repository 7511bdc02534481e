import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DescriptorLoan } from '../safeFile';

/**
 * SHA-256 and CRC-32 of a byte range of an open file, on worker threads (issue #15). Verifying
 * a bundle on this thread alone ran at 0.3× `openssl dgst -sha256` of the same file: reading,
 * the CRC and the hash took turns on one core. Here each worker reads with its own 4 MiB block
 * and hashes what it read, so a bundle's entries are read and hashed on every core at once.
 *
 * The worker is plain JavaScript handed to `new Worker(…, { eval: true })`: the same code runs
 * in Electron's bundled main, the CLI, vitest and the bench, with no separate build entry.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const block = Buffer.allocUnsafe(4 * 1024 * 1024);
parentPort.on('message', ({ id, fd, position, length }) => {
  try {
    const hash = createHash('sha256');
    let crc = 0;
    let done = 0;
    while (done < length) {
      const n = readSync(fd, block, 0, Math.min(block.length, length - done), position + done);
      if (n === 0) break;
      const chunk = block.subarray(0, n);
      crc = crc32(chunk, crc);
      hash.update(chunk);
      done += n;
      if (done < length) parentPort.postMessage({ id, alive: true });
    }
    parentPort.postMessage({ id, bytes: done, crc32: crc >>> 0, sha256: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: error && error.message ? error.message : String(error) });
  }
});
`;

export interface RangeDigest {
  /** Bytes read: fewer than asked when the file ends first. */
  readonly bytes: number;
  readonly crc32: number;
  readonly sha256: string;
}

interface Job {
  readonly resolve: (digest: RangeDigest) => void;
  readonly reject: (error: Error) => void;
  readonly stalled: () => Error;
  /** Lets the descriptor go: once answered, or once the thread has stopped if it was given up on. */
  readonly release: () => void;
}

interface Thread {
  readonly worker: Worker;
  /** Settles once the thread has stopped: it reads no descriptor any more. */
  readonly exited: Promise<void>;
  readonly jobs: Map<number, Job>;
  /** Ends the thread once nothing has come from it for the stall time while it has work. */
  watchdog: NodeJS.Timeout | null;
  stallMs: number;
  /** Whether anything came from it yet. */
  replied: boolean;
  /** Whether it was let go (its jobs failed, it is being terminated). */
  retired: boolean;
}

type Reply = { id: number; alive: true } | { id: number; bytes: number; crc32: number; sha256: string } | { id: number; error: string };

const threads: Thread[] = [];
let nextId = 0;

function retire(thread: Thread, error: (job: Job) => Error): void {
  thread.retired = true;
  const at = threads.indexOf(thread);
  if (at >= 0) threads.splice(at, 1);
  if (thread.watchdog) clearTimeout(thread.watchdog);
  thread.watchdog = null;
  for (const job of thread.jobs.values()) {
    job.reject(error(job));
    void thread.exited.then(job.release);
  }
  thread.jobs.clear();
  // A thread stuck in a read cannot stop until the read returns; it is not waited for.
  void thread.worker.terminate().catch(() => {});
}

/** Keeps the process alive while the thread has work, and lets it exit while it is idle. */
function watch(thread: Thread): void {
  if (thread.watchdog) clearTimeout(thread.watchdog);
  thread.watchdog = null;
  if (thread.jobs.size === 0) {
    thread.worker.unref();
    return;
  }
  thread.worker.ref();
  thread.watchdog = setTimeout(() => retire(thread, (job) => job.stalled()), thread.stallMs);
  thread.watchdog.unref();
}

/** Thrown when no thread can be started here: the caller hashes on its own thread instead. */
export class NoHashThreads extends Error {}

/** Set once a thread failed to start: then none is tried again in this process. */
let unavailable: Error | null = null;

function start(): Thread {
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true });
  } catch (error) {
    unavailable = error instanceof Error ? error : new Error(String(error));
    throw new NoHashThreads(`no hashing thread could be started: ${unavailable.message}`);
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const thread: Thread = { worker, exited, jobs: new Map(), watchdog: null, stallMs: 0, replied: false, retired: false };
  // A thread that dies before its first answer never ran here: its jobs go back to the caller's thread.
  const failure = (error: Error): Error => {
    // Ended by us (a stall) or after it worked: a failure of this thread, not of threads here.
    if (thread.replied || thread.retired) return error;
    unavailable ??= error;
    return new NoHashThreads(`no hashing thread could be started: ${error.message}`);
  };
  worker.on('message', (reply: Reply) => {
    thread.replied = true;
    const job = thread.jobs.get(reply.id);
    if (job && !('alive' in reply)) {
      thread.jobs.delete(reply.id);
      job.release();
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve({ bytes: reply.bytes, crc32: reply.crc32, sha256: reply.sha256 });
    }
    watch(thread);
  });
  worker.on('error', (error) => {
    const reason = failure(error);
    retire(thread, () => reason);
  });
  worker.on('exit', (code) => {
    const reason = failure(new Error(`the hashing thread stopped (exit code ${code})`));
    retire(thread, () => reason);
  });
  // Idle threads never keep the CLI (or a test run) from exiting (see watch()). After the listeners: adding one refs it.
  worker.unref();
  threads.push(thread);
  return thread;
}

/** How many threads hash at once: one per core, at most four. */
export const HASH_THREADS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Reads `length` bytes of the lent descriptor from `position` on a worker thread and returns
 * their SHA-256 and CRC-32. When the thread sends nothing for the loan's stall time (a drive
 * that stopped answering), the promise rejects with its `stalled()`, and the loan is held until
 * that thread has stopped, so the descriptor is not closed while it may still read it.
 */
export async function digestRange(loan: DescriptorLoan, position: number, length: number): Promise<RangeDigest> {
  if (unavailable) throw new NoHashThreads(`no hashing thread could be started: ${unavailable.message}`);
  const thread = threads.length < HASH_THREADS ? start() : threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  const id = nextId;
  nextId += 1;
  let release = (): void => {};
  loan.hold(new Promise<void>((resolve) => (release = resolve)));
  return new Promise<RangeDigest>((resolve, reject) => {
    thread.jobs.set(id, { resolve, reject, stalled: () => loan.stalled(), release });
    thread.stallMs = loan.stallMs;
    if (thread.jobs.size === 1) watch(thread);
    thread.worker.postMessage({ id, fd: loan.fd, position, length });
  });
}
