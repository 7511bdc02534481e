export function FatalScreen({ message }: { readonly message: string }): React.JSX.Element {
  return (
    <div className="fatal" role="alert">
      <h1>Evidence Locker cannot start</h1>
      <p>{message}</p>
    </div>
  );
}
