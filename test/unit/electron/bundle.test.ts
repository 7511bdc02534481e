import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, USAGE } from '../../../electron/cli/main';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { buildSampleAudit, signAndWrite, type SampleAudit } from '../../../electron/main/bundle/sample';
import { verifyBundle } from '../../../electron/main/bundle/verify';
import type { BundleInspection } from '../../../shared/bridge/contract';
import { renderVerifyHtml } from '../../../shared/bundle/render/verifyHtml';
import { fromBase64 } from '../../../shared/signing/ed25519';
import { keyCardFileName, makeKeyCard, renderKeyCardHtml } from '../../../shared/trust/keycard';
import type { VerifyReport } from '../../../shared/verify/report';
import { APP_SENDER, createBridgeHarness, valueOf } from '../../support/bridgeHarness';
import { BagEditor, makeAttacker } from '../../support/corpus';
import { sampleWithWithdrawal } from '../../support/sampleWithdrawal';

/**
 * The bundle end to end in Node: the sample audit planned, signed and written by the same code
 * the app uses, then checked with tools nobody here wrote (unzip, sha256sum, openssl), with the
 * README's own commands, and with `evidence-locker verify` (its text, JSON, exit codes, --trust,
 * --previous, verifier-html). The tampered and hostile cases are the corpus (verifyCorpus.test.ts).
 */
let dir: string;
let sample: SampleAudit;
let zipPath: string;
let bag: string;
let keyCard: string;

const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8' });

/** Re-zips an unzipped copy of the bag after `change` altered it. */
async function tampered(name: string, change: (bag: BagEditor) => Promise<void>, from = zipPath): Promise<string> {
  const work = await mkdtemp(join(dir, `${name}-`));
  run('unzip', ['-q', from, '-d', work], dir);
  const top = run('unzip', ['-Z1', from], dir).split('/')[0] ?? bag;
  await change(new BagEditor(join(work, top), makeAttacker()));
  const out = join(dir, `${name}.zip`);
  run('zip', ['-q', '-r', '-X', out, top], work);
  return out;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { write: (t) => void out.push(t) }, { write: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-e2e-'));
  sample = await buildSampleAudit();
  zipPath = join(dir, 'bundle.zip');
  const { plan } = await signAndWrite(sample, zipPath);
  bag = plan.bagName;
  run('unzip', ['-q', zipPath, '-d', join(dir, 'unzipped')], dir);
  const card = await makeKeyCard({ ...sample.keys, ...sample.reviewer });
  keyCard = join(dir, keyCardFileName(card));
  await writeFile(keyCard, renderKeyCardHtml(card));
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
    expect(run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], cwd)).toBe('bag-info.txt: OK\nbagit.txt: OK\nmanifest-sha256.txt: OK\n');
  });

  it('has a signature.json that stock openssl verifies, and whose PEM is the fingerprinted key (the README\'s commands)', async () => {
    const cwd = join(dir, 'unzipped', bag);
    const signature = JSON.parse(await readFile(join(cwd, 'signature.json'), 'utf8')) as { publicKeyPem: string; signature: string; keyFingerprint: string };
    await writeFile(join(dir, 'key.pem'), signature.publicKeyPem);
    await writeFile(join(dir, 'sig.bin'), fromBase64(signature.signature));
    expect(
      run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'key.pem'), '-rawin', '-in', 'tagmanifest-sha256.txt', '-sigfile', join(dir, 'sig.bin')], cwd),
    ).toMatch(/Signature Verified Successfully/);
    // README: the fingerprint of the key that verified, to compare with the one the exporter gave.
    const fingerprint = execFileSync('sh', ['-c', `openssl pkey -pubin -in "${join(dir, 'key.pem')}" -outform DER | tail -c 32 | sha256sum`], { encoding: 'utf8' }).split(' ')[0];
    expect(fingerprint).toBe(sample.keys.fingerprint.replace(/ /g, ''));
  });

  it('states its Payload-Oxum, identity, trail head and completeness in bag-info.txt', async () => {
    const info = await readFile(join(dir, 'unzipped', bag, 'bag-info.txt'), 'utf8');
    expect(info).toMatch(/^Source-Organization: Acme Cloud Inc\.$/m);
    expect(info).toMatch(/^Payload-Oxum: \d+\.\d+$/m);
    expect(info).toMatch(/^External-Identifier: 6f1d2c3b-0000-4000-8000-00000000a001$/m);
    const last = JSON.parse((await readFile(join(dir, 'unzipped', bag, 'data', 'audit-log.jsonl'), 'utf8')).trim().split('\n').at(-1) ?? '{}') as { seq: number; hash: string };
    expect(info).toContain(`\nEvidence-Locker-Log-Head: ${last.seq} ${last.hash}\n`);
    expect(info).toMatch(/^Evidence-Locker-Partial: no$/m);
  });

  it('passes the evidence-locker verifier when its signer is trusted, and only then', async () => {
    const trusted = await verifyBundle(zipPath, { trusted: [{ fingerprint: sample.keys.fingerprint, publicKey: null, name: 'Dana Whitfield', role: 'IT Manager', source: 'test' }] });
    expect(trusted.report.problems).toEqual([]);
    expect(trusted.report.verdict).toBe('pass');
    const unknown = await verifyBundle(zipPath);
    expect(unknown.report.verdict).toBe('unconfirmed');
    expect(unknown.report.signers).toEqual([expect.objectContaining({ fingerprint: sample.keys.fingerprint, trustedAs: null, signed: { bag: true, countedSignoffs: 5 } })]);
  });

  it('says a partial bundle is partial, and names what it left out', async () => {
    const partialZip = join(dir, 'partial.zip');
    const ac01 = sample.input.controls.find((c) => c.ref === 'AC-01')!.id;
    await signAndWrite(sample, partialZip, { selection: { step: null, from: null, to: null, controlIds: [ac01], includeRejected: false, includeSuperseded: false } });
    const { report, texts } = await verifyBundle(partialZip, { trusted: [{ fingerprint: sample.keys.fingerprint, publicKey: null, name: null, role: null, source: 'test' }] });
    expect(report.verdict).toBe('pass');
    expect(report.facts.partial).toBe('3 of 6 items left out (only control AC-01; without rejected items; without superseded versions)');
    const manifest = JSON.parse(texts.manifestJson ?? '{}') as { partial: boolean; leftOut: { reason: string }[] };
    expect(manifest.partial).toBe(true);
    expect(manifest.leftOut.map((l) => l.reason)).toEqual(['not linked to a selected control', 'not linked to a selected control', 'not linked to a selected control']);
  });
});

