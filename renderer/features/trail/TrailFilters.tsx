import type { LogAction } from '../../../shared/domain/records';
import { ACTION_LABELS, kindLabel, type TrailFilter } from '../../../shared/integrity/logView';
import { Field } from '../../components/Field';

export type TrailOrder = 'newest' | 'oldest';

/** A select's value back as one of the allowed options, without a cast. */
function oneOf<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return allowed.find((option) => option === value) ?? '';
}

/** The filter bar of the audit trail. Every change applies at once; there is nothing to submit. */
export function TrailFilters({
  filter,
  onChange,
  ready,
  actions,
  kinds,
  actors,
  order,
  onOrder,
  canClear,
  onClear,
}: {
  readonly filter: TrailFilter;
  readonly onChange: (patch: Partial<TrailFilter>) => void;
  /** False while the whole trail is still being read: the choices below are not known yet. */
  readonly ready: boolean;
  readonly actions: readonly LogAction[];
  readonly kinds: readonly string[];
  readonly actors: readonly string[];
  readonly order: TrailOrder;
  readonly onOrder: (order: TrailOrder) => void;
  readonly canClear: boolean;
  readonly onClear: () => void;
}): React.JSX.Element {
  return (
    <form className="trail-filters" role="search" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
      <Field label="Search" error={undefined}>
        {(props) => (
          <input {...props} type="search" value={filter.text} placeholder="name, detail, hash…" onChange={(e) => onChange({ text: e.target.value })} />
        )}
      </Field>
      <Field label="Action" error={undefined}>
        {(props) => (
          <select {...props} value={filter.action} onChange={(e) => onChange({ action: oneOf(e.target.value, actions) })} disabled={!ready}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Target" error={undefined}>
        {(props) => (
          <select {...props} value={filter.kind} onChange={(e) => onChange({ kind: oneOf(e.target.value, kinds) })} disabled={!ready}>
            <option value="">All targets</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Actor" error={undefined}>
        {(props) => (
          <select {...props} value={filter.actor} onChange={(e) => onChange({ actor: oneOf(e.target.value, actors) })} disabled={!ready}>
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From" error={undefined}>
        {(props) => <input {...props} type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />}
      </Field>
      <Field label="To" error={undefined}>
        {(props) => <input {...props} type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />}
      </Field>
      <Field label="Order" error={undefined}>
        {(props) => (
          <select {...props} value={order} onChange={(e) => onOrder(e.target.value === 'oldest' ? 'oldest' : 'newest')}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        )}
      </Field>
      <div className="trail-filter-actions">
        <button type="button" className="link-button" onClick={onClear} disabled={!canClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
