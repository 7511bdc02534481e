import type { ChainCheck } from '../../../shared/log/chain';
import type { LogEntry } from '../../../shared/domain/records';
import { chainCheckHandler, type ChainCheckInput, type ChainCheckOutput } from './chainCheckCore';

/** One chain check in progress: fed in seq order, answers once. */
export interface ChainCheckRun {
  push(entries: readonly LogEntry[]): void;
  end(): void;
  /** The verdict; rejects only when the checker itself failed (a worker that could not start). */
  readonly result: Promise<ChainCheck>;
  /** Stops the checker; `result` then never settles. */
  cancel(): void;
}

/** The two ends of a message channel to a chain checker: a Worker, or the handler itself in the page. */
export interface ChainCheckChannel {
  send(input: ChainCheckInput): void;
  listen(onOutput: (output: ChainCheckOutput) => void, onError: (message: string) => void): void;
  close(): void;
}

function workerChannel(): ChainCheckChannel {
  // Vite bundles the worker as its own module file, served from the app's origin (CSP worker-src 'self').
  const worker = new Worker(new URL('./chainCheck.worker.ts', import.meta.url), { type: 'module' });
  return {
    send: (input) => worker.postMessage(input),
    listen: (onOutput, onError) => {
      worker.onmessage = (event: MessageEvent<ChainCheckOutput>) => onOutput(event.data);
      worker.onerror = (event) => onError(event.message || 'the chain check worker failed');
    },
    close: () => worker.terminate(),
  };
}

/** The same handler, called directly: where Worker does not exist (unit tests under Node). */
export function inPageChannel(): ChainCheckChannel {
  let deliver: (output: ChainCheckOutput) => void = () => {};
  const handle = chainCheckHandler((output) => deliver(output));
  return {
    send: (input) => handle(input),
    listen: (onOutput) => {
      deliver = onOutput;
    },
    close: () => {},
  };
}

/**
 * Starts a chain check in a worker, so hashing the whole trail never blocks the window (issue
 * #12). `onProgress` hears how many entries are checked so far.
 */
export function startChainCheck(
  onProgress: (checked: number) => void,
  channel: ChainCheckChannel = typeof Worker === 'function' ? workerChannel() : inPageChannel(),
): ChainCheckRun {
  let settle: (check: ChainCheck) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const result = new Promise<ChainCheck>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let finished = false;
  const finish = (): void => {
    finished = true;
    channel.close();
  };
  channel.listen(
    (output) => {
      if (finished) return;
      if (output.kind === 'progress') {
        onProgress(output.checked);
        return;
      }
      finish();
      settle(output.check);
    },
    (message) => {
      if (finished) return;
      finish();
      fail(new Error(message));
    },
  );
  return {
    push: (entries) => {
      if (!finished && entries.length > 0) channel.send({ kind: 'entries', entries });
    },
    end: () => {
      if (!finished) channel.send({ kind: 'end' });
    },
    result,
    cancel: () => {
      if (!finished) finish();
    },
  };
}
