import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { createAudit } from '../../../renderer/db/audits';
import { loadAuditRows, watchAuditRows, type AuditRows } from '../../../renderer/db/auditRows';
import { onCommitted, type TableChange } from '../../../renderer/db/changeFeed';
import { listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { addEvidence, countEvidence, readControlEvidence, updateEvidence, type ControlEvidence } from '../../../renderer/db/evidence';
import { controlEvidenceOf } from '../../../renderer/db/controlRows';
import { withdrawEvidence } from '../../../renderer/db/withdrawal';
import { getReviewer, saveReviewer } from '../../../renderer/db/reviewer';
import { knownSignature, verifiedSignatureKeys, verifySignatures } from '../../../renderer/db/signatureVerdicts';
import { exporterOf, type planUnsignedBundle } from '../../../renderer/db/bundle';
import { signOff } from '../../../renderer/db/signoffs';
import { loadReviewContext } from '../../../renderer/db/reviewContext';
import { needsWarming, reviewOfRows, warmReview } from '../../../renderer/features/review/reviewOfRows';
import { reviewContextFor, type ReviewContext } from '../../../shared/review/reviewState';

const ACTOR = 'dana@laptop';

async function newAudit(name = 'FY2026'): Promise<{ auditId: string; ac01: string; ac02: string }> {
  const audit = await createAudit(
    { name, organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const controls = new Map((await listControls(audit.id)).map((c) => [c.ref, c.id]));
  return { auditId: audit.id, ac01: controls.get('AC-01') ?? '', ac02: controls.get('AC-02') ?? '' };
}

function item(auditId: string, controlId: string, n: number, extra: Partial<EvidenceRecord> = {}): EvidenceRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  return {
    id: crypto.randomUUID(),
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name: `export ${n}.csv`,
    evidenceDate: at,
    capturedAt: at,
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: `export ${n}.csv`, originalPath: '', modifiedAt: at },
    processing: [],
    mime: 'text/csv',
    size: 10 + n,
    sha256: n.toString(16).padStart(64, '0'),
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: at,
    ...extra,
  };
}

/** Resolves with the next snapshot that satisfies `test`. */
function nextRows(auditId: string, test: (rows: AuditRows) => boolean): Promise<AuditRows> {
  return new Promise((resolve) => {
    const stop = watchAuditRows(auditId, (rows) => {
      if (!test(rows)) return;
      stop();
      resolve(rows);
    });
  });
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the change feed', () => {
  it('reports the keys a committed transaction wrote, table by table, and nothing for one that aborted', async () => {
    const { auditId, ac01 } = await newAudit();
    const seen: TableChange[][] = [];
    const stop = onCommitted((changes) => seen.push([...changes]));
    const a = item(auditId, ac01, 1);
    await addEvidence([a], ACTOR);
    await updateEvidence(a.id, { notes: 'checked' }, ACTOR);
    await db
      .transaction('rw', db.evidence, async () => {
        await db.evidence.delete(a.id);
        throw new Error('changed my mind');
      })
      .catch(() => {});
    stop();
    const keysOf = (changes: readonly TableChange[]): (readonly unknown[] | null)[] => changes.filter((c) => c.table === 'evidence').map((c) => c.keys);
    expect(seen.map(keysOf)).toEqual([[[a.id]], [[a.id]]]);
    // The log is written in the same transactions but is not a watched table.
    expect(seen.flat().some((c) => c.table === 'log')).toBe(false);
    expect(await db.evidence.get(a.id)).toMatchObject({ notes: 'checked' });
  });
});

