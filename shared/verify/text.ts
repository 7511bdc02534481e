import { visibleName } from '../files/visibleName';
import { nameOfTrusted } from '../trust/keyring';
import { EXIT_CODES, VERDICT_WORDS, type VerifyReport } from './report';

/**
 * The report as plain text for a terminal or a file an auditor keeps. Every line passes through
 * visibleName once more, so nothing from the bag (or from a file name the auditor typed) can
 * reach the terminal as a control or bidi character: no escape sequence can clear the screen
 * and paint a fake verdict.
 */
const STATUS_WORDS = { pass: 'PASS', fail: 'FAIL', unconfirmed: 'WARN', note: 'NOTE' } as const;

export function formatReportText(report: VerifyReport, label: string): string {
  const f = report.facts;
  const lines: string[] = [`Evidence Locker bundle: ${label}`, `Bag: ${f.bagName ?? '(none)'}`];
  if (f.audit) lines.push(`Audit: ${f.audit}${f.organization ? ` · ${f.organization}` : ''}`);
  if (f.generatedAt) lines.push(`Exported: ${f.generatedAt}`);
  if (f.partial) lines.push(`Partial bundle: ${f.partial}`);
  lines.push('');
  for (const c of report.checks) {
    lines.push(`${STATUS_WORDS[c.status].padEnd(4)}  ${c.title}: ${c.summary}`);
    for (const p of c.problems) lines.push(`        - ${p}`);
    for (const n of c.notes) lines.push(`        · ${n}`);
  }
  lines.push('');
  if (report.signers.length > 0) {
    lines.push('Signers (names only from the keys you trusted, never from the bag):');
    for (const s of report.signers) {
      const what = [s.signed.bag ? 'the bag' : '', s.signed.countedSignoffs ? `${s.signed.countedSignoffs} decision(s)` : ''].filter(Boolean).join(', ');
      const who = s.trustedAs ? `confirmed: ${nameOfTrusted(s.trustedAs) ?? 'trusted key'} (${s.trustedAs.source})` : 'NOT CONFIRMED';
      lines.push(`  ${s.fingerprint}  ${what}  ${who}`);
    }
    lines.push('');
  }
  if (report.verdict === 'pass') lines.push(`RESULT: ${VERDICT_WORDS.pass} — every file, signature and log entry verifies, and every signer is a key you trust.`);
  else if (report.verdict === 'unconfirmed') {
    lines.push(`RESULT: ${VERDICT_WORDS.unconfirmed} — the bag is intact and its signatures verify, but a signing key is not one you confirmed.`);
    lines.push('Compare each fingerprint marked NOT CONFIRMED with its owner (by phone or in person, or against their key card),');
    lines.push('then run again with --trust <fingerprint> or --trust <key card> for each. A valid signature by an unknown key proves nothing.');
  } else lines.push(`RESULT: ${VERDICT_WORDS.fail} — ${report.problems.length} problem(s).`);
  lines.push(`Exit code ${EXIT_CODES[report.verdict]}.`);
  return `${lines.map((l) => visibleName(l)).join('\n')}\n`;
}
