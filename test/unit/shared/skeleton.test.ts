import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFUSABLES_VERSION } from '../../../shared/text/confusablesData';
import { skeleton } from '../../../shared/text/skeleton';

const script = resolve(import.meta.dirname, '../../support/icuSkeletons.py');

interface IcuSkeletons {
  readonly icu: string;
  readonly unicode: string;
  readonly ranges: [number, number][];
  readonly differ: Record<string, string>;
  readonly strings: Record<string, string>;
}

/** ICU's own skeletons (PyICU, Debian's python3-icu): an implementation of UTS #39 nobody here wrote. */
function icuSkeletons(strings: readonly string[]): IcuSkeletons {
  const run = spawnSync('/usr/bin/python3', [script, ...strings], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`icuSkeletons.py failed (is python3-icu installed? npm test installs it): ${run.stderr}`);
  return JSON.parse(run.stdout) as IcuSkeletons;
}

const HOSTILE = ['AC-01', 'АС-01', 'AC‑01', 'AC-O1', 'ＡＣ－０１', 'AC–01', 'ac-0l', 'PI-03', 'РІ-03', 'CH-02', 'ꓚΗ-02'];

describe('skeleton (UTS #39 §4)', () => {
  it('agrees with ICU on every assigned code point ICU knows, and on look-alike refs', () => {
    const icu = icuSkeletons(HOSTILE);
    // The table is the same release of confusables.txt as ICU's, else a difference below would
    // be a version skew rather than a bug.
    expect(icu.unicode.split('.').slice(0, 2)).toEqual(CONFUSABLES_VERSION.split('.').slice(0, 2));
    const wrong: string[] = [];
    let checked = 0;
    for (const [first, last] of icu.ranges) {
      for (let cp = first; cp <= last; cp += 1) {
        const ch = String.fromCodePoint(cp);
        const expected = icu.differ[String(cp)] ?? ch;
        checked += 1;
        if (skeleton(ch) !== expected && wrong.length < 20) wrong.push(`U+${cp.toString(16)}: ${JSON.stringify(skeleton(ch))} ≠ ICU ${JSON.stringify(expected)}`);
      }
    }
    expect(checked).toBeGreaterThan(100_000);
    expect(wrong).toEqual([]);
    for (const text of HOSTILE) expect(skeleton(text), text).toBe(icu.strings[text]);
  }, 120_000);

  it('makes the look-alikes of a ref equal, and different refs different', () => {
    const look = skeleton('AC-01');
    for (const alike of ['АС-01', 'AC‑01', 'AC-O1', 'AC–01', 'AC-0l']) expect(skeleton(alike), alike).toBe(look);
    for (const other of ['AC-02', 'AD-01', 'AC-011']) expect(skeleton(other), other).not.toBe(look);
  });

  it('drops default-ignorable characters, as UTS #39 15.1 and later do', () => {
    expect(skeleton('AC\u200B-01')).toBe(skeleton('AC-01'));
    expect(skeleton('A\u2060C-01')).toBe(skeleton('AC-01'));
  });
});
