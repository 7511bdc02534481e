import { useState } from 'react';

/**
 * A fingerprint as groups of four hex digits in a grid, so two people can read it to each other
 * group by group. The whole text stays one selectable string for pasting.
 */
export function Fingerprint({ value }: { readonly value: string }): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  const groups = value.split(' ');
  const copy = (): void => {
    navigator.clipboard.writeText(value).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="fingerprint">
      <code className="fingerprint-groups" data-testid="key-fingerprint" aria-label={`Fingerprint ${value}`}>
        {groups.map((group, i) => (
          <span key={i} className="fingerprint-group">
            {group}
            {i < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </code>
      <button type="button" className="link-button" onClick={copy} aria-label="Copy fingerprint">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
