import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../electron/main/bundle/verify';
import { withZipFile, ZipArchive, type ZipLimits, type ZipProblem } from '../../../electron/main/zip/zipReader';
import { craftZip, localEntry, type RawEntry } from '../../support/craftZip';

/**
 * The strict reader against crafted hostile ZIPs (issues #11 and #14), each small and made
 * here: every one is refused with a specific, named problem, within a bounded time, without a
 * throw and without leaking a file descriptor.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
async function save(bytes: Buffer): Promise<string> {
  counter += 1;
  const path = join(dir, `crafted-${counter}.zip`);
  await writeFile(path, bytes);
  return path;
}

/** Opens, lists and hashes every entry; returns every problem and how long it took. */
async function inspect(bytes: Buffer, limits: Partial<ZipLimits> = {}): Promise<{ problems: ZipProblem[]; ms: number }> {
  const started = Date.now();
  const problems = await withZipFile(
    await save(bytes),
    async (zip) => {
      const found = [...zip.problems];
      if (zip.readable) for (const entry of zip.entries) {
        const hashed = await zip.hash(entry);
        if (!hashed.ok) found.push(hashed.problem);
      }
      return found;
    },
    { limits },
  );
  return { problems, ms: Date.now() - started };
}

const text = (name: string, content = `contents of ${name}\n`): RawEntry => ({ name, content: Buffer.from(content), method: 'deflate' });
const messages = (problems: readonly ZipProblem[]): string => problems.map((p) => p.message).join('\n');

