import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { createAudit } from '../../../renderer/db/audits';
import { listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { addEvidence, updateEvidence } from '../../../renderer/db/evidence';
import { loadTrailNames } from '../../../renderer/db/integrity';
import { listLog, readLogPage } from '../../../renderer/db/log';

const ACTOR = 'dana@laptop';

function item(auditId: string, controlId: string, n: number): EvidenceRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  return {
    id: `item-${n}`,
    auditId,
    controlIds: [controlId],
    step: 'fieldwork',
    name: `okta export ${n}.csv`,
    evidenceDate: at,
    capturedAt: at,
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: `okta export ${n}.csv`, originalPath: '', modifiedAt: at },
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
  };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

async function seeded(): Promise<string> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const [control] = await listControls(audit.id);
  for (let n = 0; n < 5; n += 1) await addEvidence([item(audit.id, control?.id ?? '', n)], ACTOR);
  await updateEvidence('item-2', { notes: 'checked' }, ACTOR);
  return audit.id;
}

describe('names for the audit trail', () => {
  it('names items from their own stored snapshots without reading the evidence table', async () => {
    const auditId = await seeded();
    const log = await listLog(auditId);
    const bulkGet = vi.spyOn(db.evidence, 'bulkGet');
    const names = await loadTrailNames(auditId, log);
    expect(names.evidence.get('item-2')).toBe('okta export 2.csv');
    expect(names.auditName).toBe('FY2026');
    expect(bulkGet).not.toHaveBeenCalled();
  });

  it("looks up by id, and only those, the items a page's entries name without a snapshot", async () => {
    const auditId = await seeded();
    // The newest page: the update of item-2, without the entry that stored it.
    const { entries, total } = await readLogPage(auditId, { newestFirst: true, offset: 0, limit: 1 });
    expect(total).toBe((await listLog(auditId)).length);
    expect(entries.map((e) => e.target)).toEqual(['evidence:item-2']);
    const bulkGet = vi.spyOn(db.evidence, 'bulkGet');
    const names = await loadTrailNames(auditId, entries);
    expect(names.evidence.get('item-2')).toBe('okta export 2.csv');
    expect(bulkGet).toHaveBeenCalledWith(['item-2']);
  });

  it('pages the chain from either end through its index', async () => {
    const auditId = await seeded();
    const all = await listLog(auditId);
    const oldest = await readLogPage(auditId, { newestFirst: false, offset: 2, limit: 3 });
    expect(oldest.entries.map((e) => e.seq)).toEqual(all.slice(2, 5).map((e) => e.seq));
    const newest = await readLogPage(auditId, { newestFirst: true, offset: 1, limit: 2 });
    expect(newest.entries.map((e) => e.seq)).toEqual([all.length - 1, all.length - 2]);
  });
});
