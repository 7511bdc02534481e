import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AuditRecord, ControlRecord, ReadinessStatus } from '../../../shared/domain/records';
import { gapTaskTitle } from '../../../shared/maintain/tasks';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { updateReadiness } from '../../db/readiness';
import { createTask, listTasks } from '../../db/tasks';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import '../maintain/workTable.css';
import { READINESS_LABELS } from './labels';
import { ReadinessRow } from './ReadinessRow';
import { ReadinessSummary, type ReadinessFilter } from './ReadinessSummary';
import './readiness.css';
import { useGrowingCount } from '../../components/useGrowingCount';

export function ReadinessScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const actor = actorOf(useSystemInfo());
  const tasks = useLiveQuery(() => listTasks(audit.id), [audit.id]);
  const [filter, setFilter] = useState<ReadinessFilter>('all');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);

  const counts = useMemo(() => {
    const result: Record<ReadinessStatus, number> = { 'not-started': 0, gap: 0, ready: 0 };
    for (const control of controls) result[control.readiness] += 1;
    return result;
  }, [controls]);

  const taskStates = useMemo(() => {
    const states = new Map<string, 'open' | 'done'>();
    for (const task of tasks ?? []) {
      if (task.controlId === null || task.kind !== 'remediation') continue;
      if (task.status !== 'done') states.set(task.controlId, 'open');
      else if (!states.has(task.controlId)) states.set(task.controlId, 'done');
    }
    return states;
  }, [tasks]);

  const needle = query.trim().toLowerCase();
  const shown = controls.filter(
    (c) =>
      (filter === 'all' || c.readiness === filter) &&
      (needle === '' || c.ref.toLowerCase().includes(needle) || c.title.toLowerCase().includes(needle)),
  );
  // Every row stays in the page, drawn a frame's worth at a time (issue #12).
  const drawn = useGrowingCount(shown.length);

  // Each write reports its own failure; the message names what was being saved.
  const attempt = async (what: string, write: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await write();
    } catch (e) {
      setError(`${what} was not saved: ${messageOf(e)}`);
      throw e;
    }
  };
  const quietly = (pending: Promise<void>): Promise<void> => pending.catch(() => undefined);
  const remediationHref = hrefFor(auditRoute(audit.id, 'remediation'));
  const taskOf = (controlId: string): { state: 'open' | 'done'; href: string } | null => {
    const state = taskStates.get(controlId);
    return state === undefined ? null : { state, href: remediationHref };
  };

  return (
    <section className="step-screen readiness" aria-labelledby="readiness-heading">
      <header className="step-screen-head">
        <div>
          <h2 id="readiness-heading">Readiness</h2>
          <p className="muted">
            The gap analysis: for each control, is it designed, owned and evidenced? Mark it Ready, or mark a Gap and note what is
            missing; each gap can become a remediation task.
          </p>
        </div>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <ReadinessSummary counts={counts} total={controls.length} filter={filter} onFilter={setFilter} />
      <div className="toolbar">
        <input type="search" aria-label="Find a control" placeholder="Find a control by reference or title" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted" role="status">
          {filter === 'all' ? `${shown.length} of ${controls.length} controls` : `${shown.length} ${READINESS_LABELS[filter].toLowerCase()}`}
        </span>
      </div>
      <div className="work-table-wrap">
        <table className="work-table readiness-table">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Control</th>
              <th scope="col">Status</th>
              <th scope="col">Notes</th>
              <th scope="col">Remediation</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, drawn).map((control) => (
              <ReadinessRow
                key={control.id}
                control={control}
                task={taskOf(control.id)}
                onStatus={(readiness) => quietly(attempt(`The status of ${control.ref}`, () => updateReadiness(control.id, { readiness }, actor)))}
                onNotes={(readinessNotes) => attempt(`The notes of ${control.ref}`, () => updateReadiness(control.id, { readinessNotes }, actor))}
                onCreateTask={() =>
                  quietly(
                    attempt(`The remediation task for ${control.ref}`, () =>
                      createTask({ auditId: audit.id, controlId: control.id, kind: 'remediation', title: gapTaskTitle(control) }, actor),
                    ),
                  )
                }
              />
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={5} className="work-table-empty">
                  {controls.length === 0 ? 'This audit has no active controls. Add them in Scope.' : 'No control matches this filter.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