describe('a withdrawn item', () => {
  it('is in no file of the bundle, nor is its approval, while the trail keeps it, and the bundle verifies', async () => {
    const name = 'okta-users-2026Q1.csv';
    const { sample: withdrawn, id } = sampleWithWithdrawal(sample, name, 'Attached to the wrong audit');
    expect(sample.input.signoffs.some((s) => s.evidenceId === id && s.payload.decision === 'approved')).toBe(true);
    const out = join(dir, 'withdrawn.zip');
    await signAndWrite(withdrawn, out);
    const trust = [{ fingerprint: sample.keys.fingerprint, publicKey: null, name: null, role: null, source: 'test' }];
    const { report, texts } = await verifyBundle(out, { trusted: trust });
    expect(report.problems).toEqual([]);
    expect(report.verdict).toBe('pass');
    // Not a partial bundle: nothing was left out by a selection.
    expect(report.facts.partial).toBeNull();
    expect(report.checks.find((c) => c.id === 'history')?.notes).toContain('1 item withdrawn after capture (the trail records who, when and why) is rightly not in this bundle.');

    const manifest = JSON.parse(texts.manifestJson ?? '{}') as { evidence: { id: string }[]; signoffs: { evidenceId: string }[]; leftOut: unknown[] };
    expect(manifest.evidence.map((e) => e.id)).not.toContain(id);
    expect(manifest.evidence).toHaveLength(sample.input.evidence.length - 1);
    expect(manifest.signoffs.map((s) => s.evidenceId)).not.toContain(id);
    expect(manifest.leftOut).toEqual([]);
    const unzipped = join(dir, 'withdrawn');
    run('unzip', ['-q', out, '-d', unzipped], dir);
    const top = run('unzip', ['-Z1', out], dir).split('/')[0] ?? '';
    expect(run('unzip', ['-Z1', out], dir)).not.toContain('okta-users');
    for (const file of ['index.html', 'evidence.csv', 'manifest.json']) expect(await readFile(join(unzipped, top, 'data', file), 'utf8')).not.toContain(name);
    // The trail still holds the item's creation and its withdrawal, with the reason.
    const trail = await readFile(join(unzipped, top, 'data', 'audit-log.jsonl'), 'utf8');
    expect(trail).toContain(name);
    expect(trail).toContain('"reason":"Attached to the wrong audit"');

    // Put back behind the trail's back, re-hashed and re-signed: named.
    const smuggled = await tampered(
      'withdrawn-smuggled',
      async (b) => {
        const original = sample.input.evidence.find((e) => e.id === id);
        const bytes = await readFile(sample.store.pathOf(original?.sha256 ?? ''));
        await b.write('data/evidence/AC-01/2026-Q1/099-okta-users.csv', bytes);
        await b.manifest((m) => {
          m.evidence.push({ ...(m.evidence[0] ?? {}), id, sha256: original?.sha256, size: original?.size, name, path: 'data/evidence/AC-01/2026-Q1/099-okta-users.csv' });
        });
        await b.reseal();
      },
      out,
    );
    const caught = await verifyBundle(smuggled, { trusted: trust });
    expect(caught.report.verdict).toBe('fail');
    expect(caught.report.problems).toEqual(expect.arrayContaining([expect.stringContaining(`evidence ${id} (data/evidence/AC-01/2026-Q1/099-okta-users.csv) is in this bundle but the audit trail says it was withdrawn`)]));
  });
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
    ['an absolute path', "z.writestr('/etc/cron.d/evil','x')", /not a readable ZIP: absolute path|not a safe path|etc\/cron\.d\/evil/],
    ['a backslash path', "z.writestr('bag\\\\..\\\\evil.txt','x')", /not a readable ZIP: invalid characters|not a safe path|evil\.txt: outside the bag folder/],
    ['duplicate entries', "import warnings\nwarnings.simplefilter('ignore')\nz.writestr('bag/bagit.txt','a')\nz.writestr('bag/bagit.txt','b')", /bag\/bagit\.txt: appears twice/],
    ['a ZIP bomb', "z.writestr('bag/data/zeros.bin', bytes(200*1024*1024))", /bag\/data\/zeros\.bin: inflates \d+× \(a ZIP bomb\?\)/],
    ['two bag folders', "z.writestr('a/bagit.txt','x')\nz.writestr('b/bagit.txt','x')", /exactly one top-level bag folder; this ZIP has 2/],
  ];
  for (const [name, script, problem] of cases) {
    it(`refuses ${name}`, async () => {
      const { report } = await verifyBundle(await craft(name.replace(/\W+/g, '-'), script));
      expect(report.verdict).toBe('fail');
      expect(report.problems.join('\n')).toMatch(problem);
    });
  }

  it('refuses a truncated ZIP', async () => {
    const bytes = await readFile(zipPath);
    const cut = join(dir, 'truncated.zip');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { report } = await verifyBundle(cut);
    expect(report.verdict).toBe('fail');
    expect(report.problems).toEqual([
      'not a readable ZIP: the ZIP file is incomplete: its end (the central directory) is missing, as when a download or a copy is cut short',
    ]);
  });

  // Issue #13: a PDF picked by mistake used to get "End of central directory record signature not found".
  it.each([
    ['a text file', 'notes.zip', Buffer.from('this is a text file, not a bundle\n'), 'This is not a ZIP file. A bundle is the .zip file Evidence Locker exports.'],
    ['a PDF', 'report.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'This is not a ZIP file: it looks like a PDF document. A bundle is the .zip file Evidence Locker exports.'],
    ['a gzip archive', 'bundle.tar.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), 'This is not a ZIP file: it looks like a gzip or .tar.gz archive. A bundle is the .zip file Evidence Locker exports.'],
    ['an empty file', 'empty.zip', Buffer.alloc(0), 'This is not a ZIP file: it is empty.'],
  ])('says plainly that %s is not a ZIP file', async (_, name, bytes, message) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const { report } = await verifyBundle(path);
    expect(report.verdict).toBe('fail');
    expect(report.problems).toEqual([message]);
    expect(report.checks[0]).toMatchObject({ id: 'layout', status: 'fail', summary: message });
  });
});

