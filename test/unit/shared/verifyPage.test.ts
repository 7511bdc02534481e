import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildVerifierScript, generatedModuleText, GENERATED_MODULE } from '../../../scripts/verifierBuild';
import { MANUAL_COMMANDS, VERIFY_SCRIPT, renderVerifyHtml, verifyCsp } from '../../../shared/bundle/render/verifyHtml';
import { verifyBag } from '../../../shared/verify/core';
import type { VerifyReport } from '../../../shared/verify/report';
import { folderSource } from '../../../verifier/folderSource';
import { pickedFiles } from '../../support/corpus';
import { writeMiniBag, type MiniBag } from '../../support/miniBag';

/**
 * data/VERIFY.html: one page, the same bytes in every bag, whose only script is the current
 * build of verifier/ and the shared verification core (no hand-written copy that could drift).
 */
describe('VERIFY.html as a file', () => {
  it('embeds exactly the current build of the verifier: rebuilding gives the same script, and the generated module is up to date', async () => {
    const built = await buildVerifierScript();
    expect(VERIFY_SCRIPT).toBe(built);
    expect(await readFile(GENERATED_MODULE, 'utf8')).toBe(generatedModuleText(built));
  }, 60_000);

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

  it('asks for the expected signer before the folder, warns to use a trusted copy, and is the same bytes for every bag', () => {
    const html = renderVerifyHtml();
    expect(html.indexOf('id="fingerprints"')).toBeLessThan(html.indexOf('id="folder"'));
    expect(html).toMatch(/<input id="keycards" type="file" accept="\.html,\.json" multiple aria-label="Key cards">/);
    expect(html).toMatch(/<input id="folder" type="file" webkitdirectory multiple>/);
    expect(html).toContain('evidence-locker verifier-html my-verify.html');
    expect(renderVerifyHtml()).toBe(html);
  });

  it('tells the auditor to check that the PEM that verified is the key they were given', () => {
    expect(MANUAL_COMMANDS).toContain('openssl pkey -pubin -in exporter-key.pem -outform DER | tail -c 32 | sha256sum');
  });
});

describe('the core over a picked folder (what VERIFY.html runs)', () => {
  let parent: string;
  let bag: MiniBag;
  const verify = async (folder = bag.bagDir): Promise<VerifyReport> => (await verifyBag(folderSource(await pickedFiles(folder)))).report;
  const layout = (report: VerifyReport) => report.checks.find((c) => c.id === 'layout')!;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'verify-unit-'));
    bag = await writeMiniBag(parent);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('finds the bag when given the folder above it, and calls it sound but unconfirmed without a trusted key', async () => {
    const report = await verify(parent);
    expect(report.verdict).toBe('unconfirmed');
    expect(report.problems).toEqual([]);
    expect(layout(report).summary).toBe(`Found bagit.txt in "${bag.content.bagName}" with 12 files.`);
  });

  it('refuses a folder that holds two bags, or none', async () => {
    await cp(bag.bagDir, join(parent, 'copy-of-bag'), { recursive: true });
    const two = await verify(parent);
    expect(two.verdict).toBe('fail');
    expect(layout(two).summary).toMatch(/^The chosen folder holds 2 bags/);
    await rm(join(bag.bagDir, 'bagit.txt'));
    const none = await verify(bag.bagDir);
    expect(layout(none).summary).toMatch(/^No bagit.txt in the chosen folder/);
  });

  it('ignores files an operating system adds to a folder, and says so', async () => {
    await writeFile(join(bag.bagDir, '.DS_Store'), 'x');
    await writeFile(join(bag.bagDir, 'data', 'evidence', 'Thumbs.db'), 'x');
    const report = await verify();
    expect(report.verdict).toBe('unconfirmed');
    expect(layout(report).notes).toEqual(['Ignored 2 files that operating systems add to folders by themselves: .DS_Store, data/evidence/Thumbs.db']);
  });
});
