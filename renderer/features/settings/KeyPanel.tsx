import { formatInZone, formatUtc } from '../../../shared/time/format';
import type { Reviewer } from '../../db/reviewer';
import { useSystemInfo } from '../app/systemInfo';
import { Fingerprint } from './Fingerprint';

/** The key's fingerprint, with what it proves and what it does not, said plainly (DESIGN.md §4). */
export function KeyPanel({ reviewer }: { readonly reviewer: Reviewer }): React.JSX.Element {
  const info = useSystemInfo();
  return (
    <section className="panel settings-key" aria-labelledby="key-heading">
      <h2 id="key-heading">Signing key</h2>
      <p className="settings-key-label">Key fingerprint</p>
      <Fingerprint value={reviewer.fingerprint} />
      <dl className="settings-facts">
        <dt>Created</dt>
        <dd>
          {formatUtc(reviewer.createdAt)}
          <span className="muted"> · {formatInZone(reviewer.createdAt, info.timeZone)}</span>
        </dd>
        <dt>Algorithm</dt>
        <dd>Ed25519, made on this computer</dd>
      </dl>
      <div className="settings-explain">
        <div>
          <h3>What it proves</h3>
          <p>
            Every sign-off signed with this key came from this installation&apos;s key, and was not altered since. Anyone holding an exported
            bundle can check that.
          </p>
        </div>
        <div>
          <h3>What it does not prove</h3>
          <p>
            It does not prove who the person is: anyone can type a name. The auditor confirms identity by comparing this fingerprint with you
            out of band, for example reading it aloud on a call.
          </p>
        </div>
        <div>
          <h3>It stays on this computer</h3>
          <p>
            The private key cannot be exported, not even by this app. A new computer means a new key: tell the auditor its new fingerprint.
          </p>
        </div>
      </div>
      <details className="settings-public-key">
        <summary>Public key (base64, for verification tools)</summary>
        <code>{reviewer.publicKeyRaw}</code>
      </details>
    </section>
  );
}
