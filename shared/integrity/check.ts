import { SHA256_HEX, type BlobCheck } from '../bridge/contract';
import type { ControlRecord, EvidenceRecord, LogEntry } from '../domain/records';
import { verifyChainInSlices, type ChainCheck } from '../log/chain';
import { inSlices } from '../work/inSlices';
import { latestFirst } from '../review/reviewState';
import { verifySignoff, type SignoffRecord } from '../signing/signoff';
import { formatBytes, formatUtc } from '../time/format';
import { explainChainBreak } from './logView';
import { compareNumeric, compareText } from '../text/compare';
import { isPurged } from '../evidence/withdrawal';
import { compareRowsWithTrail, expectedEvidenceFromTrail, isWithdrawnSnapshot, missingSignoffs, rowsMissingFromDatabase, type TrailProblem } from './trail';

/**
 * The on-demand integrity check (issue #5, DESIGN.md §2 and §4): every stored file re-hashed,
 * every sign-off verified, the log chain walked, and the evidence rows replayed against the
 * trail. Results are listed by item, and every problem message names its item or log entry:
 * "3 problems" is useless to an auditor without "which ones".
 */

export type CheckStatus = 'pass' | 'fail' | 'none';

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** For a pass, what was confirmed; for a failure, every problem found. */
  readonly messages: readonly string[];
}

export interface ItemReport {
  readonly evidenceId: string;
  readonly name: string;
  readonly controlRefs: readonly string[];
  /** False for an item only the audit trail remembers (its row is gone). */
  readonly inDatabase: boolean;
  readonly file: CheckOutcome;
  readonly signoffs: CheckOutcome;
  readonly trail: CheckOutcome;
  readonly ok: boolean;
}

export type AuditCheckId = 'chain' | 'files' | 'signoffs' | 'rows' | 'recorded-signoffs';

