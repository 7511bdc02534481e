import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { BundleInspection } from '../../../shared/bridge/contract';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';
import { craftZip, type RawEntry } from '../../support/craftZip';

/**
 * Issue #14's own hostile ZIPs, through both front ends a user meets them in: the auditor's
 * `evidence-locker verify` (its main(), as the built CLI runs it) and the app's Import
 * (`bundle:inspect`, main's real handler table). The strict reader's own cases are in
 * zipReader.test.ts; here each attack must come out as a report that names it, quickly, with
 * nothing stored, no file left behind and no descriptor left open.
 *
 * The issue: "400 entries of 16 MiB each (a 6.6 MB file), or 500 overlapping central-directory
 * records pointing at one deflate stream (a 109 KB file), inflate and hash 6–8 GiB for 12–21 s
 * per inspect and are never called a bomb", and "lying sizes and encrypted entries throw: the
 * CLI exits 2 without a report, the app shows an `internal` error, and no entry is named".
 */
const openFds = (): number => readdirSync('/proc/self/fd').length;
/** The issue measured 12–21 s per inspect of these; refusing them reads kilobytes. */
const QUICK_MS = 5_000;
const SIXTEEN_MIB = Buffer.alloc(16 * 1024 * 1024);
const ZEROS = deflateRawSync(SIXTEEN_MIB);
// Computed once: 400 entries × 16 MiB would otherwise be 6 GiB of CRC-32 while crafting.
const ZEROS_CRC = crc32(SIXTEEN_MIB);

/** A path as long as an exported bundle's evidence paths, which is how 500 records make 109 KB. */
const evidencePath = (i: number): string =>
  `evidence-locker-2026-q3/data/evidence/CC6.1-logical-access/2026-09-30T12-00-00Z-quarterly-user-access-review-screenshot-${String(i).padStart(4, '0')}.png`;

const BAGIT: RawEntry = { name: 'bag/bagit.txt', content: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'), method: 'deflate' };

let dir: string;
let bridge: BridgeHarness;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-zips-'));
  bridge = await createBridgeHarness(APP_ORIGIN);
});
afterAll(async () => {
  await rm(bridge.store.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

async function save(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** `evidence-locker verify <path>`: its exit code and everything it printed. */
async function cliVerify(path: string): Promise<{ code: number; out: string; ms: number }> {
  const { main } = await import('../../../electron/cli/main');
  const out: string[] = [];
  const sink = { write: (text: string) => void out.push(text) };
  const started = performance.now();
  const code = await main(['verify', path], sink, sink);
  return { code, out: out.join(''), ms: performance.now() - started };
}

/** Import › choose a bundle: what the app shows, or the error it shows instead. */
async function appInspect(path: string): Promise<{ report: Extract<BundleInspection, { status: 'inspected' }>['report']; token: string; ms: number }> {
  bridge.answerImportDialog(path);
  const started = performance.now();
  const result = await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [] });
  const ms = performance.now() - started;
  // Never an error (least of all `internal`): a hostile bundle is a report that says what is wrong.
  const inspected = valueOf<BundleInspection>(result);
  if (inspected.status !== 'inspected') throw new Error('the dialog was not answered');
  return { report: inspected.report, token: inspected.token, ms };
}

/** Nothing reached the store, and the refused bundle cannot be imported from. */
async function nothingStored(token: string): Promise<void> {
  const stored = await readdir(bridge.store.root, { recursive: true, withFileTypes: true }).catch(() => []);
  expect(stored.filter((e) => e.isFile()).map((e) => e.name)).toEqual([]);
  expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token, files: [], confirmedExporter: null })).toEqual({
    ok: false,
    error: { code: 'invalid-payload', message: 'This bundle failed verification: it can be inspected but not imported.' },
  });
}

