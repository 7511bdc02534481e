/** One key combination, "Ctrl+Enter", as <kbd> elements; "⌘⇧E" stays one key cap. */
export function KeyCombo({ combo }: { readonly combo: string }): React.JSX.Element {
  const parts = combo.length > 1 && combo.includes('+') ? combo.split('+') : [combo];
  return (
    <span className="key-combo">
      {parts.map((part, i) => (
        <span key={`${part}-${i}`}>
          {i > 0 && '+'}
          <kbd>{part}</kbd>
        </span>
      ))}
    </span>
  );
}
