import { useState } from 'react';

/** The full SHA-256, selectable, with a copy button: auditors compare it character by character. */
export function HashValue({ sha256 }: { readonly sha256: string }): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    navigator.clipboard.writeText(sha256).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <span className="hash">
      <code data-testid="sha256">{sha256}</code>
      <button type="button" className="link-button" onClick={copy} aria-label="Copy SHA-256">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
