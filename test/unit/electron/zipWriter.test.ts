import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_DATA_DESCRIPTOR, SIGNATURE } from '../../../electron/main/zip/format';
import { withZipFile } from '../../../electron/main/zip/zipReader';
import { BLOCK_BYTES, SizeMismatch, ZipFileWriter, type EntryInput } from '../../../electron/main/zip/zipWriter';
import { seededBytes } from '../../support/seeded';

/**
 * The ZIP writer against readers nobody here wrote: Info-ZIP `unzip -t`, Python's zipfile
 * (both read the central directory), and two streaming extractors that read local headers only,
 * `jar x <` (Java's ZipInputStream) and `bsdtar -x` (libarchive) — the readers data descriptors
 * broke (issue #11).
 */
let dir: string;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const run = (cmd: string, args: string[], cwd = dir): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeZip(name: string, files: readonly { name: string; bytes: Buffer; method: EntryInput['method'] }[]): Promise<string> {
  const path = join(dir, name);
  const out = await open(path, 'wx+');
  try {
    const zip = new ZipFileWriter(out, new Date('2026-04-02T10:00:00Z'));
    for (const file of files) {
      const sourcePath = join(dir, `${name}.source`);
      await writeFile(sourcePath, file.bytes);
      const source = await open(sourcePath, 'r');
      try {
        const result = await zip.addEntry({ name: file.name, method: file.method, source, size: file.bytes.length });
        expect(result.sha256).toBe(sha(file.bytes));
      } finally {
        await source.close();
      }
    }
    const finished = await zip.finish();
    expect(finished.sha256).toBe(sha(await readFile(path)));
  } finally {
    await out.close();
  }
  return path;
}

/** Walks the archive as a streaming extractor does, from local header to local header. */
function walkLocalHeaders(zip: Buffer): { names: string[]; flags: number[]; endsAtDirectory: boolean } {
  const names: string[] = [];
  const flags: number[] = [];
  let at = 0;
  while (zip.readUInt32LE(at) === SIGNATURE.local) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    let compressed = zip.readUInt32LE(at + 18);
    if (compressed === 0xffffffff) compressed = Number(zip.readBigUInt64LE(at + 30 + nameLength + 4 + 8));
    flags.push(zip.readUInt16LE(at + 6));
    names.push(zip.toString('utf8', at + 30, at + 30 + nameLength));
    at += 30 + nameLength + extraLength + compressed;
  }
  return { names, flags, endsAtDirectory: zip.readUInt32LE(at) === SIGNATURE.central };
}

const extracted = async (root: string): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(join(entry.parentPath, entry.name).slice(root.length + 1), sha(await readFile(join(entry.parentPath, entry.name))));
  }
  return found;
};

