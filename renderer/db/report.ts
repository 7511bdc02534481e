import { isCalendarDate } from '../../shared/domain/audit';
import { OPINIONS, type AuditReport, type ReportException } from '../../shared/domain/records';
import { updateAudit } from './audits';
import { db } from './db';

/** What the Report step starts from before anything is recorded. */
export const EMPTY_REPORT: AuditReport = { opinion: 'pending', reportDate: null, auditorFirm: '', exceptions: [] };

/**
 * Applies an edit to the audit's current report and saves it through updateAudit (which logs
 * the change). The report is read inside the transaction, so two quick edits, say adding an
 * exception while the opinion is being saved, cannot overwrite each other.
 */
export async function editReport(auditId: string, edit: (report: AuditReport) => AuditReport, actor: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.audits, db.log, async () => {
    const audit = await db.audits.get(auditId);
    if (!audit) throw new Error('This audit no longer exists.');
    const report = edit(audit.report ?? EMPTY_REPORT);
    const problem = reportProblem(report);
    if (problem !== null) throw new Error(problem);
    await updateAudit(auditId, { report }, actor, now);
  });
}

export type ReportFacts = Pick<AuditReport, 'opinion' | 'reportDate' | 'auditorFirm'>;
export type ExceptionInput = Omit<ReportException, 'id'>;

/** Problems with an edit, in words a user can act on; the screens check first, this is the backstop. */
export function reportProblem(report: AuditReport): string | null {
  if (!OPINIONS.includes(report.opinion)) return 'Choose one of the listed opinions.';
  if (report.reportDate !== null && !isCalendarDate(report.reportDate)) return 'Enter the report date as a calendar date, or leave it empty.';
  if (report.auditorFirm.length > 200) return "Keep the auditor's firm under 200 characters.";
  if (report.exceptions.some((e) => e.description.trim() === '')) return "Describe the exception as the auditor wrote it.";
  return null;
}

export async function saveReportFacts(auditId: string, facts: ReportFacts, actor: string): Promise<void> {
  await editReport(auditId, (report) => ({ ...report, ...facts, auditorFirm: facts.auditorFirm.trim() }), actor);
}

export async function addException(auditId: string, input: ExceptionInput, actor: string): Promise<void> {
  const exception: ReportException = { ...input, id: crypto.randomUUID() };
  await editReport(auditId, (report) => ({ ...report, exceptions: [...report.exceptions, exception] }), actor);
}

export async function updateException(auditId: string, id: string, input: ExceptionInput, actor: string): Promise<void> {
  await editReport(
    auditId,
    (report) => {
      if (!report.exceptions.some((e) => e.id === id)) throw new Error('This exception no longer exists.');
      return { ...report, exceptions: report.exceptions.map((e) => (e.id === id ? { ...input, id } : e)) };
    },
    actor,
  );
}

export async function removeException(auditId: string, id: string, actor: string): Promise<void> {
  await editReport(auditId, (report) => ({ ...report, exceptions: report.exceptions.filter((e) => e.id !== id) }), actor);
}
