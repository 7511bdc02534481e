import { useMemo } from 'react';
import type { AuditCoverage } from '../../../shared/coverage/coverage';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { FREQUENCIES } from '../../../shared/domain/types';
import type { Frequency } from '../../../shared/domain/types';
import { formatInZone } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAuditReview } from '../review/useAuditReview';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import { FREQUENCY_LABELS } from '../../../shared/domain/labels';
import { CoverageLegend } from './CoverageLegend';
import { coverageOf } from './coverageMemo';
import { CoverageSection, type CoverageEntry } from './CoverageSection';
import { CoverageSummary } from './CoverageSummary';
import { DailySection } from './DailySection';
import { useNow } from './useNow';
import './coverage.css';

// Daily last: its month grids are the tallest, and the short sections read better above them.
const SECTION_ORDER: readonly Frequency[] = [...FREQUENCIES.filter((f) => f !== 'daily'), 'daily'];

type Built = { readonly coverage: AuditCoverage; readonly error: null } | { readonly coverage: null; readonly error: string };

/**
 * Controls × period slots for the audit (issue #3, "Coverage matrix"). Controls are grouped by
 * frequency, each group its own table, since a quarterly and a daily control share no columns.
 * `controls` are the audit's active (non-retired) controls.
 */
export function CoverageMatrix({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  // The audit's rows from memory (read once, kept current by the change feed), not a live query
  // that reads 10,000 rows again on every write.
  const audited = useAuditReview(audit.id);
  const evidence = audited?.evidence;
  const now = useNow();
  // Only valid sign-offs count: an approval that no longer verifies leaves its cell collected.
  const states = audited?.states;

  const built = useMemo((): Built | null => {
    if (evidence === undefined || states === undefined) return null;
    try {
      return { coverage: coverageOf(audit, controls, evidence, states, now), error: null };
    } catch (error) {
      return { coverage: null, error: messageOf(error) };
    }
  }, [audit, controls, evidence, states, now]);

  if (built === null) return <p className="muted">Loading coverage…</p>;
  if (built.error !== null) {
    return (
      <section className="panel">
        <ErrorBanner message={`Coverage needs a valid audit window. ${built.error}`} />
        <a href={hrefFor(auditRoute(audit.id, 'scope'))}>Fix the audit window in Scope</a>
      </section>
    );
  }
  const { coverage } = built;
  if (controls.length === 0) {
    return (
      <div className="empty-state">
        <h2>No active controls</h2>
        <p>Add or restore controls in Scope; their evidence slots appear here.</p>
      </div>
    );
  }

  const rows = new Map(coverage.controls.map((row) => [row.controlId, row]));
  const entries = controls.flatMap((control): CoverageEntry[] => {
    const row = rows.get(control.id);
    return row ? [{ control, row }] : [];
  });
  const asOf = formatInZone(now, audit.timeZone).slice(0, 10);

  return (
    <div className="coverage">
      <CoverageSummary coverage={coverage} asOf={asOf} />
      <CoverageLegend />
      {audit.type === 'type1' ? (
        <CoverageSection id="as-of" auditId={audit.id} title={`All controls, as of ${audit.asOf ?? ''}`} entries={entries} />
      ) : (
        SECTION_ORDER.map((frequency) => {
          const group = entries.filter((entry) => entry.control.frequency === frequency);
          if (group.length === 0) return null;
          return frequency === 'daily' ? (
            <DailySection key={frequency} auditId={audit.id} entries={group} />
          ) : (
            <CoverageSection key={frequency} id={frequency} auditId={audit.id} title={FREQUENCY_LABELS[frequency]} entries={group} />
          );
        })
      )}
    </div>
  );
}
