import { describe, expect, it } from 'vitest';
import { throttled } from '../../../electron/main/bridge/progress';

describe('throttled progress', () => {
  it('passes the first step, drops steps within the interval, and always passes the last', () => {
    let clock = 0;
    const seen: number[] = [];
    const step = throttled((n: number) => seen.push(n), (n) => n === 10, 100, () => clock);
    for (let n = 1; n <= 10; n += 1) {
      step(n);
      clock += 30;
    }
    // Steps at 0, 30, 60, …, 270 ms: 1 (0 ms), 5 (120 ms), 9 (240 ms), and the last.
    expect(seen).toEqual([1, 5, 9, 10]);
  });

  it('passes every step that is far enough apart', () => {
    let clock = 0;
    const seen: string[] = [];
    const step = throttled((s: string) => seen.push(s), () => false, 100, () => clock);
    for (const s of ['a', 'b', 'c']) {
      step(s);
      clock += 100;
    }
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});
