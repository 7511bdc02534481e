import { useId, useState } from 'react';
import { criterionById, TSC_GROUPS } from '../../../shared/catalog/tsc';
import { TSC_CATEGORIES, type TscSeries } from '../../../shared/domain/types';
import { searchCatalog } from '../../../shared/scope/catalogSearch';
import { seriesInScope, sortCriteria } from '../../../shared/scope/controls';

/**
 * Picks Trust Services Criteria from the catalog: a search box over ids and titles, the catalog
 * grouped by series and group with a checkbox per criterion, and the picked ones as chips.
 */
export function CriteriaPicker({
  selected,
  categories,
  error,
  onChange,
}: {
  readonly selected: readonly string[];
  readonly categories: readonly TscSeries[];
  readonly error: string | undefined;
  readonly onChange: (criteria: string[]) => void;
}): React.JSX.Element {
  const [query, setQuery] = useState('');
  const errorId = useId();
  const sections = searchCatalog(query);
  const inScope = seriesInScope(categories);
  const picked = new Set(selected);

  const toggle = (id: string, on: boolean): void => {
    onChange(sortCriteria(on ? [...selected, id] : selected.filter((s) => s !== id)));
  };

  return (
    <fieldset className="field criteria-picker" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>Criteria</legend>
      <div className="picker-selected" aria-label="Picked criteria">
        {selected.length === 0 ? (
          <span className="muted">None picked yet.</span>
        ) : (
          selected.map((id) => (
            <span key={id} className="chip picker-chip" title={criterionById(id)?.title ?? 'Not a Trust Services Criterion'}>
              {id}
              <button type="button" className="picker-chip-remove" aria-label={`Remove ${id}`} onClick={() => toggle(id, false)}>
                ×
              </button>
            </span>
          ))
        )}
      </div>
      <input
        type="search"
        className="picker-search"
        aria-label="Search criteria"
        placeholder="Search by id or words, e.g. CC6 or backup"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="picker-list">
        {sections.length === 0 && <p className="muted picker-empty">No criterion matches “{query}”.</p>}
        {sections.map((section) => (
          <div key={section.series} className="picker-section">
            <p className="picker-series">
              {TSC_CATEGORIES[section.series]} ({section.series})
              {!inScope.has(section.series) && <span className="picker-out"> — not in scope</span>}
            </p>
            {section.groups.map(({ group, criteria }) => (
              <div key={group.id} className="picker-group" role="group" aria-label={`${group.id} ${group.title}`}>
                {TSC_GROUPS.filter((g) => g.series === section.series).length > 1 && (
                  <p className="picker-group-title">
                    {group.id} · {group.title}
                  </p>
                )}
                {criteria.map((c) => (
                  <label key={c.id} className="picker-option">
                    <input type="checkbox" checked={picked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                    <code className="picker-id">{c.id}</code> <span>{c.title}</span>
                  </label>
                ))}
              </div>
            ))}
          </div>
        ))}
      </div>
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
