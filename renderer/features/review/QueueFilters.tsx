import { criterionById } from '../../../shared/catalog/tsc';
import type { ControlRecord } from '../../../shared/domain/records';
import { Field } from '../../components/Field';
import type { QueueFilter } from './queueGroups';

const ANY = '';

/** Search and filters over the items waiting for review; every change applies at once. */
export function QueueFilters({
  filter,
  onChange,
  controls,
  criteria,
  canClear,
  onClear,
}: {
  readonly filter: QueueFilter;
  readonly onChange: (patch: Partial<QueueFilter>) => void;
  readonly controls: readonly ControlRecord[];
  readonly criteria: readonly string[];
  readonly canClear: boolean;
  readonly onClear: () => void;
}): React.JSX.Element {
  return (
    <form className="queue-filters" role="search" aria-label="Filter the review queue" onSubmit={(e) => e.preventDefault()}>
      <Field label="Search names and notes" error={undefined}>
        {(props) => <input {...props} type="search" value={filter.text} placeholder="e.g. okta, firewall" onChange={(e) => onChange({ text: e.target.value })} />}
      </Field>
      <Field label="Control" error={undefined}>
        {(props) => (
          <select {...props} value={filter.controlId ?? ANY} onChange={(e) => onChange({ controlId: e.target.value === ANY ? null : e.target.value })}>
            <option value={ANY}>All controls</option>
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.ref} — {c.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Criterion" error={undefined}>
        {(props) => (
          <select {...props} value={filter.criterion ?? ANY} onChange={(e) => onChange({ criterion: e.target.value === ANY ? null : e.target.value })}>
            <option value={ANY}>All criteria</option>
            {criteria.map((id) => (
              <option key={id} value={id} title={criterionById(id)?.title}>
                {id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="queue-filter-actions">
        <button type="button" className="button button-small" onClick={onClear} disabled={!canClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
