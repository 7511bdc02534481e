import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { DUE_SOON_DAYS, DUE_STATUS_LABELS, LOOKAHEAD_DAYS, type DueStatus } from '../../../shared/maintain/due';
import { maintenanceSchedule, type ScheduleRow } from '../../../shared/maintain/schedule';
import { tasksDue } from '../../../shared/maintain/tasks';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAuditRows } from '../audits/useAuditRows';
import { listTasks } from '../../db/tasks';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { DueTaskTable } from './DueTaskTable';
import './maintain.css';
import { ScheduleTable } from './ScheduleTable';
import { todayIn } from './today';
import './workTable.css';

type Filter = DueStatus | 'all';
const STATUSES: readonly DueStatus[] = ['overdue', 'due-soon', 'upcoming'];

export function MaintainScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const evidence = useAuditRows(audit.id)?.evidence;
  const tasks = useLiveQuery(() => listTasks(audit.id), [audit.id]);
  const [filter, setFilter] = useState<Filter>('all');
  const byId = useMemo(() => new Map(controls.map((c) => [c.id, c])), [controls]);

  // The schedule is computed for "now" on each render; live queries re-render on every change.
  const schedule = useMemo((): { rows: ScheduleRow[] } | { error: string } | null => {
    if (evidence === undefined) return null;
    try {
      return { rows: maintenanceSchedule(audit, controls, evidence, new Date().toISOString()) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }, [audit, controls, evidence]);

  if (schedule === null || tasks === undefined) return <p className="muted">Loading the schedule…</p>;
  const today = todayIn(audit.timeZone);
  const due = tasksDue(tasks, today);

  return (
    <section className="step-screen maintain" aria-labelledby="maintain-heading">
      <header className="step-screen-head">
        <div>
          <h2 id="maintain-heading">Maintain</h2>
          <p className="muted">
            What evidence is due next for each recurring control, and what is overdue, looking {LOOKAHEAD_DAYS} days ahead from today (
            {today} in {audit.timeZone}). Due soon means within {DUE_SOON_DAYS} days. Per-event controls are sampled from their
            population, so they have no schedule here; earlier periods left without evidence show in{' '}
            <a href={hrefFor(auditRoute(audit.id, 'fieldwork', { view: 'coverage' }))}>Coverage</a>.
          </p>
        </div>
      </header>
      {'error' in schedule ? (
        <ErrorBanner message={`The schedule cannot be computed: ${schedule.error}`} />
      ) : (
        <>
          <div className="summary-tiles" role="group" aria-label="Filter by status">
            <button type="button" className="summary-tile" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              <span className="summary-tile-count">{schedule.rows.length}</span>
              <span className="summary-tile-label">Due in {LOOKAHEAD_DAYS} days or overdue</span>
            </button>
            {STATUSES.map((status) => (
              <button key={status} type="button" className={`summary-tile maintain-tile-${status}`} aria-pressed={filter === status} onClick={() => setFilter(status)}>
                <span className="summary-tile-count">{schedule.rows.filter((r) => r.status === status).length}</span>
                <span className="summary-tile-label">{DUE_STATUS_LABELS[status]}</span>
              </button>
            ))}
          </div>
          <ScheduleTable auditId={audit.id} rows={schedule.rows.filter((r) => filter === 'all' || r.status === filter)} timeZone={audit.timeZone} />
        </>
      )}
      <DueTaskTable auditId={audit.id} due={due} controls={byId} />
    </section>
  );
}
