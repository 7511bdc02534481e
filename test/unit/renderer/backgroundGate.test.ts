import { describe, expect, it } from 'vitest';
import { backgroundTurn, foreground, idleTurn, screenWork } from '../../../renderer/db/backgroundGate';

/** A promise and the function that settles it. */
function pending<T>(): { readonly promise: Promise<T>; readonly resolve: (value: T) => void; readonly reject: (error: Error) => void } {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('the background gate', () => {
  it('lets a background loop go at once when no screen is reading', async () => {
    let went = false;
    void backgroundTurn().then(() => (went = true));
    await tick();
    expect(went).toBe(true);
  });

  it('holds a background loop while a foreground read is in flight, and lets it go when the read settles', async () => {
    const read = pending<string>();
    const answer = foreground(read.promise);
    let went = false;
    void backgroundTurn().then(() => (went = true));
    await tick();
    expect(went).toBe(false);
    read.resolve('rows');
    expect(await answer).toBe('rows');
    await tick();
    expect(went).toBe(true);
  });

  it('lets the loop go after a failed foreground read too, and passes the failure on', async () => {
    const read = pending<string>();
    const answer = foreground(read.promise);
    let went = false;
    void backgroundTurn().then(() => (went = true));
    read.reject(new Error('gone'));
    await expect(answer).rejects.toThrow('gone');
    await tick();
    expect(went).toBe(true);
  });

  it("holds cache warming behind a screen's long read, which itself only waits for foreground reads", async () => {
    const long = pending<void>();
    void screenWork(long.promise);
    let screenWent = false;
    let idleWent = false;
    void backgroundTurn().then(() => (screenWent = true));
    void idleTurn().then(() => (idleWent = true));
    await tick();
    expect(screenWent).toBe(true);
    expect(idleWent).toBe(false);
    long.resolve();
    await tick();
    expect(idleWent).toBe(true);
  });
});
