import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { planImport } from '../../../shared/bundle/importPlan';
import type { EvidenceRecord, SystemReport } from '../../../shared/domain/records';
import { compareEvidenceWithTrail } from '../../../shared/integrity/trail';
import { verifyChain } from '../../../shared/log/chain';
import { createAudit } from '../../../renderer/db/audits';
import { buildSignedPlan } from '../../../renderer/db/bundle';
import { listControls } from '../../../renderer/db/controls';
import { db } from '../../../renderer/db/db';
import { addEvidence, listEvidenceForAudit, updateEvidence } from '../../../renderer/db/evidence';
import { applyImport, localStateFor } from '../../../renderer/db/importBundle';
import { listLog } from '../../../renderer/db/log';
import { saveReviewer } from '../../../renderer/db/reviewer';

const ACTOR = 'alice@laptop';

const REPORT: SystemReport = {
  sourceSystem: 'Okta',
  query: 'status eq "ACTIVE" and type eq "employee"',
  rowCount: 412,
  extractedAt: '2026-03-31T15:58:00.000Z',
  filterScreenshotId: null,
};

function item(auditId: string, controlId: string, name: string, mime: string, sha: string): EvidenceRecord {
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
    mime,
    size: 10,
    sha256: sha.repeat(64),
    width: mime.startsWith('image/') ? 640 : null,
    height: mime.startsWith('image/') ? 400 : null,
    notes: '',
    supersedes: null,
    original: null,
    systemReport: null,
    createdAt: '2026-04-02T09:00:00.000Z',
  };
}

/** An Okta user export and a screenshot of the filter that produced it, on AC-01. */
async function auditWithReport(): Promise<{ auditId: string; report: EvidenceRecord; shot: EvidenceRecord }> {
  const audit = await createAudit(
    { name: 'FY2026', organization: 'Acme', type: 'type2', asOf: '', periodStart: '2026-01-01', periodEnd: '2026-12-31', timeZone: 'UTC' },
    ACTOR,
  );
  const ac01 = (await listControls(audit.id)).find((c) => c.ref === 'AC-01')?.id ?? 'missing';
  const report = item(audit.id, ac01, 'okta-users.csv', 'text/csv', 'a');
  const shot = item(audit.id, ac01, 'okta-filter.png', 'image/png', 'b');
  await addEvidence([report, shot], ACTOR);
  return { auditId: audit.id, report, shot };
}

async function trailProblems(auditId: string): Promise<string[]> {
  return compareEvidenceWithTrail(await listEvidenceForAudit(auditId), await listLog(auditId)).map((p) => p.message);
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('marking an item as a system report', () => {
  it('logs each change as { from, to } and the trail replays to the same row', async () => {
    const { auditId, report, shot } = await auditWithReport();
    const linked = { ...REPORT, filterScreenshotId: shot.id };

    await updateEvidence(report.id, { systemReport: linked }, ACTOR);
    await updateEvidence(report.id, { systemReport: { ...linked, rowCount: 413 } }, ACTOR);
    expect((await db.evidence.get(report.id))?.systemReport).toEqual({ ...linked, rowCount: 413 });

    const updates = (await listLog(auditId)).filter((e) => e.action === 'update' && e.target === `evidence:${report.id}`);
    expect(updates.map((e) => e.details['changes'])).toEqual([
      { systemReport: { from: null, to: linked } },
      { systemReport: { from: linked, to: { ...linked, rowCount: 413 } } },
    ]);
    expect(verifyChain(await listLog(auditId))).toEqual({ ok: true });
    expect(await trailProblems(auditId)).toEqual([]);
  });

  it('turning it off stores null again, and the trail agrees', async () => {
    const { auditId, report } = await auditWithReport();
    await updateEvidence(report.id, { systemReport: REPORT }, ACTOR);
    await updateEvidence(report.id, { systemReport: null }, ACTOR);
    expect((await db.evidence.get(report.id))?.systemReport).toBeNull();
    const last = (await listLog(auditId)).at(-1);
    expect(last?.details['changes']).toEqual({ systemReport: { from: REPORT, to: null } });
    expect(await trailProblems(auditId)).toEqual([]);
  });

  it('writes no log entry when the report did not change, whatever the key order', async () => {
    const { auditId, report } = await auditWithReport();
    await updateEvidence(report.id, { systemReport: REPORT }, ACTOR);
    const before = (await listLog(auditId)).length;
    const { filterScreenshotId, extractedAt, rowCount, query, sourceSystem } = REPORT;
    await updateEvidence(report.id, { systemReport: { filterScreenshotId, extractedAt, rowCount, query, sourceSystem } }, ACTOR);
    expect(await listLog(auditId)).toHaveLength(before);
  });

  it('a report edited behind the app’s back is named by the integrity replay', async () => {
    const { auditId, report } = await auditWithReport();
    await updateEvidence(report.id, { systemReport: REPORT }, ACTOR);
    await db.evidence.update(report.id, { systemReport: { ...REPORT, rowCount: 9000 } });
    expect(await trailProblems(auditId)).toEqual([expect.stringMatching(/"okta-users.csv": systemReport is .*9000.* but the audit trail says .*412/)]);
  });
});

describe('a system report in a bundle', () => {
  it('imports back into a fresh installation as the same record, and the trail still agrees', async () => {
    const { auditId, report, shot } = await auditWithReport();
    await updateEvidence(report.id, { systemReport: { ...REPORT, filterScreenshotId: shot.id } }, ACTOR);
    const exported = await db.evidence.get(report.id);
    const reviewer = await saveReviewer('Dana Reviewer', 'IT Manager', ACTOR);
    const { draft } = await buildSignedPlan(auditId, { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: true }, reviewer, '0.1.0');
    const text = (suffix: string): string => {
      const entry = draft.entries.find((e) => e.path.endsWith(suffix));
      if (entry?.kind !== 'generated') throw new Error(`${suffix} is not in the plan`);
      return new TextDecoder().decode(entry.bytes);
    };

    // A fresh installation: nothing of this audit is here.
    await Promise.all(db.tables.map((t) => t.clear()));
    const preview = planImport(text('data/manifest.json'), text('data/audit-log.jsonl'), await localStateFor(auditId));
    await applyImport(preview, 'dana@desktop', 'fy2026.zip', reviewer.fingerprint);

    expect(await db.evidence.get(report.id)).toEqual(exported);
    expect((await db.evidence.get(report.id))?.systemReport).toEqual({ ...REPORT, filterScreenshotId: shot.id });
    expect(await trailProblems(auditId)).toEqual([]);
  });
});