describe("an audit's rows held in memory", () => {
  it('reads every row of the audit, chunk after chunk, and none of another audit', async () => {
    const { auditId, ac01 } = await newAudit();
    const other = await newAudit('Other');
    // More than two chunks of 500, so resuming after the last key is exercised.
    await addEvidence(Array.from({ length: 1201 }, (_, n) => item(auditId, ac01, n)), ACTOR);
    await addEvidence([item(other.auditId, other.ac01, 5000)], ACTOR);
    const rows = await loadAuditRows(auditId);
    expect(rows.evidence).toHaveLength(1201);
    expect(new Set(rows.evidence.map((e) => e.id)).size).toBe(1201);
    expect(rows.evidence.every((e) => e.auditId === auditId)).toBe(true);
  });

  it('takes in each write the app makes without reading the audit again: added, edited, signed, moved away', async () => {
    const { auditId, ac01 } = await newAudit();
    const other = await newAudit('Other');
    const [a, b] = [item(auditId, ac01, 1), item(auditId, ac01, 2)];
    await addEvidence([a], ACTOR);
    const first = await loadAuditRows(auditId);
    expect(first.evidence.map((e) => e.id)).toEqual([a.id]);

    const reads = vi.spyOn(db.evidence, 'where');
    const added = nextRows(auditId, (rows) => rows.evidenceById.has(b.id));
    await addEvidence([b], ACTOR);
    expect((await added).evidence).toHaveLength(2);

    const edited = nextRows(auditId, (rows) => rows.evidenceById.get(a.id)?.notes === 'seen by Dana');
    await updateEvidence(a.id, { notes: 'seen by Dana' }, ACTOR);
    await edited;

    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    const signed = nextRows(auditId, (rows) => rows.signoffs.length === 1);
    await signOff([a.id], 'approved', '', reviewer, ACTOR);
    const withSignoff = await signed;
    // Published only once the signature's verdict is known.
    expect(knownSignature(withSignoff.signoffs[0] ?? (undefined as never))).toBe(true);

    const moved = nextRows(auditId, (rows) => !rows.evidenceById.has(b.id));
    await db.evidence.update(b.id, { auditId: other.auditId });
    expect((await moved).evidence.map((e) => e.id)).toEqual([a.id]);
    // Only the rows written were read back, by key: the audit's rows were never read again.
    expect(reads.mock.calls.map(([index]) => (typeof index === 'string' ? index : JSON.stringify(index))).filter((index) => index === '[auditId+id]' || index === 'auditId')).toEqual([]);
  });
});

describe("a control's own rows", () => {
  it('are its items newest first, their replacements, what they refer to, and their sign-offs', async () => {
    const { auditId, ac01, ac02 } = await newAudit();
    const older = item(auditId, ac01, 1);
    const newer = item(auditId, ac01, 2);
    const screenshot = item(auditId, ac02, 3, { mime: 'image/png', name: 'filter.png' });
    const report = item(auditId, ac01, 4, {
      systemReport: { sourceSystem: 'Okta', query: 'all', rowCount: 3, extractedAt: null, filterScreenshotId: screenshot.id },
    });
    const recapture = item(auditId, ac02, 5, { supersedes: older.id });
    await addEvidence([older, newer, screenshot, report, recapture], ACTOR);
    await signOff([older.id, screenshot.id], 'approved', '', await saveReviewer('Dana', 'IT Manager', ACTOR), ACTOR);

    const read = await readControlEvidence(ac01);
    expect(read.items.map((e) => e.id)).toEqual([report.id, newer.id, older.id]);
    expect([...read.related.keys()].sort()).toEqual([older.id, newer.id, report.id, screenshot.id, recapture.id].sort());
    // The screenshot is only referred to: its sign-off belongs to another control's page.
    expect(read.signoffs.map((s) => s.evidenceId)).toEqual([older.id]);
  });

  it('counts items per control and in all through the indexes', async () => {
    const { auditId, ac01, ac02 } = await newAudit();
    await addEvidence([item(auditId, ac01, 1), item(auditId, ac01, 2), item(auditId, ac02, 3, { controlIds: [ac01, ac02] })], ACTOR);
    const counts = await countEvidence(auditId, [ac01, ac02]);
    expect(counts.total).toBe(3);
    expect(counts.byControl.get(ac01)).toBe(3);
    expect(counts.byControl.get(ac02)).toBe(1);
  });
});

