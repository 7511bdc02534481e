import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { DUE_SOON_DAYS, DUE_STATUS_LABELS, LOOKAHEAD_DAYS, type DueStatus } from '../../../shared/maintain/due';
import { maintainView, type MaintainView } from '../../../shared/maintain/overdue';
import { reviewOf } from '../../../shared/review/reviewState';
import { tasksDue } from '../../../shared/maintain/tasks';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAuditRows } from '../audits/useAuditRows';
import { listTasks } from '../../db/tasks';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { useAuditReview } from '../review/useAuditReview';
import { coverageOf } from '../coverage/coverageMemo';
import { DueTaskTable } from './DueTaskTable';
import { OverdueTable } from './OverdueTable';
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

  const states = useAuditReview(audit.id)?.states;
  const review = useMemo(() => reviewOf(states), [states]);

  // Computed for "now" on each change; live queries re-render on every change.
  const schedule = useMemo((): MaintainView | { error: string } | null => {
    if (evidence === undefined) return null;
    try {
      const now = new Date().toISOString();
      // The coverage the matrix keeps for the same rows, review and controls: built once for both screens.
      const coverage = states === undefined ? undefined : coverageOf(audit, controls, evidence, states, now);
      return maintainView(audit, controls, evidence, review, now, coverage);
    } catch (error) {
      return { error: messageOf(error) };
    }
  }, [audit, controls, evidence, review, states]);

  if (schedule === null || tasks === undefined) return <p className="muted">Loading the schedule…</p>;
  const today = todayIn(audit.timeZone);
  const due = tasksDue(tasks, today);

  return (
    <section className="step-screen maintain" aria-labelledby="maintain-heading">
      <header className="step-screen-head">
        <div>
          <h2 id="maintain-heading">Maintain</h2>
          <p className="muted">
            What evidence is overdue, and what is due next for each recurring control, looking {LOOKAHEAD_DAYS} days ahead from today (
            {today} in {audit.timeZone}). A slot is overdue once it has ended without evidence, as in{' '}
            <a href={hrefFor(auditRoute(audit.id, 'fieldwork', { view: 'coverage' }))}>Coverage</a>. Due soon means within {DUE_SOON_DAYS}{' '}
            days. Per-event controls are sampled from their population, so they have no schedule here.
          </p>
        </div>
      </header>
      {'error' in schedule ? (
        <ErrorBanner message={`The schedule cannot be computed: ${schedule.error}`} />
      ) : (
        <>
          <div className="summary-tiles" role="group" aria-label="Filter by status">
            <button type="button" className="summary-tile" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              <span className="summary-tile-count">{schedule.overdueSlots + schedule.upcoming.length}</span>
              <span className="summary-tile-label">Overdue or due in {LOOKAHEAD_DAYS} days</span>
            </button>
            {STATUSES.map((status) => (
              <button key={status} type="button" className={`summary-tile maintain-tile-${status}`} aria-pressed={filter === status} onClick={() => setFilter(status)}>
                <span className="summary-tile-count" data-testid={`maintain-count-${status}`}>
                  {status === 'overdue' ? schedule.overdueSlots : schedule.upcoming.filter((r) => r.status === status).length}
                </span>
                <span className="summary-tile-label">{status === 'overdue' ? 'Overdue slots' : DUE_STATUS_LABELS[status]}</span>
              </button>
            ))}
          </div>
          {(filter === 'all' || filter === 'overdue') && <OverdueTable auditId={audit.id} rows={schedule.overdue} />}
          {filter !== 'overdue' && (
            <ScheduleTable auditId={audit.id} rows={schedule.upcoming.filter((r) => filter === 'all' || r.status === filter)} timeZone={audit.timeZone} />
          )}
        </>
      )}
      <DueTaskTable auditId={audit.id} due={due} controls={byId} />
    </section>
  );
}
