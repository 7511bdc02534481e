import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { createAudit } from '../../../renderer/db/audits';
import { exporterOf, planUnsignedBundle, type PlannedBundle } from '../../../renderer/db/bundle';
import { listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { addEvidence } from '../../../renderer/db/evidence';
import { saveReviewer } from '../../../renderer/db/reviewer';
import { PlanAssembler, planMessages, type PlanExportMessage } from '../../../renderer/features/export/planExportAnswer';

const ACTOR = 'alice@laptop';
const EVERYTHING = { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: true };

function item(auditId: string, controlId: string, n: number): EvidenceRecord {
  const name = `export-${String(n).padStart(2, '0')}.csv`;
  return {
    id: crypto.randomUUID(),
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name,
    evidenceDate: '2026-03-31T12:00:00.000Z',
    capturedAt: '2026-04-02T09:00:00.000Z',
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: name, originalPath: `/tmp/${name}`, modifiedAt: '2026-04-01T00:00:00.000Z' },
    processing: [],
    mime: 'text/csv',
    size: 10 + n,
    sha256: (n % 16).toString(16).repeat(64),
    width: null,
    height: null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: '2026-04-02T09:00:00.000Z',
  };
}

/** A real plan of a real audit of 24 items, planned as the worker plans it. */
async function realPlan(): Promise<PlannedBundle> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const controls = await listControls(audit.id);
  await addEvidence(
    Array.from({ length: 24 }, (_, n) => item(audit.id, controls[n % controls.length]?.id ?? 'missing', n)),
    ACTOR,
  );
  const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
  return planUnsignedBundle({ auditId: audit.id, selection: EVERYTHING, exporter: exporterOf(reviewer), appVersion: '0.1.0', now: '2026-11-30T12:00:00.000Z' });
}

/** What the page receives: each message structured-cloned with its transfer list, as postMessage does. */
function posted(planned: PlannedBundle, perMessage: number): PlanExportMessage[] {
  return planMessages(planned, perMessage).map(({ message, transfer }) => structuredClone(message, { transfer }));
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe("the planning worker's answer, in slices", () => {
  it('carries no more than the slice size per message, and the page reassembles exactly the plan', async () => {
    const planned = await realPlan();
    // A copy to compare with: posting transfers (and so detaches) the generated files' buffers.
    const expected = structuredClone(planned);
    expect(planned.draft.entries.length).toBeGreaterThan(24);

    const messages = posted(planned, 5);
    expect(messages[0]?.kind).toBe('head');
    const slices = messages.slice(1);
    expect(slices.length).toBe(Math.ceil(expected.draft.entries.length / 5));
    for (const slice of slices) {
      if (slice.kind !== 'entries') throw new Error(`a ${slice.kind} message among the entries`);
      expect(slice.entries.length).toBeGreaterThan(0);
      expect(slice.entries.length).toBeLessThanOrEqual(5);
    }

    const assembler = new PlanAssembler();
    const results = messages.map((m) => assembler.take(m));
    // Whole only at the last slice: the screen never goes on with a plan missing entries.
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toEqual(expected);
  });

  it('transfers each generated file with the slice that carries it, once', async () => {
    const planned = await realPlan();
    const generated = planned.draft.entries.filter((e) => e.kind === 'generated').map((e) => (e.kind === 'generated' ? e.bytes.buffer : null));
    const postings = planMessages(planned, 5);
    const transferred = postings.flatMap((p) => p.transfer);
    expect(transferred).toHaveLength(generated.length);
    expect(new Set(transferred)).toEqual(new Set(generated));
    for (const { message, transfer } of postings) {
      const own = message.kind === 'entries' ? message.entries.flatMap((e) => (e.kind === 'generated' ? [e.bytes.buffer] : [])) : [];
      expect(transfer).toEqual(own);
    }
  });

  it('refuses an answer out of order or with extra entries instead of a partial plan', async () => {
    const messages = posted(await realPlan(), 5);
    const [head, first] = messages;
    if (!head || !first) throw new Error('no messages');
    expect(() => new PlanAssembler().take(first)).toThrow(/sent entries before the plan/);
    const twice = new PlanAssembler();
    twice.take(head);
    expect(() => twice.take(head)).toThrow(/answered twice/);
    const extra = new PlanAssembler();
    for (const m of messages) extra.take(m);
    expect(() => extra.take(first)).toThrow(/more entries than it planned/);
  });

  it("says the worker's own failure", () => {
    expect(() => new PlanAssembler().take({ kind: 'failed', message: 'This audit no longer exists.' })).toThrow('This audit no longer exists.');
  });
});