describe("a control's page from the rows in memory", () => {
  /** Comparable whatever the order of the maps and lists (the items' own order is compared as it is). */
  const plain = (e: ControlEvidence): unknown => ({
    items: e.items.map((i) => i.id),
    related: [...e.related.values()].sort((a, b) => a.id.localeCompare(b.id)),
    signoffs: [...e.signoffs].sort((a, b) => a.id.localeCompare(b.id)),
  });

  it('gives what the indexed reads give: items newest first, replacements elsewhere, filter screenshots, withdrawn items and every sign-off', async () => {
    const { auditId, ac01, ac02 } = await newAudit();
    const shot = item(auditId, ac02, 1, { name: 'filter.png' });
    const report = item(auditId, ac01, 2, { systemReport: { sourceSystem: 'Okta', query: 'status=active', rowCount: 12, extractedAt: null, filterScreenshotId: shot.id } });
    const old = item(auditId, ac01, 3);
    const recapture = item(auditId, ac02, 4, { supersedes: old.id });
    const both = item(auditId, ac01, 5, { controlIds: [ac02, ac01, ac01] });
    const gone = item(auditId, ac01, 6);
    const other = item(auditId, ac02, 7);
    await addEvidence([shot, report, old, recapture, both, gone, other], ACTOR);
    await withdrawEvidence(gone.id, 'attached to the wrong control', ACTOR);
    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    await signOff([old.id, recapture.id, both.id, other.id], 'approved', '', reviewer, ACTOR);
    await signOff([old.id], 'rejected', 'blurry', reviewer, ACTOR);
    const rows = await nextRows(auditId, (r) => r.signoffs.length === 5 && r.withdrawn.length === 1);
    for (const control of [ac01, ac02]) {
      const fromRows = controlEvidenceOf(rows, control);
      expect(plain(fromRows)).toEqual(plain(await readControlEvidence(control)));
      expect(fromRows.items.length).toBeGreaterThan(0);
    }
    const ac01Page = controlEvidenceOf(rows, ac01);
    expect(ac01Page.items.map((i) => i.id)).toEqual([gone.id, both.id, old.id, report.id]);
    expect([...ac01Page.related.keys()].sort()).toEqual([gone.id, both.id, old.id, report.id, recapture.id, shot.id].sort());
    expect(ac01Page.signoffs).toHaveLength(4);
    // Asked again of the same snapshot: the same answer, not built again.
    expect(controlEvidenceOf(rows, ac01)).toBe(ac01Page);
  });
});

