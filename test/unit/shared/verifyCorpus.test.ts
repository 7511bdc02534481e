import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { verifyBag } from '../../../shared/verify/core';
import type { Check, VerifyReport } from '../../../shared/verify/report';
import { folderSource } from '../../../verifier/folderSource';
import { APP_SENDER, createBridgeHarness, valueOf, type BridgeHarness } from '../../support/bridgeHarness';
import { CORPUS, buildCorpus, pickedFiles, type Corpus } from '../../support/corpus';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { BundleInspection } from '../../../shared/bridge/contract';
import { rm } from 'node:fs/promises';

/**
 * The one verifier over the corpus (issue #11 §1): each tampered or hostile bundle gets the
 * verdict listed, with the problem named, and the CLI, the import gate and the core over the
 * unzipped folder (what VERIFY.html runs; the page itself is driven in test/e2e/verifyAgree.spec.ts)
 * agree on every check, message and verdict.
 */
let corpus: Corpus;
let bridge: BridgeHarness;

beforeAll(async () => {
  corpus = await buildCorpus();
  bridge = await createBridgeHarness(APP_ORIGIN);
}, 120_000);

afterAll(async () => {
  await corpus.cleanup();
  await rm(bridge.store.root, { recursive: true, force: true });
});

/** What must agree: every check but the CLI's own note on the bag's VERIFY.html. */
const comparable = (report: Pick<VerifyReport, 'verdict' | 'checks'>): { verdict: string; checks: Pick<Check, 'id' | 'title' | 'status' | 'summary' | 'problems'>[] } => ({
  verdict: report.verdict,
  checks: report.checks.filter((c) => c.id !== 'verifier-page').map(({ id, title, status, summary, problems }) => ({ id, title, status, summary, problems })),
});

async function cli(zip: string, trustArgs: readonly string[]): Promise<{ code: number; report: VerifyReport; text: string }> {
  const out: string[] = [];
  const sink = { write: (t: string) => void out.push(t) };
  const code = await main(['verify', zip, '--json', ...trustArgs], sink, sink);
  const report = JSON.parse(out.join('')) as VerifyReport & { exitCode: number };
  const textOut: string[] = [];
  await main(['verify', zip, ...trustArgs], { write: (t) => void textOut.push(t) }, { write: () => {} });
  return { code, report, text: textOut.join('') };
}

describe('the corpus of tampered and hostile bundles', () => {
  it('has at least 30 cases, every one the issue names among them', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter((c) => /re-signed/.test(c.name)).length).toBeGreaterThanOrEqual(15);
  });

  for (const [index, c] of CORPUS.entries()) {
    it(`${c.name}: ${c.verdict.toUpperCase()} from the CLI, the import gate and the core over the folder alike`, async () => {
      const built = corpus.cases[index]!;
      const fromCli = await cli(built.zipPath, built.trustArgs);
      expect(fromCli.report.verdict).toBe(c.verdict);
      expect(fromCli.code).toBe({ pass: 0, fail: 1, unconfirmed: 3 }[c.verdict]);
      if (c.problem) expect(fromCli.report.problems).toEqual(expect.arrayContaining([expect.stringMatching(c.problem)]));
      if (c.verdict === 'unconfirmed') expect(fromCli.report.signers.some((s) => s.trustedAs === null)).toBe(true);
      if (c.verdict !== 'fail') expect(fromCli.report.problems).toEqual([]);
      // Nothing from the bag reaches the terminal raw: no escape, control or bidi character.
      expect([...fromCli.text].filter((ch) => ch !== '\n' && /[\p{Cc}\p{Cf}]/u.test(ch))).toEqual([]);

      bridge.answerImportDialog(built.zipPath);
      const inspected = valueOf<Extract<BundleInspection, { status: 'inspected' }>>(await bridge.dispatch('bundle:inspect', APP_SENDER, { trusted: built.trusted }));
      expect(comparable(inspected.report)).toEqual(comparable(fromCli.report));

      if (built.bagDir) {
        const { report } = await verifyBag(folderSource(await pickedFiles(built.bagDir)), { trusted: built.trusted });
        expect(comparable(report)).toEqual(comparable(fromCli.report));
      }
    });
  }
});
