import { describe, expect, it } from 'vitest';
import { inPageChannel, startChainCheck } from '../../../renderer/features/trail/chainCheck';
import type { LogEntry } from '../../../shared/domain/records';
import { nextEntry, verifyChain } from '../../../shared/log/chain';

function chain(length: number): LogEntry[] {
  const log: LogEntry[] = [];
  for (let i = 0; i < length; i += 1) {
    log.push(nextEntry(log.at(-1), { auditId: 'a1', at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), actor: 'dana', action: 'update', target: `control:c${i}`, details: { n: i } }));
  }
  return log;
}

function feed(log: readonly LogEntry[], size: number): { readonly progress: number[]; readonly result: Promise<unknown> } {
  const progress: number[] = [];
  const run = startChainCheck((checked) => progress.push(checked), inPageChannel());
  for (let i = 0; i < log.length; i += size) run.push(log.slice(i, i + size));
  run.end();
  return { progress, result: run.result };
}

describe('the chain check fed a chunk at a time', () => {
  it('finds an intact chain intact and reports progress per chunk', async () => {
    const { progress, result } = feed(chain(25), 10);
    expect(await result).toEqual({ ok: true });
    expect(progress).toEqual([10, 20, 25]);
  });

  it('names the same first broken entry as verifyChain over the whole log, wherever the chunks split', async () => {
    const log = chain(30);
    const edited = log.map((e) => (e.seq === 17 ? { ...e, details: { n: 'changed' } } : e));
    const whole = verifyChain(edited);
    expect(whole).toMatchObject({ ok: false, seq: 17 });
    for (const size of [1, 7, 16, 17, 30]) expect(await feed(edited, size).result).toEqual(whole);
  });

  it('names a missing entry as verifyChain does', async () => {
    const log = chain(12).filter((e) => e.seq !== 5);
    expect(await feed(log, 4).result).toEqual(verifyChain(log));
  });

  it('answers once a break is found, ignoring what is fed after it', async () => {
    const log = chain(10);
    log[2] = { ...log[2]!, hash: 'f'.repeat(64) };
    const progress: number[] = [];
    const run = startChainCheck((checked) => progress.push(checked), inPageChannel());
    run.push(log.slice(0, 5));
    run.push(log.slice(5));
    run.end();
    expect(await run.result).toMatchObject({ ok: false, seq: 3 });
    expect(progress).toEqual([]);
  });

  it('fails, rather than answering, when the checker itself fails', async () => {
    const run = startChainCheck(() => {}, {
      send: () => {},
      listen: (_onOutput, onError) => setTimeout(() => onError('the worker could not start'), 0),
      close: () => {},
    });
    await expect(run.result).rejects.toThrow('the worker could not start');
  });
});
