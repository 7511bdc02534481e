import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { GENESIS_HASH, canonicalJson, hashEntry, nextEntry, sha256Hex, verifyChain, verifyChainInSlices } from '../../../shared/log/chain';
import type { LogEntry } from '../../../shared/domain/records';

const DETAILS: readonly Record<string, unknown>[] = [
  { name: 'SOC 2 Type II 2026', organization: 'Acme GmbH' },
  { note: 'Prüfung bestanden ✓ — 日本語 — 😀', tags: ['ünïcödé', 'Ωmega'] },
  { control: { id: 'CC6.1', owner: { name: 'Zoë', team: 'IT' } }, counts: [1, 2.5, -0, 1e21], ok: true, none: null },
  { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 1024 },
  { deep: { a: { b: { c: { d: ['e', { f: 'g' }] } } } } },
];

function buildChain(): LogEntry[] {
  const entries: LogEntry[] = [];
  DETAILS.forEach((details, i) => {
    entries.push(
      nextEntry(entries.at(-1), {
        auditId: 'a1',
        at: `2026-03-0${i + 1}T10:00:00.000Z`,
        actor: 'alice@acme.example',
        action: 'create',
        target: `evidence/${i + 1}`,
        details,
      }),
    );
  });
  return entries;
}

/** The five-entry chain with one entry replaced. */
function withEntry(chain: readonly LogEntry[], index: number, entry: LogEntry): LogEntry[] {
  return chain.map((e, i) => (i === index ? entry : e));
}

