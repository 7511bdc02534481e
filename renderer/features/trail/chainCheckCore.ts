import { chainWalker, type ChainCheck } from '../../../shared/log/chain';
import type { LogEntry } from '../../../shared/domain/records';

/** What the chain check is fed: the log in seq order, a chunk at a time, then its end. */
export type ChainCheckInput = { readonly kind: 'entries'; readonly entries: readonly LogEntry[] } | { readonly kind: 'end' };

/** What it answers: entries checked so far, then the verdict (as soon as a break is found, or at the end). */
export type ChainCheckOutput = { readonly kind: 'progress'; readonly checked: number } | { readonly kind: 'done'; readonly check: ChainCheck };

/**
 * The chain check as a message handler, the same in the worker (chainCheck.worker.ts) and in the
 * page where no worker can start: one walk (shared/log/chain.ts chainWalker), so the two can
 * never disagree. Input after the verdict is ignored.
 */
export function chainCheckHandler(post: (output: ChainCheckOutput) => void): (input: ChainCheckInput) => void {
  const walk = chainWalker();
  let checked = 0;
  let done = false;
  return (input) => {
    if (done) return;
    if (input.kind === 'end') {
      done = true;
      post({ kind: 'done', check: { ok: true } });
      return;
    }
    for (const entry of input.entries) {
      const broken = walk(entry);
      if (broken) {
        done = true;
        post({ kind: 'done', check: broken });
        return;
      }
      checked += 1;
    }
    post({ kind: 'progress', checked });
  };
}
