import { useState } from 'react';
import { keyCardFileName, makeKeyCard, renderKeyCardHtml } from '../../../shared/trust/keycard';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { Reviewer } from '../../db/reviewer';

/**
 * The key card (issue #11 §3): a small page with the reviewer's name, role, public key and
 * fingerprint that the auditor keeps from the start of the engagement and gives to the
 * verifier (`--trust card.html`, or VERIFY.html's key card field).
 */
export function KeyCardPanel({ reviewer }: { readonly reviewer: Reviewer }): React.JSX.Element {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const card = await makeKeyCard(reviewer);
      const result = await unwrap(bridge().saveKeyCard({ suggestedName: keyCardFileName(card), html: renderKeyCardHtml(card) }));
      if (result.status === 'written') setStatus(`Saved ${result.path}. Open it in a browser to print it.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel settings-keycard" aria-labelledby="keycard-heading">
      <h2 id="keycard-heading">Your key card</h2>
      <p>
        Give your auditor this card at the start of the engagement, and read the fingerprint to them once on a call. With it, their verifier
        passes your bundles and counts your sign-offs, and reports any bundle signed by another key as <em>signer not confirmed</em>.
      </p>
      <p className="muted">It holds your name, role, public key and fingerprint, signed by your key: a page that prints on one sheet, which the verifier also reads.</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy}>
          Save key card…
        </button>
        {status && (
          <span className="settings-status" role="status">
            {status}
          </span>
        )}
      </div>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
