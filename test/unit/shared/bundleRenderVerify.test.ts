import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script, runInThisContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERIFY_CORE_JS } from '../../../shared/bundle/render/verifyCore';
import { VERIFY_SCRIPT, renderVerifyHtml, verifyCsp } from '../../../shared/bundle/render/verifyHtml';
import { pickedFolderEntries, writeMiniBag, type BagEntry, type MiniBag } from '../../support/miniBag';

interface Check {
  readonly title: string;
  readonly status: 'pass' | 'fail' | 'note';
  readonly summary: string;
  readonly problems: readonly string[];
}
interface Report {
  readonly verdict: 'pass' | 'fail';
  readonly problemCount: number;
  readonly checks: readonly Check[];
  readonly facts: Record<string, unknown>;
}
interface Core {
  readonly verifyBag: (entries: readonly BagEntry[]) => Promise<Report>;
  readonly canonicalJson: (value: unknown) => string;
}

/** The page's own checking code, run as it is shipped: the same WebCrypto exists in Node. */
const core = runInThisContext(`(function () {${VERIFY_CORE_JS}\nreturn { verifyBag: verifyBag, canonicalJson: canonicalJson };\n})`) as () => Core;
const { verifyBag, canonicalJson } = core();

describe('VERIFY.html as a file', () => {
  it('carries one inline script that parses, and whose hash is the only script the CSP allows', () => {
    const html = renderVerifyHtml();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toBe(VERIFY_SCRIPT);
    expect(() => new Script(VERIFY_SCRIPT)).not.toThrow();
    const hash = createHash('sha256').update(VERIFY_SCRIPT).digest('base64');
    expect(verifyCsp()).toBe(`default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${verifyCsp()}">`);
  });

  it('never writes markup from data and never reaches a network', () => {
    expect(VERIFY_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|fetch\(|XMLHttpRequest|WebSocket|sendBeacon/);
    expect(VERIFY_SCRIPT).not.toMatch(/<\/script|<!--/i);
  });

  it('offers a folder picker and is the same bytes for every bag', () => {
    expect(renderVerifyHtml()).toMatch(/<input id="folder" type="file" webkitdirectory multiple>/);
    expect(renderVerifyHtml()).toBe(renderVerifyHtml());
  });
});

describe('the page\'s RFC 8785 serializer', () => {
  it('matches the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it.each([
    [{ '\u20ac': 1, '\r': 2, '1': 3, a: 4, A: 5, '😀': 6, 'ö': 7, '\ufb33': 8, '': 9 }],
    [{ nested: { z: [1, { y: 'x', b: null }], a: true }, n: [-0, 1e21, 1e-7, 0.1 + 0.2, 5e-324, -1.5e300] }],
    [{ text: 'line\u2028sep\u0000nul\u001f"\\</script>', emoji: '👩‍💻', arabic: 'مراجعة' }],
    [[]],
    [{}],
  ])('gives the same text as the library that signed: %j', (value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });
});

