import { yieldToUi } from './yieldToUi';

/**
 * Who reads IndexedDB first (issue #12). IndexedDB serves one database's requests largely in
 * order, so a screen's small indexed read issued while a loop reads 10,000 rows a chunk at a
 * time waits behind a chunk, again and again. Three ranks:
 * - `foreground`: the reads a screen paints from (a page of the trail, a control's items);
 * - `screenWork`: long reads a screen shows the result of later (the whole trail for its chain
 *   check), which give way to foreground reads between chunks (`backgroundTurn`);
 * - reads that only warm a cache (the audit's rows, prefetched for screens not open yet), which
 *   give way to both (`idleTurn`).
 * A read must never wait for work of a lower rank (a foreground read awaiting loadAuditRows):
 * the two would wait for each other.
 */
const inFlight = { foreground: 0, screen: 0 };
let waiters: { readonly idle: boolean; readonly wake: () => void }[] = [];

function free(idle: boolean): boolean {
  return inFlight.foreground === 0 && (!idle || inFlight.screen === 0);
}

function track<T>(rank: keyof typeof inFlight, work: Promise<T>): Promise<T> {
  inFlight[rank] += 1;
  const done = (): void => {
    inFlight[rank] -= 1;
    const waiting = waiters;
    waiters = [];
    for (const waiter of waiting) {
      if (free(waiter.idle)) waiter.wake();
      else waiters.push(waiter);
    }
  };
  work.then(done, done);
  return work;
}

export function foreground<T>(read: Promise<T>): Promise<T> {
  return track('foreground', read);
}

export function screenWork<T>(work: Promise<T>): Promise<T> {
  return track('screen', work);
}

async function turn(idle: boolean): Promise<void> {
  await yieldToUi();
  if (!free(idle)) await new Promise<void>((wake) => waiters.push({ idle, wake }));
}

/** Yields to the window, then waits until no foreground read is in flight. */
export function backgroundTurn(): Promise<void> {
  return turn(false);
}

/** Yields to the window, then waits until no foreground read and no screen's long read is in flight. */
export function idleTurn(): Promise<void> {
  return turn(true);
}
