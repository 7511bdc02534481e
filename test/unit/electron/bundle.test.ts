import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, appendFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleAudit, signAndWrite, type SampleAudit } from '../../../electron/main/bundle/sample';
import { verifyBundle } from '../../../electron/main/bundle/verify';
import { fromBase64 } from '../../../shared/signing/ed25519';

/**
 * The bundle end to end in Node: the sample audit planned, signed and written by the same code
 * the app uses, then checked with tools nobody here wrote (unzip, sha256sum, openssl) and with
 * our own verifier — and tampered with in every way the issue names.
 */
let dir: string;
let sample: SampleAudit;
let zipPath: string;
let bag: string;

const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8' });

/** Re-zips an unzipped copy of the bag after `change` altered it. */
async function tampered(name: string, change: (bagDir: string) => Promise<void>): Promise<string> {
  const work = await mkdtemp(join(dir, `${name}-`));
  run('unzip', ['-q', zipPath, '-d', work], dir);
  await change(join(work, bag));
  const out = join(dir, `${name}.zip`);
  run('zip', ['-q', '-r', '-X', out, bag], work);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-e2e-'));
  sample = await buildSampleAudit();
  zipPath = join(dir, 'bundle.zip');
  const { plan } = await signAndWrite(sample, zipPath);
  bag = plan.bagName;
  run('unzip', ['-q', zipPath, '-d', join(dir, 'unzipped')], dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(sample.store.root, { recursive: true, force: true });
});

describe('an exported bundle, checked with standard tools', () => {
  it('holds one bag folder with the BagIt tag files and the generated payload', () => {
    const listing = run('unzip', ['-Z1', zipPath], dir).trim().split('\n');
    expect(new Set(listing.map((l) => l.split('/')[0]))).toEqual(new Set([bag]));
    for (const file of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'signature.json', 'data/index.html', 'data/VERIFY.html', 'data/evidence.csv', 'data/manifest.json', 'data/audit-log.jsonl']) {
      expect(listing).toContain(`${bag}/${file}`);
    }
    expect(listing).toContain(`${bag}/data/evidence/AC-01/2026-Q1/001-Q1-access-review-Okta-admin-console.png`);
  });

  it('passes sha256sum -c on both manifests', () => {
    const cwd = join(dir, 'unzipped', bag);
    const payload = run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], cwd);
    expect(payload.trim().split('\n').every((l) => l.endsWith(': OK'))).toBe(true);
    expect(payload).toContain('data/evidence/AC-01/2026-Q1/002-okta-users-2026Q1.csv: OK');
    expect(run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], cwd)).toMatch(/bagit\.txt: OK\nbag-info\.txt: OK\nmanifest-sha256\.txt: OK\n|OK/);
  });

  it('has a signature.json that stock openssl verifies over tagmanifest-sha256.txt', async () => {
    const cwd = join(dir, 'unzipped', bag);
    const signature = JSON.parse(await readFile(join(cwd, 'signature.json'), 'utf8')) as { publicKeyPem: string; signature: string };
    await writeFile(join(dir, 'key.pem'), signature.publicKeyPem);
    await writeFile(join(dir, 'sig.bin'), fromBase64(signature.signature));
    expect(
      run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'key.pem'), '-rawin', '-in', 'tagmanifest-sha256.txt', '-sigfile', join(dir, 'sig.bin')], cwd),
    ).toMatch(/Signature Verified Successfully/);
  });

  it('states its Payload-Oxum and identity in bag-info.txt', async () => {
    const info = await readFile(join(dir, 'unzipped', bag, 'bag-info.txt'), 'utf8');
    expect(info).toMatch(/^Source-Organization: Acme Cloud Inc\.$/m);
    expect(info).toMatch(/^Payload-Oxum: \d+\.\d+$/m);
    expect(info).toMatch(/^External-Identifier: 6f1d2c3b-0000-4000-8000-00000000a001$/m);
  });

  it('passes the evidence-locker verifier', async () => {
    const report = await verifyBundle(zipPath);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['Payload hashes', 'Payload-Oxum', 'Tag manifest', 'Bag signature', 'Sign-offs', 'Audit trail chain']));
  });
});

