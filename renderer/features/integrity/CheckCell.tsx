import type { CheckOutcome } from '../../../shared/integrity/check';
import { visibleName } from '../../../shared/files/visibleName';

const LABELS = { pass: 'Pass', fail: 'Fail' } as const;

/**
 * One check of one item: a word and a colour, then what was confirmed or what is wrong. The
 * item's own name is dropped from the start of each message: the row already names it.
 */
export function CheckCell({ outcome, name, none }: { readonly outcome: CheckOutcome; readonly name: string; readonly none: string }): React.JSX.Element {
  const prefix = `"${name}": `;
  return (
    <td className={`ic-check ic-check-${outcome.status}`}>
      <span className={`ic-tag ic-tag-${outcome.status}`}>{outcome.status === 'none' ? none : LABELS[outcome.status]}</span>
      {outcome.messages.length > 0 && (
        <ul className="ic-messages">
          {outcome.messages.map((message) => (
            <li key={message}>{visibleName(message.startsWith(prefix) ? message.slice(prefix.length) : message)}</li>
          ))}
        </ul>
      )}
    </td>
  );
}
