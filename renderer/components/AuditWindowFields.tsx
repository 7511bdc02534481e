import { useMemo } from 'react';
import type { NewAuditErrors, NewAuditInput } from '../../shared/domain/audit';
import { Field } from './Field';

export type AuditWindowInput = Pick<NewAuditInput, 'type' | 'asOf' | 'periodStart' | 'periodEnd' | 'timeZone'>;

/**
 * Report type, as-of date or period, and time zone: the fields that decide every period slot,
 * shared by the new-audit form and the Scope step so both offer exactly the same choices.
 */
interface AuditWindowFieldsProps {
  readonly value: AuditWindowInput;
  readonly errors: NewAuditErrors;
  // Method syntax on purpose: callers pass their form's wider setter (over every field of
  // the form), which method parameters accept.
  onChange<K extends keyof AuditWindowInput>(this: void, key: K, value: AuditWindowInput[K]): void;
  /** Radio groups need a name unique on the page. */
  readonly radioName: string;
  /** Shown under the dates, e.g. a period outside 3–12 months. */
  readonly warning?: React.ReactNode;
}

export function AuditWindowFields({ value, errors, onChange, radioName, warning }: AuditWindowFieldsProps): React.JSX.Element {
  // Chromium's list has no plain "UTC", and the current zone may be an alias it omits (or come
  // from a bundle): both must stay choosable, or the select shows one zone and the form keeps another.
  const zones = useMemo(() => {
    const list = Intl.supportedValuesOf('timeZone');
    return [...new Set(['UTC', value.timeZone, ...list])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
  }, [value.timeZone]);

  return (
    <>
      <fieldset className="field">
        <legend>Report type</legend>
        <label className="radio">
          <input type="radio" name={radioName} checked={value.type === 'type1'} onChange={() => onChange('type', 'type1')} />
          <span>
            <strong>Type I</strong> — control design as of one date
          </span>
        </label>
        <label className="radio">
          <input type="radio" name={radioName} checked={value.type === 'type2'} onChange={() => onChange('type', 'type2')} />
          <span>
            <strong>Type II</strong> — operating effectiveness over a period (3–12 months)
          </span>
        </label>
      </fieldset>
      {value.type === 'type1' ? (
        <Field label="As of" error={errors.asOf}>
          {(props) => <input {...props} type="date" value={value.asOf} onChange={(e) => onChange('asOf', e.target.value)} />}
        </Field>
      ) : (
        <div className="field-row">
          <Field label="Period start" error={errors.periodStart}>
            {(props) => <input {...props} type="date" value={value.periodStart} onChange={(e) => onChange('periodStart', e.target.value)} />}
          </Field>
          <Field label="Period end" error={errors.periodEnd}>
            {(props) => <input {...props} type="date" value={value.periodEnd} onChange={(e) => onChange('periodEnd', e.target.value)} />}
          </Field>
        </div>
      )}
      {warning}
      <Field label="Time zone of the organization" error={errors.timeZone}>
        {(props) => (
          <select {...props} value={value.timeZone} onChange={(e) => onChange('timeZone', e.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