describe('a tampered bundle fails verification, naming the problem', () => {
  const cases: [string, (bagDir: string) => Promise<void>, RegExp][] = [
    [
      'one byte of an evidence file changed',
      async (b) => {
        const p = join(b, 'data/evidence/AC-01/2026-Q1/002-okta-users-2026Q1.csv');
        const bytes = await readFile(p);
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        await writeFile(p, bytes);
      },
      /data\/evidence\/AC-01\/2026-Q1\/002-okta-users-2026Q1\.csv: SHA-256 is/,
    ],
    ['manifest.json edited', async (b) => appendFile(join(b, 'data/manifest.json'), ' '), /data\/manifest\.json: SHA-256 is/],
    ['a file removed', async (b) => unlink(join(b, 'data/evidence.csv')), /data\/evidence\.csv: listed in manifest-sha256\.txt but missing/],
    ['a file added', async (b) => writeFile(join(b, 'data/evidence/planted.png'), 'x'), /data\/evidence\/planted\.png: present but not listed/],
    [
      'the log reordered (and its manifest line fixed up)',
      async (b) => {
        const p = join(b, 'data/audit-log.jsonl');
        const lines = (await readFile(p, 'utf8')).trim().split('\n');
        [lines[1], lines[2]] = [lines[2] ?? '', lines[1] ?? ''];
        await writeFile(p, `${lines.join('\n')}\n`);
        const hash = execFileSync('sha256sum', [p], { encoding: 'utf8' }).split(' ')[0] ?? '';
        const manifest = await readFile(join(b, 'manifest-sha256.txt'), 'utf8');
        await writeFile(join(b, 'manifest-sha256.txt'), manifest.replace(/^[0-9a-f]{64}( {2}data\/audit-log\.jsonl)$/m, `${hash}$1`));
      },
      /data\/audit-log\.jsonl: chain broken at entry 3: expected entry 2/,
    ],
    [
      'the signature replaced',
      async (b) => {
        const p = join(b, 'signature.json');
        const sig = JSON.parse(await readFile(p, 'utf8')) as { signature: string };
        sig.signature = Buffer.alloc(64, 7).toString('base64');
        await writeFile(p, JSON.stringify(sig));
      },
      /signature\.json: the signature over tagmanifest-sha256\.txt does not verify/,
    ],
  ];
  for (const [name, change, problem] of cases) {
    it(`when ${name}`, async () => {
      const report = await verifyBundle(await tampered(name.replace(/\W+/g, '-'), change));
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toMatch(problem);
    });
  }
});