export interface AuditCheck {
  readonly id: AuditCheckId;
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface IntegrityReport {
  readonly checkedAt: string;
  readonly items: readonly ItemReport[];
  readonly auditChecks: readonly AuditCheck[];
  /** Every problem, each naming its item or log entry. */
  readonly problems: readonly string[];
  readonly summary: string;
  readonly ok: boolean;
}

export interface IntegrityInput {
  readonly evidence: readonly EvidenceRecord[];
  readonly controls: readonly Pick<ControlRecord, 'id' | 'ref'>[];
  readonly signoffs: readonly SignoffRecord[];
  readonly log: readonly LogEntry[];
  /** What the evidence store said about each hash it was asked to re-hash. */
  readonly blobs: readonly BlobCheck[];
}

interface ItemDraft {
  readonly evidenceId: string;
  readonly name: string;
  readonly controlIds: readonly string[];
  readonly sha256: string | null;
  readonly size: number | null;
  readonly row: EvidenceRecord | undefined;
  readonly fileProblems: string[];
  readonly signoffProblems: string[];
  readonly trailProblems: string[];
  fileNote: string;
  signoffNote: string;
}

/** One formatter: Number#toLocaleString makes its own per call, and a check words 10,000 items (issue #12). */
const COUNT = new Intl.NumberFormat('en-US');

function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The hashes to re-hash: every row's, plus the trail's for a row that vanished (its bytes may
 * still be there, and the auditor wants to know). Malformed hashes are left out: the bridge
 * would refuse the whole call, and the item reports them itself.
 */
export function hashesToVerify(evidence: readonly (Pick<EvidenceRecord, 'id' | 'sha256'> & Partial<Pick<EvidenceRecord, 'original' | 'withdrawal'>>)[], log: readonly LogEntry[]): string[] {
  const hashes = new Set<string>();
  const ids = new Set<string>();
  for (const item of evidence) {
    ids.add(item.id);
    // Purged after a withdrawal: its bytes are meant to be gone (another item sharing them asks for them itself).
    if (isPurged(item)) continue;
    if (SHA256_HEX.test(item.sha256)) hashes.add(item.sha256);
    // A kept raw capture is evidence too: the stamped image says it was made from it.
    if (item.original?.stored && SHA256_HEX.test(item.original.sha256)) hashes.add(item.original.sha256);
  }
  for (const [id, snapshot] of expectedEvidenceFromTrail(log)) {
    const sha = asString(snapshot['sha256']);
    if (!ids.has(id) && !isWithdrawnSnapshot(snapshot) && sha !== null && SHA256_HEX.test(sha)) hashes.add(sha);
  }
  return [...hashes];
}

function signoffLabel(s: SignoffRecord): string {
  const p = s.payload as Partial<SignoffRecord['payload']> | undefined;
  const decision = asString(p?.decision) ?? 'decision';
  const who = asString(p?.reviewer?.name) ?? 'unknown reviewer';
  const at = asString(p?.at);
  return `sign-off (${decision} by ${who}${at ? `, ${formatUtc(at)}` : ''})`;
}

function checkFile(item: ItemDraft, blobs: ReadonlyMap<string, BlobCheck>): void {
  const name = `"${item.name}"`;
  if (item.row && isPurged(item.row)) {
    item.fileNote = 'Withdrawn, and its stored bytes purged (recorded in the trail): nothing to re-hash';
    return;
  }
  if (item.sha256 === null) {
    item.fileNote = 'No recorded hash to check';
    return;
  }
  if (!SHA256_HEX.test(item.sha256)) {
    item.fileProblems.push(`${name}: the recorded SHA-256 ${JSON.stringify(item.sha256.slice(0, 80))} is not a valid hash, so its file cannot be checked`);
    return;
  }
  const blob = blobs.get(item.sha256);
  if (!blob) {
    item.fileProblems.push(`${name}: the evidence store did not report on its file`);
  } else if (blob.status === 'missing') {
    item.fileProblems.push(`${name}: the stored file is missing (SHA-256 ${item.sha256.slice(0, 12)}…)`);
  } else if (blob.status === 'altered') {
    item.fileProblems.push(`${name}: the stored file was altered — its bytes no longer hash to ${item.sha256.slice(0, 12)}…`);
  } else if (item.size !== null && blob.size !== null && blob.size !== item.size) {
    item.fileProblems.push(`${name}: the stored file has ${plural(blob.size, 'byte')} but the record says ${plural(item.size, 'byte')}`);
  } else {
    item.fileNote = `Re-hashed: matches its SHA-256${blob.size === null ? '' : ` (${formatBytes(blob.size)})`}`;
  }
  const original = item.row?.original;
  if (original?.stored) {
    const raw = blobs.get(original.sha256);
    if (!raw || raw.status === 'missing') {
      item.fileProblems.push(`${name}: the raw capture kept beside it is missing (SHA-256 ${original.sha256.slice(0, 12)}…)`);
    } else if (raw.status === 'altered') {
      item.fileProblems.push(`${name}: the raw capture kept beside it was altered — its bytes no longer hash to ${original.sha256.slice(0, 12)}…`);
    } else if (item.fileProblems.length === 0) {
      item.fileNote += '; the raw capture kept beside it matches too';
    }
  }
}

async function checkSignoffs(item: ItemDraft, signoffs: readonly SignoffRecord[]): Promise<number> {
  let valid = 0;
  for (const signoff of [...signoffs].sort(latestFirst)) {
    const validity = await verifySignoff(signoff, item.row);
    if (validity.valid) valid += 1;
    else item.signoffProblems.push(`"${item.name}": ${signoffLabel(signoff)} is invalid — ${validity.reason}`);
  }
  const latest = [...signoffs].sort(latestFirst)[0];
  if (latest && valid === signoffs.length) {
    item.signoffNote = `${plural(valid, 'signature')} ${valid === 1 ? 'verifies' : 'verify'}; latest: ${latest.payload.decision} by ${latest.payload.reviewer.name}`;
  }
  return valid;
}

function outcome(problems: readonly string[], note: string): CheckOutcome {
  if (problems.length > 0) return { status: 'fail', messages: problems };
  return note === '' ? { status: 'none', messages: [] } : { status: 'pass', messages: [note] };
}

/** Where a long check is, for a progress bar: items (or entries) done of the phase's total. */
export interface IntegrityStep {
  readonly phase: 'signoffs' | 'rows' | 'chain';
  readonly done: number;
  readonly total: number;
}

export interface IntegrityOptions {
  /**
   * Awaited between slices of the work (a few hundred items or entries each), so that checking
   * 10,000 items never blocks the window for long (issue #12). No pause by default.
   */
  readonly pause?: () => Promise<void>;
  readonly onProgress?: (step: IntegrityStep) => void;
  /**
   * The trail's chain verdict when the caller has it checked elsewhere (the renderer hashes the
   * chain in a worker while main re-hashes the files); else the chain is walked here, in slices.
   */
  readonly chain?: Promise<ChainCheck>;
}

export async function buildIntegrityReport(input: IntegrityInput, now: Date = new Date(), options: IntegrityOptions = {}): Promise<IntegrityReport> {
  const pause = options.pause ?? (async () => {});
  const onProgress = options.onProgress ?? (() => {});
  const refOf = new Map(input.controls.map((c) => [c.id, c.ref]));
  const blobs = new Map(input.blobs.map((b) => [b.sha256, b]));
  const expected = expectedEvidenceFromTrail(input.log);
  const drafts = new Map<string, ItemDraft>();

  const draft = (evidenceId: string, row: EvidenceRecord | undefined): ItemDraft => {
    const existing = drafts.get(evidenceId);
    if (existing) return existing;
    const snapshot = expected.get(evidenceId);
    const snapshotIds = snapshot?.['controlIds'];
    const created: ItemDraft = {
      evidenceId,
      row,
      name: row?.name ?? asString(snapshot?.['name']) ?? `unknown item ${evidenceId.slice(0, 8)}`,
      controlIds: row?.controlIds ?? (Array.isArray(snapshotIds) ? snapshotIds.filter((id): id is string => typeof id === 'string') : []),
      sha256: row?.sha256 ?? asString(snapshot?.['sha256']),
      size: row ? row.size : typeof snapshot?.['size'] === 'number' ? snapshot['size'] : null,
      fileProblems: [],
      signoffProblems: [],
      trailProblems: [],
      fileNote: '',
      signoffNote: '',
    };
    drafts.set(evidenceId, created);
    return created;
  };

  // Replaying the trail alone is ~20 ms at 10,000 items (more on a slow machine): the window gets a turn after it.
  await pause();
  await inSlices(input.evidence, pause, (row) => draft(row.id, row));
  // An item the trail withdrew need not be here (no bundle carries it): only the rows held are checked.
  for (const [id, snapshot] of expected) if (!isWithdrawnSnapshot(snapshot)) draft(id, undefined);
  const held = new Set(input.evidence.map((row) => row.id));
  const byEvidence = new Map<string, SignoffRecord[]>();
  for (const s of input.signoffs) {
    draft(s.evidenceId, undefined);
    const list = byEvidence.get(s.evidenceId);
    if (list) list.push(s);
    else byEvidence.set(s.evidenceId, [s]);
  }
  await pause();

  // (a) files
  await inSlices([...drafts.values()], pause, (item) => checkFile(item, blobs));

  // (b) sign-offs: the signatures of a slice of items verified concurrently, then a pause.
  let validSignoffs = 0;
  const all = [...drafts.values()];
  let running: Promise<number>[] = [];
  const settle = async (): Promise<void> => {
    validSignoffs += (await Promise.all(running)).reduce((n, v) => n + v, 0);
    running = [];
  };
  await inSlices(
    all,
    async () => {
      await settle();
      await pause();
    },
    (item) => running.push(checkSignoffs(item, byEvidence.get(item.evidenceId) ?? [])),
    (done) => onProgress({ phase: 'signoffs', done, total: all.length }),
  );
  await settle();
  await pause();

  // (d) rows against the trail, and sign-offs the trail recorded whose rows are gone
  const otherProblems: string[] = [];
  const attach = (problems: readonly TrailProblem[], into: (item: ItemDraft) => string[]): void => {
    for (const problem of problems) {
      if (problem.target.startsWith('evidence:')) into(draft(problem.target.slice('evidence:'.length), undefined)).push(problem.message);
      else otherProblems.push(problem.message);
    }
  };
  const rowProblems: TrailProblem[] = [];
  await inSlices(
    input.evidence,
    pause,
    (row) => rowProblems.push(...compareRowsWithTrail([row], expected)),
    (done) => onProgress({ phase: 'rows', done, total: input.evidence.length }),
  );
  await pause();
  rowProblems.push(...rowsMissingFromDatabase(new Set(input.evidence.map((item) => item.id)), expected));
  const lostSignoffs = missingSignoffs(input.log, new Set(input.signoffs.map((s) => s.id)), held);
  attach(rowProblems, (item) => item.trailProblems);
  attach(lostSignoffs, (item) => item.signoffProblems);

  // (c) the chain
  const chain = options.chain ? await options.chain : await verifyChainInSlices(input.log, pause, {
    // ~0.1 ms an entry (canonical JSON and SHA-256) on a busy machine: 100 keeps each slice near inSlices' 8 ms.
    slice: 100,
    onProgress: (done) => onProgress({ phase: 'chain', done, total: input.log.length }),
  });
  const last = input.log.at(-1);
  const chainProblem = chain.ok ? null : `Audit trail: chain broken at entry ${chain.seq} — ${explainChainBreak(chain)}`;

  const items: ItemReport[] = [];
  await inSlices([...drafts.values()], pause, (d) => {
    const file = outcome(d.fileProblems, d.fileNote);
    const signoffs = outcome(d.signoffProblems, d.signoffNote);
    const trail = outcome(d.trailProblems, d.row ? 'Row matches the audit trail' : '');
    items.push({
      evidenceId: d.evidenceId,
      name: d.name,
      controlRefs: d.controlIds.map((id) => refOf.get(id) ?? id.slice(0, 8)).sort(compareNumeric),
      inDatabase: d.row !== undefined,
      file,
      signoffs,
      trail,
      ok: file.status !== 'fail' && signoffs.status !== 'fail' && trail.status !== 'fail',
    });
  });
  await pause();
  items.sort((a, b) => compareNumeric(a.controlRefs[0] ?? '~', b.controlRefs[0] ?? '~') || compareText(a.name, b.name));

  await pause();
  const filesChecked = items.filter((i) => i.file.status !== 'none').length;
  const badFiles = items.filter((i) => i.file.status === 'fail').length;
  const signoffProblemCount = [...drafts.values()].reduce((n, d) => n + d.signoffProblems.length, 0) - lostSignoffs.length;
  const auditChecks: AuditCheck[] = [
    {
      id: 'chain',
      label: 'Audit trail hash chain',
      ok: chain.ok,
      detail: chain.ok
        ? `${plural(input.log.length, 'entry', 'entries')} verified${last ? `; last hash ${last.hash.slice(0, 16)}…` : ''}`
        : `Broken at entry ${chain.seq}: ${explainChainBreak(chain)}`,
    },
    {
      id: 'files',
      label: 'Stored files re-hashed',
      ok: badFiles === 0,
      detail: badFiles === 0 ? `${plural(filesChecked, 'file')} match their SHA-256` : `${badFiles} of ${plural(filesChecked, 'file')} altered, missing or unreadable`,
    },
    {
      id: 'signoffs',
      label: 'Sign-off signatures',
      ok: signoffProblemCount === 0,
      detail:
        signoffProblemCount === 0
          ? input.signoffs.length === 0
            ? 'No sign-offs yet'
            : `${plural(validSignoffs, 'sign-off')} verified`
          : `${signoffProblemCount} of ${plural(input.signoffs.length, 'sign-off')} invalid`,
    },
    {
      id: 'rows',
      label: 'Evidence rows agree with the trail',
      ok: rowProblems.length === 0 && otherProblems.length === 0,
      detail:
        rowProblems.length + otherProblems.length === 0
          ? `${plural(input.evidence.length, 'row')} match the trail's record`
          : `${plural(rowProblems.length + otherProblems.length, 'difference')} from the trail's record`,
    },
    {
      id: 'recorded-signoffs',
      label: 'Sign-offs in the trail are present',
      ok: lostSignoffs.length === 0,
      detail: lostSignoffs.length === 0 ? 'Every sign-off the trail recorded is in the database' : `${plural(lostSignoffs.length, 'sign-off')} recorded in the trail but missing`,
    },
  ];

  const failing = items.flatMap((i) => [i.file, i.signoffs, i.trail].filter((c) => c.status === 'fail').flatMap((c) => c.messages));
  const allProblems = [...(chainProblem ? [chainProblem] : []), ...failing, ...otherProblems];
  const ok = allProblems.length === 0;
  return {
    checkedAt: now.toISOString(),
    items,
    auditChecks,
    problems: allProblems,
    summary: ok
      ? items.length === 0
        ? 'No evidence yet; the audit trail verifies'
        : `All ${plural(items.length, 'item')} verified`
      : `${plural(allProblems.length, 'problem')} found`,
    ok,
  };
}