describe('sign-off signature verdicts', () => {
  it('verifies each sign-off once, and a row altered behind the app anew', async () => {
    const { auditId, ac01 } = await newAudit();
    const a = item(auditId, ac01, 1);
    await addEvidence([a], ACTOR);
    await saveReviewer('Dana', 'IT Manager', ACTOR);
    const reviewer = await getReviewer();
    const [record] = await signOff([a.id], 'rejected', 'blurry', reviewer ?? (undefined as never), ACTOR);
    if (!record) throw new Error('no sign-off');
    const verify = vi.spyOn(crypto.subtle, 'verify');
    await verifySignatures([record]);
    await verifySignatures([record]);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(knownSignature(record)).toBe(true);
    const flipped = { ...record, payload: { ...record.payload, decision: 'approved' as const } };
    expect(knownSignature(flipped)).toBeUndefined();
    await verifySignatures([flipped]);
    expect(knownSignature(flipped)).toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});

describe('sign-off verification in slices that give way to the window', () => {
  it('stops after each slice of budget, yields, and keeps every verdict: a tampered sign-off is still invalid', async () => {
    const { auditId, ac01 } = await newAudit();
    const items = Array.from({ length: 12 }, (_, n) => item(auditId, ac01, 100 + n));
    await addEvidence(items, ACTOR);
    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    const signed = await signOff(
      items.map((i) => i.id),
      'approved',
      '',
      reviewer,
      ACTOR,
    );
    expect(signed).toHaveLength(12);
    // Two rows altered behind the app: another decision, another hash. Each must stay invalid.
    const records = signed.map((r, n) =>
      n === 3 ? { ...r, payload: { ...r.payload, decision: 'rejected' as const } } : n === 8 ? { ...r, payload: { ...r.payload, evidenceSha256: 'f'.repeat(64) } } : r,
    );

    // A clock that moves 1 ms each time it is read: the page reads it once per sign-off, so a
    // budget of 3 ms is a slice of a few sign-offs, whatever the machine's speed.
    let clock = 0;
    const settledAtPause: number[] = [];
    await verifySignatures(records, {
      budgetMs: 3,
      now: () => (clock += 1),
      pause: async () => {
        // At each yield, the slice's verifications are finished: what the screen sees is whole.
        settledAtPause.push(records.filter((r) => knownSignature(r) !== undefined).length);
      },
    });
    expect(settledAtPause.length).toBeGreaterThanOrEqual(3);
    const perSlice = settledAtPause.map((n, i) => n - (settledAtPause[i - 1] ?? 0));
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(3);
    expect(Math.min(...perSlice)).toBeGreaterThan(0);
    expect(records.map((r) => knownSignature(r))).toEqual(records.map((_, n) => n !== 3 && n !== 8));
  });

  it('gives the same verdicts with the default pacing (the real clock and yield)', async () => {
    const { auditId, ac01 } = await newAudit();
    const items = [item(auditId, ac01, 200), item(auditId, ac01, 201)];
    await addEvidence(items, ACTOR);
    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    const [good, other] = await signOff(
      items.map((i) => i.id),
      'approved',
      '',
      reviewer,
      ACTOR,
    );
    if (!good || !other) throw new Error('no sign-offs');
    const forged = { ...other, signature: good.signature };
    await verifySignatures([good, forged]);
    expect([knownSignature(good), knownSignature(forged)]).toEqual([true, false]);
  });
});

describe('review state from remembered verdicts, sign-offs v2 and the keyring', () => {
  async function signedAudit(): Promise<{ auditId: string; itemId: string }> {
    const { auditId, ac01 } = await newAudit();
    const a = item(auditId, ac01, 1);
    await addEvidence([a], ACTOR);
    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    await signOff([a.id], 'approved', '', reviewer, ACTOR);
    return { auditId, itemId: a.id };
  }

  it('re-verifies a sign-off whose signed subject was altered behind the app, and never counts it', async () => {
    const { auditId } = await signedAudit();
    const rows = await loadAuditRows(auditId);
    const [record] = rows.signoffs;
    if (!record || record.payload.v !== 2) throw new Error('expected a v2 sign-off');
    expect(knownSignature(record)).toBe(true);
    // Same id, signature and key; only a field of the v2 subject changed.
    const redated = { ...record, payload: { ...record.payload, evidenceDate: '2026-06-01T00:00:00.000Z' } };
    expect(knownSignature(redated)).toBeUndefined();
    await verifySignatures([redated]);
    expect(knownSignature(redated)).toBe(false);
  });

  it('judges the keyring every time: the same rows count with the key trusted and not without it, verifying nothing again', async () => {
    const { auditId, itemId } = await signedAudit();
    const rows = await loadAuditRows(auditId);
    const trusted = await loadReviewContext(auditId);
    expect(reviewOfRows(rows, trusted).states.get(itemId)?.decision).toBe('approved');

    const verify = vi.spyOn(crypto.subtle, 'verify');
    const audit = await db.audits.get(auditId);
    if (!audit) throw new Error('no audit');
    const revoked = reviewContextFor(audit, await listControls(auditId), []);
    const state = reviewOfRows(rows, revoked).states.get(itemId);
    expect(state?.decision).toBe('pending');
    expect(state?.validity).toMatchObject({ valid: false, kind: 'unknown-key' });
    expect(verify).not.toHaveBeenCalled();
    // Derived once per rows and context: asking again hands out the same review.
    expect(reviewOfRows(rows, revoked)).toBe(reviewOfRows(rows, revoked));
  });

  /** The audit's context with its subjects counted: each judgement that gets past the signature asks for one. */
  function counting(context: ReviewContext): { context: ReviewContext; subjects: () => number } {
    let n = 0;
    return {
      context: { isTrusted: context.isTrusted, subjectOf: (i) => ((n += 1), context.subjectOf(i)) },
      subjects: () => n,
    };
  }

  /** An audit with `count` items on AC-01, every one approved by Dana, and the snapshot that holds the sign-offs. */
  async function approvedAudit(count: number, names: (n: number) => Partial<EvidenceRecord> = () => ({})) {
    const { auditId, ac01 } = await newAudit();
    const items = Array.from({ length: count }, (_, n) => item(auditId, ac01, n, names(n)));
    await addEvidence(items, ACTOR);
    const reviewer = await saveReviewer('Dana', 'IT Manager', ACTOR);
    const signed = nextRows(auditId, (rows) => rows.signoffs.length === count);
    const made = await signOff(
      items.map((i) => i.id),
      'approved',
      '',
      reviewer,
      ACTOR,
    );
    return { auditId, items, reviewer, made, rows: await signed };
  }

  it('judges again only what a write touched: an edited item is judged afresh (stale), the rest is remembered', async () => {
    const { auditId, items, rows: first } = await approvedAudit(30);
    const { context, subjects } = counting(await loadReviewContext(auditId));
    const before = reviewOfRows(first, context);
    expect([...before.states.values()].every((s) => s.decision === 'approved')).toBe(true);
    // Each sign-off judged once, though both the states and the validity of every sign-off ask.
    expect(subjects()).toBe(30);

    const target = items[7];
    if (!target) throw new Error('no item');
    const redated = nextRows(auditId, (rows) => rows.evidenceById.get(target.id)?.evidenceDate === '2026-06-01T00:00:00.000Z');
    await updateEvidence(target.id, { evidenceDate: '2026-06-01T00:00:00.000Z' }, ACTOR);
    const after = reviewOfRows(await redated, context);
    expect(subjects()).toBe(31);
    expect(after.states.get(target.id)).toMatchObject({ decision: 'pending', validity: { valid: false, kind: 'stale' } });
    expect(after.validity.get(after.states.get(target.id)?.latest?.id ?? '')).toMatchObject({ kind: 'stale' });
    expect([...after.states.values()].filter((s) => s.decision === 'approved')).toHaveLength(29);
  });

  it('warms a snapshot with many sign-offs in slices, after which deriving its review judges nothing', async () => {
    const { auditId, rows } = await approvedAudit(260);
    const { context, subjects } = counting(await loadReviewContext(auditId));
    expect(needsWarming(rows, context)).toBe(true);
    await warmReview(rows, context);
    expect(subjects()).toBe(260);
    expect(needsWarming(rows, context)).toBe(false);
    const review = reviewOfRows(rows, context);
    expect(subjects()).toBe(260);
    expect([...review.states.values()].filter((s) => s.decision === 'approved')).toHaveLength(260);
  });

  it("plans a bundle taking the page's verified signatures as known, and still catches a sign-off altered since", async () => {
    const names = ['kept.csv', 'altered.csv', 'third.csv'];
    const { auditId, items, reviewer, made } = await approvedAudit(3, (n) => ({ name: names[n] ?? '' }));
    const page = verifiedSignatureKeys();
    expect(page.length).toBeGreaterThanOrEqual(3);
    // Behind the app: a signed field of one sign-off changed, its signature kept.
    const altered = made.find((s) => s.evidenceId === items[1]?.id);
    if (!altered) throw new Error('no sign-off');
    const republished = nextRows(auditId, (rows) => rows.signoffs.some((s) => s.payload.comment === 'approved by the auditor too'));
    await db.signoffs.update(altered.id, { 'payload.comment': 'approved by the auditor too' });
    // This page's own copy of the rows verifies the changed row (and finds it invalid) before it publishes.
    await republished;

    const verify = vi.spyOn(crypto.subtle, 'verify');
    // As in the planning worker: a module graph of its own (no verdicts remembered) over the same database.
    const plan = async (verifiedSignatures?: readonly string[]): ReturnType<typeof planUnsignedBundle> => {
      vi.resetModules();
      const worker = await import('../../../renderer/db/bundle');
      return worker.planUnsignedBundle({
        auditId,
        selection: { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: true },
        exporter: exporterOf(reviewer),
        appVersion: 'test',
        now: '2026-12-01T00:00:00.000Z',
        ...(verifiedSignatures ? { verifiedSignatures } : {}),
      });
    };
    await plan();
    expect(verify).toHaveBeenCalledTimes(3);
    verify.mockClear();
    const planned = await plan(page);
    // Only the altered one was verified again, and it failed.
    expect(verify).toHaveBeenCalledTimes(1);
    const csv = planned.draft.entries.find((e) => e.path === 'data/evidence.csv');
    if (!csv || csv.kind !== 'generated') throw new Error('no evidence.csv');
    const lines = new TextDecoder().decode(csv.bytes).split('\r\n');
    const decisionOf = (name: string): string | undefined => lines.find((l) => l.includes(name))?.split(',').find((cell) => ['approved', 'pending', 'rejected'].includes(cell));
    expect([decisionOf('kept.csv'), decisionOf('altered.csv'), decisionOf('third.csv')]).toEqual(['approved', 'pending', 'approved']);
  });
});