describe('hostile ZIPs are refused with a named reason', () => {
  /** Crafts ZIPs with Python's zipfile, which writes whatever names it is given. */
  async function craft(name: string, script: string): Promise<string> {
    const out = join(dir, `${name}.zip`);
    execFileSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n${script}\nz.close()`, out], { stdio: 'pipe' });
    return out;
  }

  const cases: [string, string, RegExp][] = [
    ['path traversal', "z.writestr('bag/../../evil.sh','echo pwned')", /not a readable ZIP: invalid relative path|not a safe path/],
    ['an absolute path', "z.writestr('/etc/cron.d/evil','x')", /not a readable ZIP: absolute path|not a safe path/],
    ['a backslash path', "z.writestr('bag\\\\..\\\\evil.txt','x')", /not a readable ZIP: invalid characters|not a safe path/],
    ['duplicate entries', "import warnings\nwarnings.simplefilter('ignore')\nz.writestr('bag/bagit.txt','a')\nz.writestr('bag/bagit.txt','b')", /bag\/bagit\.txt: appears twice/],
    ['a ZIP bomb', "z.writestr('bag/data/zeros.bin', bytes(200*1024*1024))", /bag\/data\/zeros\.bin: inflates \d+× \(a ZIP bomb\?\)/],
    ['two bag folders', "z.writestr('a/bagit.txt','x')\nz.writestr('b/bagit.txt','x')", /exactly one top-level bag folder; this ZIP has 2/],
  ];
  for (const [name, script, problem] of cases) {
    it(`refuses ${name}`, async () => {
      const report = await verifyBundle(await craft(name.replace(/\W+/g, '-'), script));
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toMatch(problem);
    });
  }

  it('refuses a truncated ZIP', async () => {
    const bytes = await readFile(zipPath);
    const cut = join(dir, 'truncated.zip');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const report = await verifyBundle(cut);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/^not a readable ZIP: /);
  });

  it('refuses a file that is not a ZIP at all', async () => {
    const text = join(dir, 'notes.zip');
    await writeFile(text, 'this is a text file, not a bundle\n');
    expect((await verifyBundle(text)).problems).toEqual([expect.stringMatching(/^not a readable ZIP: no end of central directory record at the end of the file/)]);
  });
});

describe('the evidence-locker command', () => {
  it('prints a readable report and exits 0 on a good bundle, 1 naming problems on a bad one', async () => {
    const { main } = await import('../../../electron/cli/main');
    const out: string[] = [];
    const sink = { write: (t: string) => void out.push(t) };
    expect(await main(['verify', zipPath], sink, sink)).toBe(0);
    expect(out.join('')).toMatch(/PASS {2}Bag signature: Ed25519, key [0-9a-f ]+\n[\s\S]*RESULT: PASS/);
    out.length = 0;
    const bad = await tampered('cli-bad', async (b) => writeFile(join(b, 'data/evidence/planted.txt'), 'x'));
    expect(await main(['verify', bad], sink, sink)).toBe(1);
    expect(out.join('')).toMatch(/FAIL {2}Payload hashes[\s\S]*data\/evidence\/planted\.txt: present but not listed[\s\S]*RESULT: FAIL/);
    expect(await main(['frobnicate'], sink, sink)).toBe(2);
  });
});

describe('importing through the bridge', () => {
  it('inspects a tampered bundle, names the problem, and refuses to import from it', async () => {
    const { createBridgeHarness } = await import('../../support/bridgeHarness');
    const { APP_ORIGIN } = await import('../../../electron/main/appProtocol');
    const bridge = await createBridgeHarness(APP_ORIGIN);
    const sender = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    try {
      const bad = await tampered('import-bad', async (b) => appendFile(join(b, 'data/evidence.csv'), 'x'));
      bridge.answerImportDialog(bad);
      const inspected = await bridge.dispatch('bundle:inspect', sender, {});
      if (!inspected.ok) throw new Error(inspected.error.message);
      const value = inspected.value as { status: string; token: string; ok: boolean; problems: string[] };
      expect(value.ok).toBe(false);
      expect(value.problems.join('\n')).toMatch(/data\/evidence\.csv: SHA-256 is/);
      const refused = await bridge.dispatch('bundle:import-files', sender, { token: value.token, files: [] });
      expect(refused).toEqual({ ok: false, error: { code: 'invalid-payload', message: 'This bundle failed verification: it can be inspected but not imported.' } });

      // The untouched bundle imports: every listed file lands in the store under its hash.
      bridge.answerImportDialog(zipPath);
      const good = await bridge.dispatch('bundle:inspect', sender, {});
      const token = good.ok ? (good.value as { token: string }).token : '';
      const files = sample.input.evidence.map((e) => ({ path: '', sha256: e.sha256 }));
      const manifest = JSON.parse(await readFile(join(dir, 'unzipped', bag, 'data', 'manifest.json'), 'utf8')) as { evidence: { path: string; sha256: string }[] };
      const imported = await bridge.dispatch('bundle:import-files', sender, { token, files: manifest.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })) });
      expect(imported).toEqual({ ok: true, value: { stored: manifest.evidence.length, existed: 0 } });
      for (const f of files) expect(await bridge.store.has(f.sha256)).toBe(true);
      expect(await bridge.dispatch('bundle:import-files', sender, { token: '3f2b8c1e-8d4a-4c3b-9a1e-2b7c5d6e7f80', files: [] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });
});
