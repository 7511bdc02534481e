import { criterionById } from '../../../shared/catalog/tsc';
import { OUTSIDE_WINDOW } from '../../../shared/coverage/coverage';
import type { Review } from '../../../shared/coverage/coverage';
import type { BrowserControl, EvidenceFilter } from '../../../shared/coverage/evidenceFilter';
import { AUDIT_STEPS } from '../../../shared/domain/types';
import type { Slot } from '../../../shared/periods/slots';
import { STEP_LABELS } from '../../../shared/domain/labels';
import { Field } from '../../components/Field';
import { REVIEW_LABELS } from './labels';

const REVIEWS: readonly Review[] = ['pending', 'approved', 'rejected'];

/** A select's value for "any": the empty string, which no id, step or status can be. */
const ANY = '';

function idOrNull(value: string): string | null {
  return value === ANY ? null : value;
}

/** A select's value back as one of the allowed options, without a cast. */
function oneOf<T extends string>(value: string, allowed: readonly T[]): T | null {
  return allowed.find((option) => option === value) ?? null;
}

/** The filter bar. Every change applies at once; there is nothing to submit. */
export function EvidenceFilters({
  filter,
  onChange,
  controls,
  slots,
  criteria,
  canClear,
  onClear,
}: {
  readonly filter: EvidenceFilter;
  readonly onChange: (patch: Partial<EvidenceFilter>) => void;
  /** The controls to choose from, retired ones already marked in `ref`. */
  readonly controls: readonly (BrowserControl & { readonly title: string; readonly retired: boolean })[];
  /** The chosen control's slots, or null when no control is chosen. */
  readonly slots: readonly Slot[] | null;
  readonly criteria: readonly string[];
  readonly canClear: boolean;
  readonly onClear: () => void;
}): React.JSX.Element {
  return (
    <form className="eb-filters" role="search" aria-label="Filter evidence" onSubmit={(e) => e.preventDefault()}>
      <Field label="Search names and notes" error={undefined}>
        {(props) => <input {...props} type="search" value={filter.text} placeholder="e.g. okta, Q1 export" onChange={(e) => onChange({ text: e.target.value })} />}
      </Field>
      <Field label="Control" error={undefined}>
        {(props) => (
          <select {...props} value={filter.controlId ?? ANY} onChange={(e) => onChange({ controlId: idOrNull(e.target.value), slotId: null })}>
            <option value={ANY}>All controls</option>
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.ref} — {c.title}
                {c.retired ? ' (retired)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Slot" error={undefined}>
        {(props) => (
          <select
            {...props}
            value={filter.slotId ?? ANY}
            onChange={(e) => onChange({ slotId: idOrNull(e.target.value) })}
            disabled={slots === null}
            title={slots === null ? 'Slots belong to a control: choose one first.' : undefined}
          >
            <option value={ANY}>{slots === null ? 'Choose a control first' : 'All slots'}</option>
            {slots?.map((slot) => (
              <option key={slot.id} value={slot.id}>
                {slot.label}
                {slot.partial ? ' (partial)' : ''}
              </option>
            ))}
            {slots !== null && <option value={OUTSIDE_WINDOW}>Outside the audit window</option>}
          </select>
        )}
      </Field>
      <Field label="Step" error={undefined}>
        {(props) => (
          <select {...props} value={filter.step ?? ANY} onChange={(e) => onChange({ step: oneOf(e.target.value, AUDIT_STEPS) })}>
            <option value={ANY}>All steps</option>
            {AUDIT_STEPS.map((step) => (
              <option key={step} value={step}>
                {STEP_LABELS[step]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Criterion" error={undefined}>
        {(props) => (
          <select {...props} value={filter.criterion ?? ANY} onChange={(e) => onChange({ criterion: idOrNull(e.target.value) })}>
            <option value={ANY}>All criteria</option>
            {criteria.map((id) => (
              <option key={id} value={id} title={criterionById(id)?.title}>
                {id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Status" error={undefined}>
        {(props) => (
          <select {...props} value={filter.status ?? ANY} onChange={(e) => onChange({ status: oneOf(e.target.value, REVIEWS) })}>
            <option value={ANY}>Any status</option>
            {REVIEWS.map((review) => (
              <option key={review} value={review}>
                {REVIEW_LABELS[review]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="eb-filter-actions">
        <label className="eb-check">
          <input type="checkbox" checked={filter.includeSuperseded} onChange={(e) => onChange({ includeSuperseded: e.target.checked })} />
          Show superseded versions
        </label>
        <label className="eb-check">
          <input type="checkbox" checked={filter.includeWithdrawn} onChange={(e) => onChange({ includeWithdrawn: e.target.checked })} />
          Show withdrawn items
        </label>
        <button type="button" className="button" onClick={onClear} disabled={!canClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
