import { useState } from 'react';
import type { EvidenceRecord } from '../../../shared/domain/records';
import { checkWithdrawalReason, isPurged, REASON_MAX } from '../../../shared/evidence/withdrawal';
import { formatBytes } from '../../../shared/time/format';
import { messageOf } from '../../bridge';
import { purgeWithdrawnBytes, restoreEvidence, withdrawEvidence, type ItemPurge } from '../../db/withdrawal';
import { actorOf, useSystemInfo } from '../app/systemInfo';

type Step = 'idle' | 'withdrawing' | 'purging';

function purgeOutcome(purge: ItemPurge): string {
  if (purge.error !== null) return `The row is marked purged, but the bytes could not be removed: ${purge.error}. They stay on disk, unused.`;
  const removed = purge.result?.purged ?? [];
  const bytes = removed.reduce((n, p) => n + p.size, 0);
  const parts: string[] = [];
  if (removed.length > 0) parts.push(`Purged ${removed.length === 1 ? '1 stored file' : `${removed.length} stored files`} (${formatBytes(bytes)}) from this computer.`);
  if (purge.plan.keep.length > 0) parts.push(`Kept ${purge.plan.keep.length === 1 ? '1 file' : `${purge.plan.keep.length} files`}: another item, audit or raw capture still uses the same bytes.`);
  return parts.join(' ') || 'Nothing was stored for it any more.';
}

/**
 * Taking an item back out of the audit (issue #13), undoing that, and purging its bytes. Each
 * step asks first and says what it does; every one is recorded in the audit trail.
 */
export function WithdrawPanel({ item }: { readonly item: EvidenceRecord }): React.JSX.Element {
  const info = useSystemInfo();
  const [step, setStep] = useState<Step>('idle');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const withdrawn = (item.withdrawal ?? null) !== null;
  const checked = checkWithdrawalReason(reason);

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setStep('idle');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (isPurged(item)) return <>{outcome && <p role="status" className="withdraw-outcome">{outcome}</p>}</>;

  if (!withdrawn && step !== 'withdrawing') {
    return (
      <div className="withdraw-panel">
        <button type="button" className="link-button withdraw-open" onClick={() => setStep('withdrawing')}>
          Withdraw this item…
        </button>
        <span className="muted">Attached by mistake? Take it out of the audit; the trail keeps a record.</span>
      </div>
    );
  }

  if (!withdrawn) {
    return (
      <form
        className="withdraw-panel withdraw-form"
        aria-label="Withdraw this item"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (checked.ok) void run(() => withdrawEvidence(item.id, checked.reason, actorOf(info)));
        }}
      >
        <label>
          <span>Why is it withdrawn?</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={REASON_MAX + 100} aria-invalid={tried && !checked.ok} aria-required="true" autoFocus />
        </label>
        <p className="muted">
          It leaves coverage, the review queue, every count and every future bundle. It stays in the audit trail with your reason, and you can undo
          this until its bytes are purged.
        </p>
        {tried && !checked.ok && (
          <p className="field-error" role="alert">
            {checked.error}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="withdraw-actions">
          <button type="submit" className="button button-danger" disabled={busy}>
            Withdraw item
          </button>
          <button type="button" className="button" onClick={() => setStep('idle')} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="withdraw-panel">
      {step === 'purging' ? (
        <div className="withdraw-form" role="group" aria-label="Purge stored bytes">
          <p>
            Remove this item&apos;s stored bytes (and its raw capture, if kept) from this computer? Anything another item, another audit or a raw capture still uses
            stays. This cannot be undone; the audit trail keeps its name, hash and your reason.
          </p>
          <div className="withdraw-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  setOutcome(purgeOutcome(await purgeWithdrawnBytes(item.id, actorOf(info))));
                })
              }
            >
              Purge bytes
            </button>
            <button type="button" className="button" onClick={() => setStep('idle')} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="withdraw-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => restoreEvidence(item.id, actorOf(info)))}>
            Undo withdrawal
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setStep('purging')}>
            Purge stored bytes…
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