describe('the issue’s ZIP bombs, in the CLI and in the app’s Import', () => {
  it('names 400 entries of 16 MiB each (a 6.6 MB file) a bomb by the archive’s ratio, without inflating them', async () => {
    const bomb = craftZip(Array.from({ length: 400 }, (_, i) => ({ name: `bag/data/${i}.bin`, content: SIXTEEN_MIB, raw: ZEROS, crc: ZEROS_CRC, method: 'deflate' as const })));
    expect(bomb.length / 1e6).toBeCloseTo(6.6, 0);
    const path = await save('four-hundred.zip', bomb);
    const named = /^FAIL {2}Bag folder: the ZIP would inflate \d+× its own size \(a ZIP bomb\?\) \(limit: compression ratio of the archive, 100\)$/m;

    const cli = await cliVerify(path);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(named);
    expect(cli.out).toMatch(/^RESULT: FAIL/m);
    expect(cli.ms).toBeLessThan(QUICK_MS);

    const app = await appInspect(path);
    expect(app.report.verdict).toBe('fail');
    expect(app.report.problems).toEqual([expect.stringMatching(/^the ZIP would inflate \d+× its own size \(a ZIP bomb\?\) \(limit: compression ratio of the archive, 100\)$/)]);
    // Not one byte of it hashed.
    expect(app.report.facts.bytes).toBe(0);
    expect(app.ms).toBeLessThan(QUICK_MS);
    await nothingStored(app.token);
  });

  it('names 500 overlapping records that share one deflate stream (a 109 KB file) a bomb, and each overlap by its entry', async () => {
    const bomb = craftZip([{ name: evidencePath(0), content: SIXTEEN_MIB, raw: ZEROS, crc: ZEROS_CRC, method: 'deflate' }], {
      directory: ([first]) => Array.from({ length: 500 }, (_, i) => ({ ...(first as NonNullable<typeof first>), name: evidencePath(i) })),
    });
    expect(bomb.length / 1e3).toBeGreaterThan(90);
    expect(bomb.length / 1e3).toBeLessThan(130);
    const path = await save('five-hundred.zip', bomb);
    const ratio = /the ZIP would inflate \d+× its own size \(a ZIP bomb\?\) \(limit: compression ratio of the archive, 100\)/;
    const overlap = (i: number): string => `${evidencePath(i)}: overlaps the entry before it (offset 0, expected ${ZEROS.length + 30 + Buffer.byteLength(evidencePath(0))} or later)`;

    const cli = await cliVerify(path);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(ratio);
    expect(cli.out).toContain(overlap(1));
    expect(cli.out).toContain(overlap(499));
    expect(cli.ms).toBeLessThan(QUICK_MS);

    const app = await appInspect(path);
    expect(app.report.verdict).toBe('fail');
    expect(app.report.problems[0]).toMatch(ratio);
    expect(app.report.problems).toContain(overlap(1));
    expect(app.report.problems).toContain(overlap(499));
    expect(app.report.facts.bytes).toBe(0);
    expect(app.ms).toBeLessThan(QUICK_MS);
    await nothingStored(app.token);
  });
});

describe('lying sizes and encrypted entries, in the CLI and in the app’s Import', () => {
  const cases: [string, RawEntry, string][] = [
    [
      'an entry that inflates past its declared size',
      { name: 'bag/data/okta-users.csv', content: Buffer.from('user,role\n'.repeat(50_000)), method: 'deflate', declaredSize: 10 },
      'bag/data/okta-users.csv: inflates to more than the 10 bytes its header declares',
    ],
    [
      'an entry that inflates to less than its declared size',
      { name: 'bag/data/okta-users.csv', content: Buffer.from('user,role\n'.repeat(50)), method: 'deflate', declaredSize: 100_000 },
      'bag/data/okta-users.csv: inflates to 500 bytes, not the 100000 its header declares',
    ],
    ['an encrypted entry', { name: 'bag/data/secret.txt', content: Buffer.from('hunter2'), method: 'deflate', flags: 0x0001 }, 'bag/data/secret.txt: the entry is encrypted; a bundle never is'],
  ];
  for (const [what, entry, message] of cases) {
    it(`names ${what}: the CLI prints a report and exits 1, the app reports it instead of an error`, async () => {
      const path = await save(`${what.replaceAll(' ', '-')}.zip`, craftZip([BAGIT, entry]));
      const cli = await cliVerify(path);
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(message);
      expect(cli.out).toMatch(/^RESULT: FAIL/m);

      const app = await appInspect(path);
      expect(app.report.verdict).toBe('fail');
      expect(app.report.problems.join('\n')).toContain(message);
      await nothingStored(app.token);
    });
  }
});

