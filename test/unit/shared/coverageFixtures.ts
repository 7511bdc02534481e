import type { ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { AuditStep, Frequency } from '../../../shared/domain/types';
import type { AuditWindow } from '../../../shared/periods/slots';

export type TestAudit = AuditWindow & { id: string };

export function type2(periodStart = '2026-01-01', periodEnd = '2026-12-31', timeZone = 'UTC'): TestAudit {
  return { id: 'audit-1', type: 'type2', asOf: null, periodStart, periodEnd, timeZone };
}

export function type1(asOf: string, timeZone = 'UTC'): TestAudit {
  return { id: 'audit-1', type: 'type1', asOf, periodStart: null, periodEnd: null, timeZone };
}

export function control(id: string, frequency: Frequency, criteria: readonly string[] = ['CC6.1']): ControlRecord {
  return {
    id,
    auditId: 'audit-1',
    ref: id.toUpperCase(),
    title: `Control ${id}`,
    description: '',
    owner: '',
    frequency,
    criteria,
    readiness: 'not-started',
    readinessNotes: '',
    retired: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

export function evidence(
  id: string,
  controlIds: readonly string[],
  evidenceDate: string,
  extra: Partial<Pick<EvidenceRecord, 'supersedes' | 'auditId' | 'name' | 'notes'>> & { step?: AuditStep } = {},
): EvidenceRecord {
  return {
    id,
    auditId: extra.auditId ?? 'audit-1',
    controlIds,
    step: extra.step ?? 'fieldwork',
    name: extra.name ?? `${id}.png`,
    evidenceDate,
    capturedAt: evidenceDate,
    timeZone: 'UTC',
    capturedBy: 'alice',
    host: 'laptop',
    source: { kind: 'file', originalName: `${id}.png`, originalPath: `/tmp/${id}.png`, modifiedAt: evidenceDate },
    processing: [],
    mime: 'image/png',
    size: 1000,
    sha256: id.padEnd(64, '0'),
    width: null,
    height: null,
    notes: extra.notes ?? '',
    supersedes: extra.supersedes ?? null, original: null, systemReport: null,
    createdAt: evidenceDate,
  };
}

export const pending = (): 'pending' => 'pending';