describe('the evidence-locker command', () => {
  it('exits 0 with --trust <key card>, 3 without (saying what to compare), 1 naming problems on a bad bag, 2 on bad usage', async () => {
    const pass = await cli('verify', zipPath, '--trust', keyCard);
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/PASS {2}Bag signature: Ed25519 signature over tagmanifest-sha256\.txt verifies with key [0-9a-f ]+; its PEM is the same key\./);
    expect(pass.out).toContain('confirmed: Dana Whitfield, IT Manager (key card ');
    expect(pass.out).toMatch(/RESULT: PASS — /);

    const unconfirmed = await cli('verify', zipPath);
    expect(unconfirmed.code).toBe(3);
    expect(unconfirmed.out).toContain(`${sample.keys.fingerprint}  the bag, 5 decision(s)  NOT CONFIRMED`);
    expect(unconfirmed.out).toMatch(/RESULT: VALID, SIGNER NOT CONFIRMED — [\s\S]*--trust <fingerprint> or --trust <key card>/);
    expect(unconfirmed.out).not.toMatch(/RESULT: PASS/);

    // A fingerprint typed as the exporter read it out: any case, with or without spaces.
    expect((await cli('verify', zipPath, `--trust=${sample.keys.fingerprint.replace(/ /g, '').toUpperCase()}`)).code).toBe(0);

    const bad = await tampered('cli-bad', async (b) => b.write('data/evidence/planted.txt', 'x'));
    const failed = await cli('verify', bad, '--trust', keyCard);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/FAIL {2}Every file listed[\s\S]*not listed in manifest-sha256\.txt: data\/evidence\/planted\.txt[\s\S]*RESULT: FAIL — 2 problem\(s\)\./);

    expect((await cli('frobnicate')).code).toBe(2);
    expect(await cli('verify', join(dir, 'nope.zip'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') as unknown });
    expect(await cli('verify', zipPath, '--trust', 'abcd')).toMatchObject({ code: 2, err: expect.stringContaining('neither a fingerprint') as unknown });
    await writeFile(join(dir, 'forged-card.html'), (await readFile(keyCard, 'utf8')).replace('"name": "Dana Whitfield"', '"name": "Mallory"'));
    expect(await cli('verify', zipPath, '--trust', join(dir, 'forged-card.html'))).toMatchObject({ code: 2, err: expect.stringContaining('own signature does not verify') as unknown });
    expect((await cli('--help')).out).toBe(USAGE);
    expect(USAGE).toMatch(/0 {2}PASS[\s\S]*1 {2}FAIL[\s\S]*2 {2}the command could not run[\s\S]*3 {2}VALID, SIGNER NOT CONFIRMED/);
  });

  it('prints a JSON report with --json, the same verdict and checks as the text', async () => {
    const { code, out } = await cli('verify', zipPath, '--json', '--trust', keyCard);
    const report = JSON.parse(out) as VerifyReport & { exitCode: number; tool: string };
    expect(code).toBe(0);
    expect(report).toMatchObject({ tool: 'evidence-locker', exitCode: 0, verdict: 'pass', problems: [] });
    expect(report.checks.map((c) => c.id)).toEqual(['layout', 'bagit', 'payload', 'listed', 'oxum', 'tags', 'signature', 'manifest', 'signoffs', 'trail', 'history', 'signers', 'verifier-page']);
    expect(report.signers[0]?.trustedAs).toMatchObject({ name: 'Dana Whitfield', role: 'IT Manager' });
  });

  it('writes its VERIFY.html with verifier-html, and says whether a bag\'s copy is byte-identical to it', async () => {
    const out = join(dir, 'my-verify.html');
    expect((await cli('verifier-html', out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(renderVerifyHtml());
    expect((await cli('verifier-html', out)).code).toBe(2);

    const same = await cli('verify', zipPath, '--trust', keyCard);
    expect(same.out).toMatch(/NOTE {2}The bag's VERIFY\.html: data\/VERIFY\.html is byte-identical to the page Evidence Locker \S+ writes\./);
    const swapped = await tampered('page-swapped', async (b) => {
      await b.write('data/VERIFY.html', '<p>PASS</p>');
      await b.reseal();
    });
    const other = await cli('verify', swapped, '--trust', keyCard);
    expect(other.code).toBe(3);
    expect(other.out).toMatch(/NOTE {2}The bag's VERIFY\.html: data\/VERIFY\.html is not the page Evidence Locker \S+ writes .*get a trusted copy with `evidence-locker verifier-html`/);
    expect(createHash('sha256').update(renderVerifyHtml()).digest('hex')).not.toBe(createHash('sha256').update('<p>PASS</p>').digest('hex'));
  });

  it('checks with --previous that the new trail extends the old one, and names the first entry rewritten or cut', async () => {
    // A later bundle of the same audit: one more sign-off appended to its trail (by the real app code path: re-plan with a longer log).
    const longer = join(dir, 'later.zip');
    const last = sample.input.log.at(-1)!;
    const { nextEntry } = await import('../../../shared/log/chain');
    const extended = { ...sample, input: { ...sample.input, log: [...sample.input.log, nextEntry(last, { auditId: last.auditId, at: '2026-12-01T10:00:00.000Z', actor: 'dana@mgr-laptop', action: 'update', target: `audit:${last.auditId}`, details: { note: 'later' } })] } };
    await signAndWrite(extended, longer, { generatedAt: '2026-12-01T11:00:00.000Z' });

    const ok = await cli('verify', longer, '--previous', zipPath, '--trust', keyCard);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/PASS {2}Extends the previous bundle: All 12 entries of the previous bundle bundle\.zip's trail are here, unchanged and in order; this bundle adds 1\./);

    // The old bundle checked against the new one as "previous": the trail was cut.
    const cut = await cli('verify', zipPath, '--previous', longer, '--trust', keyCard);
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/FAIL {2}Extends the previous bundle: [\s\S]*entries 13–13 are gone \(the first was update audit:/);

    // A rewritten entry, re-chained and re-signed: the bag alone fails on its sign-offs, and --previous names where the rewrite starts.
    const rewritten = await tampered('rewritten', async (b) => {
      await b.rechainTrail((entries) => entries.map((e, i) => (i === 3 ? { ...e, actor: 'mallory' } : e)));
      await b.reseal();
    }, longer);
    const report = JSON.parse((await cli('verify', rewritten, '--previous', zipPath, '--json')).out) as VerifyReport;
    expect(report.checks.find((c) => c.id === 'previous')?.problems).toEqual([expect.stringMatching(/^entry 4 differs: the previous bundle bundle\.zip has create evidence:.* this bundle has create evidence:.*: the trail was rewritten from there on$/)]);
  });
});

describe('importing through the bridge', () => {
  it('refuses a failed bundle, and an intact one signed by a key nobody confirmed until the user confirms it', async () => {
    const bridge = await createBridgeHarness(APP_ORIGIN);
    try {
      const bad = await tampered('import-bad', async (b) => b.write('data/evidence.csv', 'x'));
      bridge.answerImportDialog(bad);
      const inspected = valueOf<Extract<BundleInspection, { status: 'inspected' }>>(await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [] }));
      expect(inspected.report.verdict).toBe('fail');
      expect(inspected.report.problems.join('\n')).toMatch(/altered: data\/evidence\.csv/);
      const refused = await bridge.dispatch('bundle:import-files', APP_SENDER, { token: inspected.token, files: [], confirmedExporter: null });
      expect(refused).toEqual({ ok: false, error: { code: 'invalid-payload', message: 'This bundle failed verification: it can be inspected but not imported.' } });

      // The untouched bundle, inspected with an empty keyring: valid, signer not confirmed.
      bridge.answerImportDialog(zipPath);
      const good = valueOf<Extract<BundleInspection, { status: 'inspected' }>>(await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [] }));
      expect(good.report.verdict).toBe('unconfirmed');
      const manifest = JSON.parse(good.manifestJson ?? '{}') as { evidence: { path: string; sha256: string }[] };
      const files = manifest.evidence.map((e) => ({ path: e.path, sha256: e.sha256 }));
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: good.token, files, confirmedExporter: null })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('signed by a key nobody confirmed') as unknown },
      });
      // Confirming another key does not unlock it.
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: good.token, files, confirmedExporter: makeAttacker().fingerprint })).toMatchObject({ ok: false });

      const imported = await bridge.dispatch('bundle:import-files', APP_SENDER, { token: good.token, files, confirmedExporter: sample.keys.fingerprint });
      expect(imported).toEqual({ ok: true, value: { stored: manifest.evidence.length, existed: 0 } });
      for (const f of files) expect(await bridge.store.has(f.sha256)).toBe(true);
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: '3f2b8c1e-8d4a-4c3b-9a1e-2b7c5d6e7f80', files: [], confirmedExporter: null })).toMatchObject({ ok: false, error: { code: 'not-found' } });

      // With the exporter in the keyring from the start, no confirmation is asked.
      bridge.answerImportDialog(zipPath);
      const known = valueOf<Extract<BundleInspection, { status: 'inspected' }>>(
        await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: [{ fingerprint: sample.keys.fingerprint, publicKey: sample.keys.publicKeyRaw, name: 'Dana Whitfield', role: 'IT Manager', source: 'keyring' }] }),
      );
      expect(known.report.verdict).toBe('pass');
      expect(await bridge.dispatch('bundle:import-files', APP_SENDER, { token: known.token, files, confirmedExporter: null })).toMatchObject({ ok: true });
    } finally {
      await rm(bridge.store.root, { recursive: true, force: true });
    }
  });
});
