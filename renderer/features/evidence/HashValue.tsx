import { useState } from 'react';

/**
 * The full SHA-256, selectable, with a copy button: auditors compare it character by character.
 * It wraps inside its column rather than widening the page (issue #13: hashes ran past the card).
 */
export function HashValue({ sha256, label = 'Copy SHA-256', testId = 'sha256' }: { readonly sha256: string; readonly label?: string; readonly testId?: string }): React.JSX.Element {
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
      <code data-testid={testId} title={sha256}>
        {sha256}
      </code>
      <button type="button" className="link-button" onClick={copy} aria-label={label}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
