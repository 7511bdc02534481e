import type { ControlRecord } from '../../../shared/domain/records';
import type { FieldControlProps } from '../../components/Field';

/**
 * A control picker with the gaps first: most tasks close a gap found in Readiness. A control
 * that is no longer active but still selected stays listed, so the select never lies about the
 * stored value.
 */
export function ControlSelect({
  controls,
  value,
  onChange,
  ...field
}: {
  readonly controls: readonly ControlRecord[];
  readonly value: string | null;
  readonly onChange: (controlId: string | null) => void;
} & (FieldControlProps | { readonly 'aria-label': string })): React.JSX.Element {
  const gaps = controls.filter((c) => c.readiness === 'gap');
  const others = controls.filter((c) => c.readiness !== 'gap');
  const unknown = value !== null && !controls.some((c) => c.id === value);
  const option = (c: ControlRecord): React.JSX.Element => (
    <option key={c.id} value={c.id}>
      {c.ref} {c.title}
    </option>
  );
  return (
    <select {...field} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">No specific control</option>
      {unknown && <option value={value}>A control no longer in scope</option>}
      {gaps.length > 0 && <optgroup label="Gaps found in Readiness">{gaps.map(option)}</optgroup>}
      <optgroup label={gaps.length > 0 ? 'Other controls' : 'Controls'}>{others.map(option)}</optgroup>
    </select>
  );
}