function at(chain: readonly LogEntry[], index: number): LogEntry {
  const entry = chain[index];
  if (entry === undefined) throw new Error(`no entry at ${index}`);
  return entry;
}

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('the audit log chain', () => {
  it('verifies an untouched chain of five entries', () => {
    expect(verifyChain(buildChain())).toEqual({ ok: true });
  });

  it('verifies an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it('starts at seq 1 with the genesis hash as its previous hash', () => {
    const first = at(buildChain(), 0);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('numbers entries consecutively and links each to the hash before it', () => {
    const chain = buildChain();
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < chain.length; i++) {
      expect(at(chain, i).prevHash).toBe(at(chain, i - 1).hash);
    }
  });

  it('keeps the fields it was given', () => {
    const third = at(buildChain(), 2);
    expect(third).toMatchObject({ auditId: 'a1', actor: 'alice@acme.example', action: 'create', target: 'evidence/3', details: DETAILS[2] });
  });

  it('hashes each entry as sha256 of the canonical JSON of the entry without its hash', () => {
    for (const entry of buildChain()) {
      const { hash, ...rest } = entry;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(sha256Hex(canonicalJson(rest)));
      expect(hash).toBe(hashEntry(rest));
      expect(hash).toBe(nodeSha256(canonicalJson(rest)));
    }
  });

  it('gives different entries different hashes', () => {
    const hashes = buildChain().map((e) => e.hash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('hashes the same content the same regardless of key insertion order', () => {
    const fields = { auditId: 'a1', at: '2026-01-01T00:00:00.000Z', actor: 'bob', action: 'update' as const, target: 't' };
    const one = nextEntry(undefined, { ...fields, details: { b: 1, a: { y: 2, x: 3 } } });
    const two = nextEntry(undefined, { ...fields, details: { a: { x: 3, y: 2 }, b: 1 } });
    expect(one.hash).toBe(two.hash);
  });

  it('fails at entry 3 when its details change without a rehash', () => {
    const chain = buildChain();
    const third = at(chain, 2);
    const tampered = withEntry(chain, 2, { ...third, details: { ...third.details, ok: false } });
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 3 });
  });

  it('fails at entry 3 when a nested detail changes by one character', () => {
    const chain = buildChain();
    const third = at(chain, 2);
    const tampered = withEntry(chain, 2, {
      ...third,
      details: { ...third.details, control: { id: 'CC6.2', owner: { name: 'Zoë', team: 'IT' } } },
    });
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 3, reason: 'entry hash does not match its content' });
  });

  it('fails at the entry after a deleted entry 2', () => {
    const chain = buildChain();
    const result = verifyChain([at(chain, 0), ...chain.slice(2)]);
    expect(result).toMatchObject({ ok: false, seq: 3, reason: 'expected entry 2' });
  });

  it('fails when entry 2 is deleted and the later entries are renumbered', () => {
    const chain = buildChain();
    const renumbered = [at(chain, 0), ...chain.slice(2).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, seq: 2, reason: 'previous hash does not match' });
  });

  it('fails when entries 2 and 3 are swapped', () => {
    const chain = buildChain();
    const swapped = [at(chain, 0), at(chain, 2), at(chain, 1), ...chain.slice(3)];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, seq: 3 });
  });

  it('fails at entry 4 when entry 3 is modified and consistently rehashed', () => {
    const chain = buildChain();
    const { hash: _old, ...third } = at(chain, 2);
    const modified = { ...third, details: { forged: true } };
    const rehashed: LogEntry = { ...modified, hash: hashEntry(modified) };
    const result = verifyChain(withEntry(chain, 2, rehashed));
    expect(result).toMatchObject({ ok: false, seq: 4, reason: 'previous hash does not match' });
  });

  it('fails at the first of two entries whose hashes were swapped', () => {
    const chain = buildChain();
    const second = at(chain, 1);
    const fourth = at(chain, 3);
    const swapped = withEntry(withEntry(chain, 1, { ...second, hash: fourth.hash }), 3, { ...fourth, hash: second.hash });
    expect(verifyChain(swapped)).toMatchObject({ ok: false, seq: 2 });
  });

  it('fails at its first entry when the chain does not start at seq 1', () => {
    const chain = buildChain();
    expect(verifyChain(chain.slice(1))).toMatchObject({ ok: false, seq: 2, reason: 'expected entry 1' });
  });

  it('fails at entry 1 when its previous hash is not the genesis hash', () => {
    const chain = buildChain();
    const { hash: _old, ...first } = at(chain, 0);
    const moved = { ...first, prevHash: 'f'.repeat(64) };
    expect(verifyChain(withEntry(chain, 0, { ...moved, hash: hashEntry(moved) }))).toMatchObject({ ok: false, seq: 1 });
  });

  it('fails when an entry is moved to another audit', () => {
    const chain = buildChain();
    const tampered = withEntry(chain, 4, { ...at(chain, 4), auditId: 'a2' });
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 5 });
  });

  it('fails when a field is added to an entry', () => {
    const chain = buildChain();
    const tampered = withEntry(chain, 1, { ...at(chain, 1), extra: 'x' } as LogEntry);
    expect(verifyChain(tampered)).toMatchObject({ ok: false, seq: 2 });
  });

  it('cannot tell on its own that trailing entries were cut off', () => {
    // A known limit of any hash chain: the last hash must be anchored elsewhere to catch this.
    expect(verifyChain(buildChain().slice(0, 3))).toEqual({ ok: true });
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse(
      String.raw`{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }`,
    ) as unknown;
    const text = canonicalJson(input);
    const keys = Object.keys(JSON.parse(text) as Record<string, unknown>);
    // Integer-like keys come first in JS enumeration, so read the order off the text itself.
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(JSON.stringify(k) + ':'));
    expect(keys).toHaveLength(7);
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('puts a supplementary-plane key before U+FB33, unlike code point order', () => {
    expect(canonicalJson({ '\ufb33': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\ufb33":1}');
  });

  it('serializes the RFC 8785 §3.2.2.3 sample input exactly', () => {
    const input = JSON.parse(
      String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  /** Each number as written in JSON text, parsed the way a reader would, then re-serialized. */
  const NUMBERS: readonly (readonly [string, string])[] = [
    ['1E30', '1e+30'],
    ['4.50', '4.5'],
    ['2e-3', '0.002'],
    ['0.000001', '0.000001'],
    ['1e-7', '1e-7'],
    ['-0', '0'],
    ['333333333.33333329', '333333333.3333333'],
    ['1e21', '1e+21'],
    ['999999999999999900000', '999999999999999900000'],
    ['9007199254740992', '9007199254740992'],
    ['5e-324', '5e-324'],
    ['-5e-324', '-5e-324'],
    ['1.7976931348623157e308', '1.7976931348623157e+308'],
    ['295147905179352830000', '295147905179352830000'],
  ];

  for (const [written, expected] of NUMBERS) {
    it(`serializes the number ${written} as ${expected}`, () => {
      const value = JSON.parse(written) as number;
      expect(typeof value).toBe('number');
      expect(canonicalJson(value)).toBe(expected);
      expect(canonicalJson([value])).toBe(`[${expected}]`);
    });
  }

  it('drops object members whose value is undefined', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('throws on an undefined root', () => {
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('throws on a function root', () => {
    expect(() => canonicalJson(() => 1)).toThrow();
  });

  it('throws on a lone surrogate in a value', () => {
    expect(() => canonicalJson('\ud800')).toThrow();
    expect(() => canonicalJson({ note: 'x\udc00y' })).toThrow();
  });

  it('throws on a lone surrogate in a key', () => {
    expect(() => canonicalJson({ '\ud83d': 1 })).toThrow();
  });

  it('throws on numbers JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow();
  });
});

describe('sha256Hex', () => {
  it('hashes "abc" to the FIPS 180-2 test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the empty string to the well-known digest', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes non-ASCII text as UTF-8', () => {
    const text = 'Prüfung ✓ 日本語 😀';
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });
});

describe('the chain checked in slices', () => {
  it('gives the same verdict as verifyChain on every tampering above, whatever the slice, pausing between slices', async () => {
    const chain = buildChain();
    const third = at(chain, 2);
    const cases: LogEntry[][] = [
      chain,
      [],
      withEntry(chain, 2, { ...third, details: { ...third.details, ok: false } }),
      [at(chain, 0), ...chain.slice(2)],
      [at(chain, 0), at(chain, 2), at(chain, 1), ...chain.slice(3)],
      chain.slice(0, 4).concat({ ...at(chain, 4), prevHash: GENESIS_HASH }),
    ];
    for (const entries of cases) {
      for (const slice of [1, 2, 5, 500]) {
        let pauses = 0;
        const progress: number[] = [];
        const result = await verifyChainInSlices(entries, async () => void (pauses += 1), { slice, onProgress: (n) => progress.push(n) });
        expect(result).toEqual(verifyChain(entries));
        if (result.ok) {
          expect(pauses).toBe(Math.max(0, Math.ceil(entries.length / slice) - 1));
          expect(progress.at(-1) ?? 0).toBe(entries.length);
        }
      }
    }
  });
});
