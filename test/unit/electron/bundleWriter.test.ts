import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle, type BundleSources } from '../../../electron/main/bundle/writer';
import { createTextStaging } from '../../../electron/main/bundle/staging';
import { createEvidenceStore, type EvidenceStore } from '../../../electron/main/store';
import type { BundlePlan, PlanEntry } from '../../../shared/bundle/planTypes';
import { bundlePlanSchema, checkPlan } from '../../../shared/bundle/planTypes';

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

async function planWith(sources: BundleSources, blobs: Buffer[]): Promise<BundlePlan> {
  const entries: PlanEntry[] = [];
  for (const [i, bytes] of blobs.entries()) {
    const stored = await sources.store.put(bytes);
    entries.push({ kind: 'blob', path: `data/evidence/AC-01/2026-Q1/${String(i + 1).padStart(3, '0')}-item.bin`, sha256: stored.sha256, size: stored.size, compress: false });
  }
  const text = async (path: string, content: string): Promise<PlanEntry> => ({ kind: 'staged', path, ...(await sources.staging.putText(content)) });
  entries.push(await text('data/notes.txt', 'hello auditor\n'.repeat(100)));
  const manifest = entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
  const tags = [
    await text('bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
    await text('bag-info.txt', 'Payload-Oxum: 1.1\n'),
    await text('manifest-sha256.txt', manifest),
  ];
  const tagmanifest = tags.map((t) => `${t.sha256}  ${t.path}\n`).join('');
  return { bagName: 'test-bag', generatedAt: '2026-04-02T10:00:00.000Z', entries: [...entries, ...tags, await text('tagmanifest-sha256.txt', tagmanifest)] };
}

describe('the bundle writer', () => {
  let root: string;
  let out: string;
  let store: EvidenceStore;
  let sources: BundleSources;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bundle-store-'));
    out = await mkdtemp(join(tmpdir(), 'bundle-out-'));
    store = createEvidenceStore(root);
    sources = { store, staging: createTextStaging(join(root, 'staging')) };
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('writes a ZIP that unzip extracts and whose manifests sha256sum -c accepts', async () => {
    const plan = await planWith(sources, [Buffer.from('first evidence'), Buffer.alloc(3 * 1024 * 1024, 7)]);
    expect(bundlePlanSchema.safeParse(plan).success).toBe(true);
    expect(checkPlan(plan)).toEqual([]);
    const target = join(out, 'bundle.zip');
    const progress: number[] = [];
    const written = await writeBundle(plan, sources, target, { onProgress: (p) => progress.push(p.itemsDone) });
    expect(written.path).toBe(target);
    const zipBytes = await readFile(target);
    expect(written.size).toBe(zipBytes.length);
    expect(written.sha256).toBe(sha(zipBytes));
    expect(progress.at(-1)).toBe(plan.entries.length);

    execFileSync('unzip', ['-q', target, '-d', out]);
    const bag = join(out, 'test-bag');
    expect(execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag, encoding: 'utf8' })).toMatch(/item\.bin: OK/);
    expect(execFileSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag, encoding: 'utf8' })).toMatch(/bagit\.txt: OK/);
    expect(await readdir(out)).toEqual(['bundle.zip', 'test-bag']);
  });

  it('stops naming the item when a stored file was altered, and leaves nothing behind', async () => {
    const plan = await planWith(sources, [Buffer.from('will be altered')]);
    const blob = plan.entries.find((e) => e.kind === 'blob');
    if (blob?.kind !== 'blob') throw new Error('no blob');
    await chmod(store.pathOf(blob.sha256), 0o644);
    await writeFile(store.pathOf(blob.sha256), 'WILL BE ALTERED');
    await expect(writeBundle(plan, sources, join(out, 'bundle.zip'))).rejects.toThrow(`${blob.path}: the stored file no longer matches its recorded SHA-256`);
    expect(await readdir(out)).toEqual([]);
  });

  it('stops naming the item when a stored file is missing, and leaves nothing behind', async () => {
    const plan = await planWith(sources, [Buffer.from('present'), Buffer.from('will vanish')]);
    const last = plan.entries.filter((e) => e.kind === 'blob').at(-1);
    if (last?.kind !== 'blob') throw new Error('no blob');
    await rm(store.pathOf(last.sha256), { force: true });
    await expect(writeBundle(plan, sources, join(out, 'bundle.zip'))).rejects.toThrow(`${last.path}: the stored file is missing`);
    expect(await readdir(out)).toEqual([]);
  });

  it('leaves nothing behind when cancelled midway', async () => {
    const plan = await planWith(sources, Array.from({ length: 20 }, (_, i) => Buffer.alloc(2 * 1024 * 1024, i)));
    const controller = new AbortController();
    // Cancelled as the fifth file is opened, with four written: progress, reported at most every
    // 100 ms, came too late on a fast disk (the whole bundle was written before it).
    let opened = 0;
    const counting: BundleSources = {
      ...sources,
      store: {
        ...sources.store,
        pathOf: (sha256) => {
          opened += 1;
          if (opened === 5) controller.abort();
          return sources.store.pathOf(sha256);
        },
      },
    };
    const pending = writeBundle(plan, counting, join(out, 'bundle.zip'), { signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(opened).toBe(5);
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses paths that leave the bag or collide', () => {
    for (const path of ['../evil.txt', '/etc/passwd', 'data/../../x', 'data\\x', 'data/CON.txt', 'data/a b.txt', 'data//x', 'data/x.']) {
      expect(bundlePlanSchema.safeParse({ bagName: 'b', generatedAt: '2026-04-02T10:00:00.000Z', entries: [{ kind: 'staged', path, sha256: 'a'.repeat(64), size: 0 }] }).success).toBe(false);
    }
    const plan: BundlePlan = {
      bagName: 'b',
      generatedAt: '2026-04-02T10:00:00.000Z',
      entries: ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/A.txt', 'data/a.txt', 'other/x.txt'].map((path) => ({ kind: 'staged' as const, path, sha256: 'a'.repeat(64), size: 0 })),
    };
    expect(checkPlan(plan)).toEqual(['two files would be written to data/a.txt', 'other/x.txt is neither a tag file nor under data/']);
  });
});
