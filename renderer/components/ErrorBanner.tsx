export function ErrorBanner({ message, onDismiss }: { readonly message: string; readonly onDismiss?: () => void }): React.JSX.Element {
  return (
    <div className="banner banner-error" role="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
