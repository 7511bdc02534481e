/** A message about something the user asked for that could not be done here (a menu command). */
export function AppNotice({ message, onDismiss }: { readonly message: string; readonly onDismiss: () => void }): React.JSX.Element {
  return (
    <div className="global-capture-hint" role="alert">
      {message}
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
