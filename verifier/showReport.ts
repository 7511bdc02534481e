import { nameOfTrusted } from '../shared/trust/keyring';
import { VERDICT_WORDS, type VerifyReport } from '../shared/verify/report';
import { el } from './dom';

/**
 * Shows the core's report: the verdict, the facts, who signed (names only from the keys the
 * auditor gave), and every check with its problems and notes. All text through textContent.
 */
const STATUS_WORDS = { pass: 'PASS', fail: 'FAIL', unconfirmed: 'WARN', note: 'NOTE' } as const;

const VERDICT_TEXT = {
  pass: 'The bag is intact, every signature verifies, and every signer is a key you gave.',
  unconfirmed:
    'The bag is intact and its signatures verify, but a signing key is not one you gave. A valid signature by an unknown key proves nothing: anyone can re-hash and re-sign a bag. Compare the fingerprints below with their owners, then enter them above.',
  fail: 'Problems found: this bag is not exactly as it was exported. Each one is named below.',
} as const;

function factRow(list: HTMLElement, label: string, value: string | number | null, mono = false): void {
  if (value === null || value === '') return;
  const row = el('div');
  row.appendChild(el('dt', '', label));
  row.appendChild(el('dd', mono ? 'mono' : '', value));
  list.appendChild(row);
}

export function showReport(result: HTMLElement, report: VerifyReport, fileCount: number): void {
  result.replaceChildren();
  const verdict = el('div', `verdict verdict-${report.verdict}`);
  verdict.setAttribute('role', 'status');
  verdict.appendChild(el('strong', 'verdict-word', VERDICT_WORDS[report.verdict]));
  verdict.appendChild(el('span', 'verdict-text', report.verdict === 'fail' ? `${report.problems.length} problem(s) found: ${VERDICT_TEXT.fail}` : VERDICT_TEXT[report.verdict]));
  result.appendChild(verdict);

  const f = report.facts;
  const facts = el('dl', 'facts');
  factRow(facts, 'Bag folder', f.bagName);
  factRow(facts, 'Audit', f.audit);
  factRow(facts, 'Organization', f.organization);
  factRow(facts, 'Exported', f.generatedAt);
  factRow(facts, 'Partial bundle', f.partial);
  factRow(facts, 'Trail head', f.logHead ? `entry ${f.logHead.seq}, ${f.logHead.hash}` : null, true);
  factRow(facts, 'Files checked', fileCount);
  factRow(facts, 'Checked at', new Date().toISOString());
  factRow(facts, 'Browser', navigator.userAgent);
  result.appendChild(facts);

  if (report.signers.length > 0) {
    result.appendChild(el('h2', '', 'Who signed'));
    const list = el('ul', 'signers');
    for (const s of report.signers) {
      const item = el('li', s.trustedAs ? 'signer signer-confirmed' : 'signer signer-unconfirmed');
      const what = [s.signed.bag ? 'the bag' : '', s.signed.countedSignoffs ? `${s.signed.countedSignoffs} decision(s)` : ''].filter(Boolean).join(' and ');
      item.appendChild(el('code', 'signer-fingerprint', s.fingerprint));
      item.appendChild(el('span', 'signer-what', ` signed ${what}: `));
      item.appendChild(el('strong', '', s.trustedAs ? `confirmed — ${nameOfTrusted(s.trustedAs) ?? 'a key you gave'}` : 'NOT CONFIRMED'));
      list.appendChild(item);
    }
    result.appendChild(list);
  }

  result.appendChild(el('h2', '', 'Checks'));
  const list = el('ol', 'checks');
  for (const check of report.checks) {
    const item = el('li', `check check-${check.status}`);
    const head = el('div', 'check-head');
    head.appendChild(el('span', 'check-status', STATUS_WORDS[check.status]));
    head.appendChild(el('h3', '', check.title));
    item.appendChild(head);
    item.appendChild(el('p', 'check-summary', check.summary));
    if (check.problems.length > 0) {
      const problems = el('ul', 'problems');
      for (const p of check.problems) problems.appendChild(el('li', '', p));
      item.appendChild(problems);
    }
    if (check.notes.length > 0) {
      const notes = el('ul', 'notes');
      for (const n of check.notes) notes.appendChild(el('li', '', n));
      item.appendChild(notes);
    }
    list.appendChild(item);
  }
  result.appendChild(list);
  result.hidden = false;
}