describe('the streaming ZIP writer', () => {
  const text = Buffer.from('control,owner,evidence\n'.repeat(400_000));
  const files = [
    { name: 'bag/empty.txt', bytes: Buffer.alloc(0), method: 'deflate' as const },
    { name: 'bag/bagit.txt', bytes: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'), method: 'deflate' as const },
    { name: 'bag/data/one-block.png', bytes: seededBytes(BLOCK_BYTES - 1, 1), method: 'store' as const },
    { name: 'bag/data/exactly-a-block.png', bytes: seededBytes(BLOCK_BYTES, 2), method: 'store' as const },
    { name: 'bag/data/three-blocks.pdf', bytes: seededBytes(3 * BLOCK_BYTES + 17, 3), method: 'store' as const },
    { name: 'bag/data/large-log.csv', bytes: text, method: 'deflate' as const },
    // Text that never repeats, over several blocks: a block handed back to the pool before zlib
    // had read it would change these bytes, where a periodic text could hide it.
    { name: 'bag/data/varied-log.csv', bytes: Buffer.from(seededBytes(2 * BLOCK_BYTES + 999, 5).toString('hex')), method: 'deflate' as const },
    { name: 'bag/data/incompressible.bin', bytes: seededBytes(5000, 4), method: 'deflate' as const },
    { name: 'bag/data/café-ünïcode.txt', bytes: Buffer.from('naïve\n'), method: 'deflate' as const },
  ];
  let zipPath: string;
  let zipBytes: Buffer;

  beforeAll(async () => {
    zipPath = await writeZip('mixed.zip', files);
    zipBytes = await readFile(zipPath);
  });

  it('puts sizes and CRCs in every local header: no data descriptors, nothing between entries', () => {
    const walked = walkLocalHeaders(zipBytes);
    expect(walked.names).toEqual(files.map((f) => f.name));
    expect(walked.flags.filter((f) => (f & FLAG_DATA_DESCRIPTOR) !== 0)).toEqual([]);
    expect(walked.endsAtDirectory).toBe(true);
  });

  it('passes unzip -t and Python zipfile, which read the central directory', () => {
    expect(run('unzip', ['-t', zipPath])).toMatch(/No errors detected/);
    const listing = run('python3', ['-c', 'import zipfile,sys,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(hashlib.sha256(z.read(i)).hexdigest(), i.compress_type, i.compress_size, i.filename)', zipPath]);
    expect(listing.trim().split('\n')).toHaveLength(files.length);
    const byName = new Map(listing.trim().split('\n').map((l) => [l.split(' ').slice(3).join(' '), l.split(' ')]));
    for (const f of files) expect(byName.get(f.name)?.[0]).toBe(sha(f.bytes));
    // Text is deflated; already-compressed types and what would not shrink are stored.
    expect(byName.get('bag/data/large-log.csv')?.[1]).toBe('8');
    expect(byName.get('bag/data/three-blocks.pdf')?.[1]).toBe('0');
    expect(byName.get('bag/data/incompressible.bin')?.[1]).toBe('0');
    expect(Number(byName.get('bag/data/large-log.csv')?.[2])).toBeLessThan(text.length / 100);
  });

  it('is read whole by jar x < and bsdtar from a pipe, which read local headers only', async () => {
    for (const [tool, command] of [
      ['jar', 'jar x < "$0"'],
      // Through a pipe: given a seekable file, bsdtar would read the central directory instead.
      ['bsdtar', 'cat "$0" | bsdtar -xf -'],
    ] as const) {
      const into = await mkdtemp(join(dir, `${tool}-`));
      execFileSync('sh', ['-c', command, zipPath], { cwd: into });
      expect(await extracted(into)).toEqual(new Map(files.map((f) => [f.name, sha(f.bytes)])));
    }
  });

  it('refuses a source that holds fewer or more bytes than announced', async () => {
    for (const [announced, actual] of [
      [10, 9],
      [10, 11],
      [BLOCK_BYTES + 10, BLOCK_BYTES + 9],
      [BLOCK_BYTES + 10, BLOCK_BYTES + 11],
    ] as const) {
      const sourcePath = join(dir, 'short.source');
      await writeFile(sourcePath, Buffer.alloc(actual, 1));
      const out = await open(join(dir, 'short.zip'), 'w+');
      const source = await open(sourcePath, 'r');
      try {
        const zip = new ZipFileWriter(out, new Date());
        await expect(zip.addEntry({ name: 'x', method: 'store', source, size: announced })).rejects.toBeInstanceOf(SizeMismatch);
        await zip.settle();
      } finally {
        await source.close();
        await out.close();
      }
    }
  });
});

describe('ZIP64', () => {
  it('writes more than 65,535 entries, and unzip, Python, bsdtar and our reader read every one', async () => {
    // One past what a ZIP without ZIP64 can count.
    const count = 65_536;
    const path = join(dir, 'many.zip');
    const sourcePath = join(dir, 'tiny.source');
    await writeFile(sourcePath, 'x');
    const out = await open(path, 'wx+');
    const source = await open(sourcePath, 'r');
    try {
      const zip = new ZipFileWriter(out, new Date('2026-04-02T10:00:00Z'));
      for (let i = 0; i < count; i += 1) await zip.addEntry({ name: `bag/data/${i}.txt`, method: 'store', source, size: 1 });
      expect((await zip.finish()).entries).toBe(count);
    } finally {
      await source.close();
      await out.close();
    }
    expect(run('unzip', ['-tq', path])).toMatch(/No errors detected/);
    expect(run('python3', ['-c', 'import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1])\nprint(len(z.infolist()), z.read("bag/data/65535.txt").decode())', path]).trim()).toBe(`${count} x`);
    expect(execFileSync('sh', ['-c', 'cat "$0" | bsdtar -tf - | wc -l', path], { encoding: 'utf8' }).trim()).toBe(String(count));
    // And our own strict reader: the ZIP64 end records, every entry, nothing hidden.
    await withZipFile(path, async (zip) => {
      expect(zip.problems).toEqual([]);
      expect(zip.entries).toHaveLength(count);
      expect(await zip.hash(zip.entries[count - 1] as NonNullable<(typeof zip.entries)[number]>)).toMatchObject({ ok: true, size: 1 });
    });
  }, 300_000);
});
