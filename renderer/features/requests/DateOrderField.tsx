import { useId } from 'react';
import { DATE_ORDER_LABELS, DATE_ORDERS, type DateOrder, type DateOrderGuess } from '../../../shared/csv/requestsCsv';
import { visibleName } from '../../../shared/files/visibleName';

/**
 * Which way round the file's dates are (03/04/2026: March or April?). Shown only when the file
 * has such dates; the guess is pre-selected and says what it was based on.
 */
export function DateOrderField({
  guess,
  value,
  onChange,
}: {
  readonly guess: DateOrderGuess;
  readonly value: DateOrder;
  readonly onChange: (order: DateOrder) => void;
}): React.JSX.Element {
  const id = useId();
  const basis =
    guess.because === null
      ? 'Every date in the file reads both ways: check one you know.'
      : `Guessed from ${visibleName(guess.because.value)} on line ${guess.because.line}, which can only be ${guess.order === 'mdy' ? 'month first' : 'day first'}.`;
  const conflicts = guess.conflicts > 0 ? ` ${guess.conflicts} ${guess.conflicts === 1 ? 'date reads' : 'dates read'} only the other way and will show as errors.` : '';
  return (
    <div className="field request-date-order">
      <label htmlFor={id}>Dates in this file are</label>
      <select id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(DATE_ORDERS.find((o) => o === e.target.value) ?? value)}>
        {DATE_ORDERS.map((order) => (
          <option key={order} value={order}>
            {DATE_ORDER_LABELS[order]}
          </option>
        ))}
      </select>
      <span id={`${id}-hint`} className="muted">
        {basis}
        {conflicts}
      </span>
    </div>
  );
}
