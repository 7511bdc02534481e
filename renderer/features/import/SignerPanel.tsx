import type { Signer } from '../../../shared/verify/report';
import { Fingerprint } from '../settings/Fingerprint';
import { useKeyNames } from '../review/keyNames';
import { ConfirmKeyForm } from './ConfirmKeyForm';

/**
 * Who signed the bundle (issue #11 §3): the exporter's key, named from this installation's
 * keyring or not at all. An unknown exporter key must be confirmed by fingerprint before the
 * bundle can be imported; sign-offs by other unknown keys are imported but never count.
 */
export function SignerPanel({
  exporter,
  others,
  builtInSample,
  onConfirm,
}: {
  readonly exporter: Signer | null;
  readonly others: readonly Signer[];
  readonly builtInSample: boolean;
  readonly onConfirm: (who: { name: string; role: string; how: string }) => Promise<void>;
}): React.JSX.Element {
  const names = useKeyNames();
  const known = exporter ? names.get(exporter.fingerprint) : undefined;
  const unknownOthers = others.filter((s) => !names.has(s.fingerprint));
  return (
    <section className={`signer-panel ${known || builtInSample ? 'signer-known' : 'signer-unknown'}`} aria-labelledby="signer-heading">
      <h3 id="signer-heading">Who signed this bundle</h3>
      {exporter === null ? (
        <p>No valid bag signature: nobody can be named.</p>
      ) : (
        <>
          <Fingerprint value={exporter.fingerprint} />
          {known ? (
            <p>
              Signed by <strong>{known.name}</strong>
              {known.role && ` (${known.role})`}: a key in your keyring.
            </p>
          ) : builtInSample ? (
            <p>
              The built-in sample is signed by a key this app made just now for its <strong>fictional</strong> reviewer. Importing it adds that key to
              your keyring, marked as the sample&apos;s.
            </p>
          ) : (
            <>
              <p className="signer-warning" role="alert">
                <strong>Signed by an unknown key.</strong> It is not in your keyring, and the bundle cannot say who holds it: anyone can re-sign a bag.
                Compare this fingerprint with the person who sent you the bundle — read it aloud on a call, or check it against the key card they
                gave you. It cannot be imported until you confirm the key.
              </p>
              <ConfirmKeyForm fingerprint={exporter.fingerprint} onConfirm={onConfirm} />
            </>
          )}
        </>
      )}
      {unknownOthers.length > 0 && (
        <div className="signer-others">
          <p>
            Decisions here are also signed by {unknownOthers.length === 1 ? 'a key' : `${unknownOthers.length} keys`} not in your keyring. They are
            imported as history but show as <em>signed by an unknown key</em> and never count as approvals until you confirm the key in Settings:
          </p>
          <ul>
            {unknownOthers.map((s) => (
              <li key={s.fingerprint}>
                <code>{s.fingerprint}</code> · {s.signed.countedSignoffs} decision(s)
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
