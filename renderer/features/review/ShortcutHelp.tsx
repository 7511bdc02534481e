const SHORTCUTS: readonly (readonly [keys: readonly string[], what: string])[] = [
  [['j', '↓'], 'next item'],
  [['k', '↑'], 'previous item'],
  [['x'], 'select / unselect'],
  [['a'], 'approve selected (or current)'],
  [['r'], 'write a rejection comment'],
  [['Ctrl', 'Enter'], 'reject, in the comment'],
  [['Esc'], 'leave the comment'],
];

export function ShortcutHelp(): React.JSX.Element {
  return (
    <aside className="shortcut-help" aria-label="Keyboard shortcuts">
      <ul>
        {SHORTCUTS.map(([keys, what]) => (
          <li key={what}>
            {keys.map((key, i) => (
              <span key={key}>
                {i > 0 && (keys[0] === 'Ctrl' ? '+' : '/')}
                <kbd>{key}</kbd>
              </span>
            ))}{' '}
            {what}
          </li>
        ))}
      </ul>
    </aside>
  );
}