describe('verifyBag on a bag folder', () => {
  let parent: string;
  let bag: MiniBag;
  const at = (...path: string[]): string => join(bag.bagDir, ...path);
  const verify = async (folder = bag.bagDir): Promise<Report> => verifyBag(await pickedFolderEntries(folder));
  const checkOf = (report: Report, title: string): Check => {
    const check = report.checks.find((c) => c.title === title);
    if (!check) throw new Error(`no check "${title}" in ${report.checks.map((c) => c.title).join(', ')}`);
    return check;
  };
  const failed = (report: Report): string[] => report.checks.filter((c) => c.status === 'fail').map((c) => c.title);

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'verify-unit-'));
    bag = await writeMiniBag(parent);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('passes an intact bag, every check passing, with the facts an auditor compares', async () => {
    const report = await verify();
    expect(report.verdict).toBe('pass');
    expect(report.checks.map((c) => [c.title, c.status])).toEqual([
      ['Bag folder', 'pass'],
      ['bagit.txt', 'pass'],
      ['Payload files', 'pass'],
      ['No unlisted files in data/', 'pass'],
      ['Payload-Oxum', 'pass'],
      ['Tag files', 'pass'],
      ['manifest.json matches the files', 'pass'],
      ['Bag signature', 'pass'],
      ['Sign-offs', 'pass'],
      ['Audit trail', 'pass'],
    ]);
    expect(report.facts).toMatchObject({ bagName: bag.content.bagName, audit: 'SOC 2 Type II 2026', signingKey: bag.exporterFingerprint, signer: 'Alice Collector, IT Administrator', logEntries: 4 });
  });

  it('finds the bag when given the folder above it', async () => {
    const report = await verify(parent);
    expect(report.verdict).toBe('pass');
    expect(checkOf(report, 'Bag folder').summary).toMatch(new RegExp(`^Found bagit.txt in "${bag.content.bagName}" with 12 files\\.`));
  });

  it('refuses a folder that holds two bags, or none', async () => {
    await cp(bag.bagDir, join(parent, 'copy-of-bag'), { recursive: true });
    const two = await verify(parent);
    expect(two.verdict).toBe('fail');
    expect(checkOf(two, 'Bag folder').summary).toMatch(/^The chosen folder holds 2 bags/);

    await rm(at('bagit.txt'));
    const none = await verify(bag.bagDir);
    expect(none.verdict).toBe('fail');
    expect(checkOf(none, 'Bag folder').summary).toMatch(/^No bagit.txt in the chosen folder/);
  });

  it('ignores files an operating system adds, and says so', async () => {
    await writeFile(at('.DS_Store'), 'x');
    await writeFile(at('data', 'evidence', 'Thumbs.db'), 'x');
    const report = await verify();
    expect(report.verdict).toBe('pass');
    expect(checkOf(report, 'Operating-system files')).toMatchObject({ status: 'note', problems: ['.DS_Store', 'data/evidence/Thumbs.db'] });
  });

  it('names an altered evidence file, and only that', async () => {
    const path = bag.evidencePaths[0]!;
    const bytes = await readFile(at(...path.split('/')));
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(at(...path.split('/')), bytes);
    const report = await verify();
    expect(failed(report)).toEqual(['Payload files']);
    expect(checkOf(report, 'Payload files').problems).toEqual([expect.stringMatching(new RegExp(`^altered: ${path} \\(listed SHA-256 [0-9a-f]{12}\\.\\.\\., file has [0-9a-f]{12}\\.\\.\\.\\)$`))]);
  });

  it('names a missing file, which also breaks the Payload-Oxum', async () => {
    await rm(at(...bag.evidencePaths[1]!.split('/')));
    const report = await verify();
    expect(failed(report)).toEqual(['Payload files', 'Payload-Oxum']);
    expect(checkOf(report, 'Payload files').problems).toEqual([`missing: ${bag.evidencePaths[1]!}`]);
  });

  it('names a file added to data/', async () => {
    await writeFile(at('data', 'evidence', 'later.txt'), 'added later');
    const report = await verify();
    expect(failed(report)).toEqual(['No unlisted files in data/', 'Payload-Oxum']);
    expect(checkOf(report, 'No unlisted files in data/').problems).toEqual(['not listed in manifest-sha256.txt: data/evidence/later.txt']);
  });

  it('names a tag file added beside the manifests', async () => {
    await writeFile(at('notes.txt'), 'hello');
    const report = await verify();
    expect(checkOf(report, 'Tag files').problems).toEqual(['not listed in any manifest: notes.txt']);
  });

  it('fails a Payload-Oxum that does not add up, naming both', async () => {
    const info = await readFile(at('bag-info.txt'), 'utf8');
    await writeFile(at('bag-info.txt'), info.replace(/Payload-Oxum: \d+\.7/, 'Payload-Oxum: 1.7'));
    const report = await verify();
    expect(checkOf(report, 'Payload-Oxum').problems).toEqual([expect.stringMatching(/^Payload-Oxum 1\.7 does not match \d+ bytes in 7 files$/)]);
    expect(checkOf(report, 'Tag files').problems).toEqual([expect.stringMatching(/^altered: bag-info\.txt/)]);
  });

  it('fails a replaced signature, a missing signature and a PEM of another key', async () => {
    const original = JSON.parse(await readFile(at('signature.json'), 'utf8')) as Record<string, string>;
    await writeFile(at('signature.json'), JSON.stringify({ ...original, signature: Buffer.alloc(64, 1).toString('base64') }));
    expect(checkOf(await verify(), 'Bag signature').problems).toEqual(['signature.json: the signature does not verify over tagmanifest-sha256.txt']);

    const { generateKeyPairSync } = await import('node:crypto');
    const otherPem = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    await writeFile(at('signature.json'), JSON.stringify({ ...original, publicKeyPem: otherPem, keyFingerprint: 'ffff '.repeat(15) + 'ffff' }));
    expect(checkOf(await verify(), 'Bag signature').problems).toEqual([
      expect.stringMatching(/^signature\.json: keyFingerprint "ffff .*" is not the fingerprint of its publicKey/),
      'signature.json: publicKeyPem is a different key than publicKey',
    ]);

    await rm(at('signature.json'));
    expect(checkOf(await verify(), 'Bag signature').problems).toEqual(['missing: signature.json']);
  });

  it('catches re-hashed manifests through the tag manifest, and a re-signed bag by its new key', async () => {
    // An attacker who rewrites manifest.json and re-hashes manifest-sha256.txt...
    const manifestPath = at('data', 'manifest.json');
    await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('Full export, Q1 close.', 'Full export, Q2 close.'));
    const rehash = async (list: string, file: string): Promise<void> => {
      const sha = createHash('sha256').update(await readFile(at(...file.split('/')))).digest('hex');
      const text = await readFile(at(list), 'utf8');
      await writeFile(at(list), text.replace(new RegExp(`^[0-9a-f]{64}  ${file.replace(/\./g, '\\.')}$`, 'm'), `${sha}  ${file}`));
    };
    await rehash('manifest-sha256.txt', 'data/manifest.json');
    let report = await verify();
    expect(failed(report)).toEqual(['Tag files']);

    // ...and the tag manifest too, then signs with a key of their own: the signature still
    // verifies, but under another fingerprint, which is what the auditor compares.
    await rehash('tagmanifest-sha256.txt', 'manifest-sha256.txt');
    const { generateKeyPairSync, sign } = await import('node:crypto');
    const keys = generateKeyPairSync('ed25519');
    const raw = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    const fingerprint = (createHash('sha256').update(raw).digest('hex').match(/.{4}/g) ?? []).join(' ');
    await writeFile(
      at('signature.json'),
      JSON.stringify({
        algorithm: 'Ed25519',
        signedFile: 'tagmanifest-sha256.txt',
        signature: sign(null, await readFile(at('tagmanifest-sha256.txt')), keys.privateKey).toString('base64'),
        publicKey: raw.toString('base64'),
        publicKeyPem: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
        keyFingerprint: fingerprint,
      }),
    );
    report = await verify();
    expect(report.verdict).toBe('pass');
    expect(report.facts['signingKey']).toBe(fingerprint);
    expect(report.facts['signingKey']).not.toBe(bag.exporterFingerprint);
    expect(report.facts['signer']).toBeNull();
  });

  it('names a sign-off changed after signing and one whose hash is not the file\'s', async () => {
    const manifestPath = at('data', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { signoffs: { payload: Record<string, unknown> }[] };
    const signed = manifest.signoffs[0]!;
    manifest.signoffs.push({ ...signed, id: 'so-2', payload: { ...signed.payload, evidenceSha256: 'ab'.repeat(32) } } as (typeof manifest.signoffs)[number]);
    signed.payload['comment'] = 'Changed later';
    await writeFile(manifestPath, JSON.stringify(manifest));
    const problems = checkOf(await verify(), 'Sign-offs').problems;
    expect(problems).toEqual([
      `sign-off so-1 (${bag.evidencePaths[0]!}): the signature does not verify (the sign-off was changed after signing, or signed by another key)`,
      expect.stringMatching(new RegExp(`^sign-off so-2 \\(${bag.evidencePaths[0]!}\\): it approved SHA-256 abababababab\\.\\.\\. but the file is listed with`)),
      `sign-off so-2 (${bag.evidencePaths[0]!}): the signature does not verify (the sign-off was changed after signing, or signed by another key)`,
    ]);
  });

  it('names the entry of an edited, a removed and a reordered audit-trail line', async () => {
    const logPath = at('data', 'audit-log.jsonl');
    const lines = (await readFile(logPath, 'utf8')).trimEnd().split('\n');
    const edited = JSON.stringify({ ...(JSON.parse(lines[1]!) as object), actor: 'mallory' });
    await writeFile(logPath, `${[lines[0], edited, lines[3]].join('\n')}\n`);
    expect(checkOf(await verify(), 'Audit trail').problems).toEqual([
      'entry 2 (line 2): hash does not match its content (edited after it was written)',
      'entry 4 (line 3): expected entry 3 here (an entry is missing or out of order)',
      'entry 4 (line 3): prevHash does not match the hash of the entry before it',
    ]);
  });
});
