import { KeyCombo } from '../shortcuts/KeyCombo';
import { REVIEW_SHORTCUTS } from '../shortcuts/shortcutList';

/** The review queue's shortcuts beside it; all of the app's are on the shortcut sheet (?). */
export function ShortcutHelp(): React.JSX.Element {
  return (
    <aside className="shortcut-help" aria-label="Keyboard shortcuts">
      <ul>
        {REVIEW_SHORTCUTS.map(({ keys, action }) => (
          <li key={action}>
            {keys.map((combo, i) => (
              <span key={combo}>
                {i > 0 && '/'}
                <KeyCombo combo={combo} />
              </span>
            ))}{' '}
            {action}
          </li>
        ))}
        <li>
          <KeyCombo combo="?" /> all shortcuts
        </li>
      </ul>
    </aside>
  );
}