describe('the strict ZIP reader', () => {
  it('reads an honest archive without a problem', async () => {
    const { problems } = await inspect(craftZip([text('bag/bagit.txt'), { name: 'bag/data/a.png', content: Buffer.alloc(5000, 3) }]));
    expect(problems).toEqual([]);
  });

  it('accepts entries written with data descriptors (older bundles) when the descriptor agrees', async () => {
    const { problems } = await inspect(craftZip([{ ...text('bag/bagit.txt'), descriptor: true }, { ...text('bag/data/b.txt'), descriptor: true }]));
    expect(problems).toEqual([]);
  });

  const hostile: [string, () => Buffer, RegExp, Partial<ZipLimits>?][] = [
    [
      'a hidden local entry between two listed ones',
      () => craftZip([text('bag/a.txt'), text('bag/b.txt')], { insertAfter: new Map([[0, localEntry(text('bag/evil.txt')).bytes]]) }),
      /^\d+ unlisted bytes at offset \d+: a local entry the central directory does not list \(a hidden entry\)$/m,
    ],
    ['data prepended to the archive', () => craftZip([text('bag/a.txt')], { prepend: Buffer.from('#!/bin/sh\necho hi\nexit 0\n') }), /^25 bytes of data precede the first entry$/m],
    [
      'a hidden entry prepended',
      () => craftZip([text('bag/a.txt')], { prepend: localEntry(text('bag/first.txt')).bytes }),
      /bytes of data precede the first entry, starting with a local header the central directory does not list \(a hidden entry\)/,
    ],
    ['two records of the same name', () => craftZip([text('bag/a.txt'), text('bag/a.txt')]), /^bag\/a\.txt: appears twice in the ZIP$/m],
    ['names that collide by case', () => craftZip([text('bag/Data.txt'), text('bag/data.txt')]), /^bag\/data\.txt: collides with bag\/Data\.txt on a case-insensitive file system$/m],
    ['names that collide by Unicode normalization', () => craftZip([{ ...text('bag/caf\u00e9.txt'), flags: 0x0800 }, { ...text('bag/cafe\u0301.txt'), flags: 0x0800 }]), /collides with bag\/café\.txt/],
    ['an encrypted entry', () => craftZip([{ ...text('bag/secret.txt'), flags: 0x0001 }]), /^bag\/secret\.txt: the entry is encrypted; a bundle never is$/m],
    ['a local name other than the central one', () => craftZip([{ ...text('bag/a.txt'), localName: 'bag/b.txt' }]), /^bag\/a\.txt: its local header disagrees with the central directory \(name "bag\/b\.txt"\)$/m],
    [
      'an entry that inflates past its declared size',
      () => craftZip([{ name: 'bag/data/log.csv', content: Buffer.from('row,row,row\n'.repeat(100_000)), method: 'deflate', declaredSize: 1000 }]),
      /^bag\/data\/log\.csv: inflates to more than the 1000 bytes its header declares$/m,
    ],
    [
      'an entry shorter than its declared size',
      () => craftZip([{ name: 'bag/data/log.csv', content: Buffer.from('row\n'.repeat(100)), method: 'deflate', declaredSize: 4000 }]),
      /^bag\/data\/log\.csv: inflates to 400 bytes, not the 4000 its header declares$/m,
    ],
    ['a wrong CRC-32', () => craftZip([{ name: 'bag/data/a.png', content: Buffer.alloc(100, 1), crc: 1234 }]), /^bag\/data\/a\.png: its CRC-32 does not match its bytes/m],
    ['an unknown compression method', () => craftZip([{ ...text('bag/a.txt'), method: 'store' }], { directory: (r) => r.map((x) => ({ ...x, method: 12 })) }), /^bag\/a\.txt: compression method 12 is not stored or deflated$/m],
    ['more entries than the limit', () => craftZip(Array.from({ length: 11 }, (_, i) => text(`bag/${i}.txt`))), /^the ZIP has 11 entries \(limit: entry count, 10\)$/m, { entries: 10 }],
    ['more inflated bytes than the limit', () => craftZip([{ name: 'bag/a.bin', content: Buffer.alloc(3000) }]), /would inflate to .* GiB \(limit: total inflated bytes, 2,000\)$/m, { totalBytes: 2000 }],
    [
      'one entry inflating far more than its compressed size',
      () => craftZip([{ name: 'bag/data/zeros.bin', content: Buffer.alloc(32 * 1024 * 1024), method: 'deflate' }]),
      /^bag\/data\/zeros\.bin: inflates \d+× \(a ZIP bomb\?\) \(limit: compression ratio per entry, 200\)$/m,
    ],
    ['a central directory larger than the limit', () => craftZip([text('bag/a.txt'), text('bag/b.txt')]), /^the central directory is \d+ bytes \(limit: central directory size, 100\)$/m, { directoryBytes: 100 }],
    ['an inspection over its time budget', () => craftZip([{ name: 'bag/a.bin', content: Buffer.alloc(8 * 1024 * 1024) }]), /^bag\/a\.bin: the inspection ran out of time \(limit: time budget, 0\)$/m, { budgetMs: 0 }],
  ];
  for (const [name, make, expected, limits] of hostile) {
    it(`names ${name}`, async () => {
      const { problems, ms } = await inspect(make(), limits);
      expect(messages(problems)).toMatch(expected);
      expect(ms).toBeLessThan(5_000);
    });
  }

  it('stops 500 overlapping records that share one deflate stream without inflating them (a 6–8 GiB bomb in ~100 KB)', async () => {
    const zeros = deflateRawSync(Buffer.alloc(16 * 1024 * 1024));
    const bomb = craftZip([{ name: 'bag/data/0.bin', content: Buffer.alloc(16 * 1024 * 1024), raw: zeros, method: 'deflate' }], {
      directory: ([first]) => Array.from({ length: 500 }, (_, i) => ({ ...(first as NonNullable<typeof first>), name: `bag/data/${i}.bin` })),
    });
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const { report } = await verifyBundle(await save(bomb));
    expect(report.verdict).toBe('fail');
    expect(report.problems.join('\n')).toMatch(/^bag\/data\/1\.bin: overlaps the entry before it/m);
    expect(report.problems.join('\n')).toMatch(/the ZIP would inflate \d+× its own size \(a ZIP bomb\?\) \(limit: compression ratio of the archive, 100\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops 400 entries of 16 MiB each (under the per-entry floor) by the archive ratio, before inflating', async () => {
    const zeros = deflateRawSync(Buffer.alloc(16 * 1024 * 1024));
    const content = Buffer.alloc(16 * 1024 * 1024);
    const bomb = craftZip(Array.from({ length: 400 }, (_, i) => ({ name: `bag/data/${i}.bin`, content, raw: zeros, method: 'deflate' as const })));
    const started = Date.now();
    const { report } = await verifyBundle(await save(bomb));
    expect(report.problems.join('\n')).toMatch(/the ZIP would inflate \d+× its own size \(a ZIP bomb\?\) \(limit: compression ratio of the archive, 100\)/);
    expect(report.facts.bytes).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('makes a lying size a reported problem of the CLI (exit 1 with a report), not a crash (exit 2)', async () => {
    const { main } = await import('../../../electron/cli/main');
    const liar = craftZip([
      text('bag/bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
      { name: 'bag/data/log.csv', content: Buffer.from('x,y\n'.repeat(50_000)), method: 'deflate', declaredSize: 10 },
    ]);
    const out: string[] = [];
    const sink = { write: (t: string) => void out.push(t) };
    expect(await main(['verify', await save(liar)], sink, sink)).toBe(1);
    expect(out.join('')).toMatch(/RESULT: FAIL/);
  });

  it('leaks no file descriptor over 40 failing inspections, and takes a caller’s open handle without closing it', async () => {
    const fds = async (): Promise<number> => (await readdir('/proc/self/fd')).length;
    const bad = [
      await save(craftZip([text('bag/a.txt')], { prepend: Buffer.from('junk') })),
      await save(Buffer.from('not a zip at all')),
      await save(craftZip([{ name: 'bag/data/log.csv', content: Buffer.from('r\n'.repeat(5000)), method: 'deflate', declaredSize: 3 }])),
      await save(craftZip([{ ...text('bag/a.txt'), flags: 1 }])),
    ];
    const before = await fds();
    for (let i = 0; i < 40; i += 1) {
      const { report } = await verifyBundle(bad[i % bad.length] as string);
      expect(report.verdict).toBe('fail');
    }
    expect(await fds()).toBe(before);

    const handle = await open(bad[0] as string, 'r');
    try {
      const zip = await ZipArchive.open(handle);
      expect(zip.problems.length).toBeGreaterThan(0);
      expect((await handle.stat()).size).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it('disagrees with no streaming extractor: what bsdtar extracts from a pipe is what the directory lists', async () => {
    const zip = await save(craftZip([text('bag/a.txt'), text('bag/b.txt')], { insertAfter: new Map([[0, localEntry(text('bag/evil.txt')).bytes]]) }));
    const into = await mkdtemp(join(dir, 'bsdtar-'));
    execFileSync('sh', ['-c', 'cat "$0" | bsdtar -xf -', zip], { cwd: into });
    // The streaming extractor finds the hidden file; that is exactly why the reader refuses it.
    expect((await readdir(join(into, 'bag'))).sort()).toEqual(['a.txt', 'b.txt', 'evil.txt']);
    expect((await verifyBundle(zip)).report.problems.join('\n')).toMatch(/a hidden entry/);
  });
});