describe('a tag file that lies about its size, or is encrypted', () => {
  const cases: [string, RawEntry[], string, string][] = [
    ['bagit.txt inflating past its declared size', [{ ...BAGIT, declaredSize: 5 }], 'bagit.txt', 'bag/bagit.txt: inflates to more than the 5 bytes its header declares'],
    [
      'an encrypted data/manifest.json',
      [BAGIT, { name: 'bag/data/manifest.json', content: Buffer.from('{}'), method: 'deflate', flags: 0x0001 }],
      'data/manifest.json',
      'bag/data/manifest.json: the entry is encrypted; a bundle never is',
    ],
    [
      'a data/audit-log.jsonl shorter than declared',
      [BAGIT, { name: 'bag/data/audit-log.jsonl', content: Buffer.from('{}\n'), method: 'deflate', declaredSize: 4096 }],
      'data/audit-log.jsonl',
      'bag/data/audit-log.jsonl: inflates to 3 bytes, not the 4096 its header declares',
    ],
  ];
  for (const [what, entries, path, why] of cases) {
    it(`says of ${what} that it could not be read, and why, once, and never that it is missing`, async () => {
      const zip = await save(`tag-${what.replaceAll(/[ /]/g, '-')}.zip`, craftZip(entries));
      const cli = await cliVerify(zip);
      expect(cli.code).toBe(1);
      const app = await appInspect(zip);
      for (const problems of [cli.out.split('\n').map((l) => l.replace(/^ {8}- /, '')), app.report.problems]) {
        expect(problems).toContain(`could not be read: ${path}`);
        expect(problems).not.toContain(`missing: ${path}`);
        expect(problems.filter((p) => p.startsWith(`${path}: could not be read`))).toEqual([`${path}: could not be read (${why})`]);
      }
    });
  }
});

describe('descriptors', () => {
  it('are all closed again after 40 failing ZIPs through the CLI and 40 through the app’s Import', async () => {
    const bad = [
      await save('prepended.zip', craftZip([BAGIT], { prepend: Buffer.from('junk') })),
      await save('not-a-zip.zip', Buffer.from('not a zip at all')),
      await save('liar.zip', craftZip([BAGIT, { name: 'bag/data/log.csv', content: Buffer.from('r\n'.repeat(5000)), method: 'deflate', declaredSize: 3 }])),
      await save('encrypted.zip', craftZip([BAGIT, { name: 'bag/data/a.txt', content: Buffer.from('a'), method: 'deflate', flags: 1 }])),
      await save('overlap.zip', craftZip([BAGIT], { directory: ([first]) => [first, { ...(first as NonNullable<typeof first>), name: 'bag/data/again.txt' }].filter((r) => r !== undefined) })),
    ];
    // Warm: the first call loads modules, which opens files of its own.
    await cliVerify(bad[0] as string);
    await appInspect(bad[0] as string);
    const before = openFds();
    for (let i = 0; i < 40; i += 1) {
      const path = bad[i % bad.length] as string;
      expect((await cliVerify(path)).code).toBe(1);
      expect((await appInspect(path)).report.verdict).toBe('fail');
    }
    expect(openFds()).toBe(before);
  });
});
