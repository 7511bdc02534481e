import type { ChainCheck } from '../../../shared/log/chain';

export interface ChainResult {
  readonly check: ChainCheck;
  readonly text: string;
  readonly checkedAt: Date;
}

/**
 * The chain check's verdict, in words and not colour alone. A broken chain names its first
 * broken entry and offers to show it; everything after it can no longer be trusted either.
 */
export function ChainStatus({
  result,
  checking,
  progress,
  onCheck,
  onShow,
}: {
  readonly result: ChainResult | null;
  readonly checking: boolean;
  /** Entries hashed so far while checking, when the total is known. */
  readonly progress: { readonly checked: number; readonly total: number } | null;
  readonly onCheck: () => void;
  readonly onShow: (seq: number) => void;
}): React.JSX.Element {
  const broken = result !== null && !result.check.ok ? result.check : null;
  const tone = checking || result === null ? 'pending' : broken ? 'broken' : 'intact';
  return (
    <div className={`trail-chain trail-chain-${tone}`} role="status" aria-live="polite">
      <span className="trail-chain-mark" aria-hidden="true">
        {tone === 'intact' ? '✓' : tone === 'broken' ? '!' : '…'}
      </span>
      <div className="trail-chain-text">
        <strong data-testid="chain-status">{checking || result === null ? 'Checking the hash chain…' : result.text}</strong>
        {checking && progress !== null && (
          <span className="muted">
            {' '}
            {Math.min(progress.checked, progress.total).toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} entries hashed.
          </span>
        )}
        {!checking && result !== null && (
          <span className="muted">
            {broken
              ? ' Entries from this one on can no longer be trusted: someone changed the trail outside the app.'
              : ' Every entry hashes to its recorded hash and links to the one before it.'}{' '}
            Checked {result.checkedAt.toLocaleTimeString('en-GB')}.
          </span>
        )}
      </div>
      <div className="trail-chain-actions">
        {broken && (
          <button type="button" className="button trail-small" onClick={() => onShow(broken.seq)}>
            Show entry {broken.seq}
          </button>
        )}
        <button type="button" className="button trail-small" onClick={onCheck} disabled={checking}>
          Check chain
        </button>
      </div>
    </div>
  );
}
