import { useEffect, useRef, useState } from 'react';
import type { AuditRemovalFacts } from '../../../shared/audits/removal';
import { formatBytes } from '../../../shared/time/format';
import { visibleName } from '../../../shared/files/visibleName';
import { messageOf } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { auditRemovalFacts } from '../../db/auditLifecycle';

export type RemovalKind = 'archive' | 'delete';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** What the confirmation says goes (delete) or stays (archive), from counts read just now. */
function Facts({ kind, facts }: { readonly kind: RemovalKind; readonly facts: AuditRemovalFacts }): React.JSX.Element {
  const rows = `${count(facts.controls, 'control')}, ${count(facts.evidence, 'evidence item')}, ${count(facts.signoffs, 'sign-off')}, ${count(facts.requests, 'request')}, ${count(facts.tasks, 'task')} and its audit trail (${count(facts.logEntries, 'entry', 'entries')})`;
  if (kind === 'archive') {
    return (
      <p>
        It leaves the audit list; nothing is deleted: {rows} stay as they are. <q>Show archived</q> on the audit list brings it back.
      </p>
    );
  }
  const { own, shared } = facts.blobs;
  return (
    <>
      <p>This deletes {rows} from this computer.</p>
      <ul className="removal-files">
        <li>
          {own.count === 0
            ? 'No evidence file is only this audit’s: no file is deleted.'
            : `${count(own.count, 'evidence file')} (${formatBytes(own.bytes)}) only this audit uses ${own.count === 1 ? 'is' : 'are'} deleted from the evidence store.`}
        </li>
        {shared.count > 0 && (
          <li>
            {count(shared.count, 'evidence file')} ({formatBytes(shared.bytes)}) another audit also uses {shared.count === 1 ? 'stays' : 'stay'}.
          </li>
        )}
      </ul>
      <p className="removal-warning">This cannot be undone. Export a bundle first if anyone may need this audit again.</p>
    </>
  );
}

/** Confirms archiving or deleting an audit, saying what goes; `onConfirm` does it. */
export function AuditRemovalDialog({
  auditId,
  kind,
  onConfirm,
  onClose,
}: {
  readonly auditId: string;
  readonly kind: RemovalKind;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [facts, setFacts] = useState<AuditRemovalFacts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    let live = true;
    auditRemovalFacts(auditId).then(
      (found) => live && setFacts(found),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
      element?.close();
    };
  }, [auditId]);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const verb = kind === 'archive' ? 'Archive' : 'Delete';
  return (
    <dialog
      ref={dialog}
      className="removal-dialog"
      aria-labelledby="removal-heading"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="removal-heading">
        {verb} “{facts ? visibleName(facts.name) : '…'}”?
      </h2>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {facts ? <Facts kind={kind} facts={facts} /> : !error && <p className="muted">Counting what it holds…</p>}
      <div className="removal-actions">
        <button type="button" className={`button ${kind === 'delete' ? 'button-danger' : 'button-primary'}`} disabled={busy || facts === null} onClick={() => void confirm()}>
          {busy ? `${verb === 'Delete' ? 'Deleting' : 'Archiving'}…` : `${verb} audit`}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onClose} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
