import { useState } from 'react';
import { criterionById } from '../../../shared/catalog/tsc';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { TSC_CATEGORIES, TSC_SERIES, type TscSeries } from '../../../shared/domain/types';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { updateAudit } from '../../db/audits';
import { actorOf, useSystemInfo } from '../app/systemInfo';

/** Active controls with at least one criterion in the series: what turning it on brings into scope. */
function controlsTouching(controls: readonly ControlRecord[], series: TscSeries): number {
  return controls.filter((c) => !c.retired && c.criteria.some((id) => criterionById(id)?.series === series)).length;
}

export function CategoriesPanel({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const info = useSystemInfo();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The choice shows at once, before the database round trip: a checkbox that lags its click
  // reads as broken. It gives way to the stored value as soon as that catches up.
  const [pending, setPending] = useState<readonly TscSeries[] | null>(null);
  if (pending !== null && pending.join() === audit.categories.join()) setPending(null);
  const categories = pending ?? audit.categories;

  const toggle = async (series: TscSeries, on: boolean): Promise<void> => {
    const chosen = new Set<TscSeries>(['CC', ...categories]);
    if (on) chosen.add(series);
    else chosen.delete(series);
    const next = TSC_SERIES.filter((s) => chosen.has(s));
    setPending(next);
    setSaving(true);
    setFailure(null);
    try {
      await updateAudit(audit.id, { categories: next }, actorOf(info));
    } catch (error) {
      setPending(null);
      setFailure(`The categories were not saved: ${messageOf(error)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel scope-panel" aria-labelledby="scope-categories-heading">
      <h2 id="scope-categories-heading">Trust Services Categories</h2>
      {failure && <ErrorBanner message={failure} onDismiss={() => setFailure(null)} />}
      <fieldset className="scope-categories" aria-labelledby="scope-categories-heading" aria-describedby="scope-categories-note">
        {TSC_SERIES.map((series) => {
          const always = series === 'CC';
          const count = controlsTouching(controls, series);
          return (
            <label key={series} className={`scope-category${always ? ' scope-category-fixed' : ''}`}>
              <input
                type="checkbox"
                checked={always || categories.includes(series)}
                disabled={always || saving}
                onChange={(e) => void toggle(series, e.target.checked)}
              />
              <span className="scope-category-name">
                {TSC_CATEGORIES[series]} <span className="scope-series">({series})</span>
              </span>
              <span className="scope-category-count muted">
                {count} control{count === 1 ? '' : 's'}
              </span>
            </label>
          );
        })}
      </fieldset>
      <p id="scope-categories-note" className="scope-note muted">
        Security (the common criteria CC1–CC9) is always in scope: every SOC 2 report covers it. Add the others your
        customers asked for.
      </p>
    </section>
  );
}
