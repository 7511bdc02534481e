import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { BundleInspection } from '../../../shared/bridge/contract';
import { checkImportHistory } from '../../../shared/bundle/importHistory';
import { planImport, type ImportPreview } from '../../../shared/bundle/importPlan';
import { visibleName } from '../../../shared/files/visibleName';
import { trustedFromKeyring } from '../../../shared/trust/keyring';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { importBundle, localStateFor, localTrailOf } from '../../db/importBundle';
import { listKeyring, trustKey } from '../../db/keyring';
import { getReviewer } from '../../db/reviewer';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor, navigate } from '../app/useHashRoute';
import { ImportButton } from './ImportButton';
import { ImportChecks } from './ImportChecks';
import { ImportSummary } from './ImportSummary';
import type { Planned } from './planned';
import { SignerPanel } from './SignerPanel';
import './import.css';

type Inspected = Extract<BundleInspection, { status: 'inspected' }>;
type Phase =
  | { kind: 'idle' }
  | { kind: 'inspecting' }
  | { kind: 'inspected'; bundle: Inspected; planned: Planned | null; previewError: string | null }
  | { kind: 'importing'; bundle: Inspected; planned: Planned; done: number; total: number }
  | { kind: 'imported'; preview: ImportPreview };

/**
 * Import a bundle (a restore, or a manager reviewing a collector's work): main verifies it with
 * the one verification core, trusting the keys of this installation's keyring. A bundle that
 * fails can be inspected but not merged; one signed by an unknown key is merged only after the
 * user confirms the key by fingerprint; one whose trail does not extend the trail held here is
 * refused. The merge adds only what is not here yet and is logged.
 */
export function ImportPage({ choose: chooseNow = false }: { readonly choose?: boolean } = {}): React.JSX.Element {
  const info = useSystemInfo();
  const keyring = useLiveQuery(listKeyring, [], []);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      bridge().onEvent('bundle:import-progress', ({ done, total }) =>
        setPhase((p) => (p.kind === 'importing' ? { ...p, done, total } : p)),
      ),
    [],
  );

  const choose = async (source: 'file' | 'sample'): Promise<void> => {
    setError(null);
    setPhase({ kind: 'inspecting' });
    try {
      const trusted = trustedFromKeyring(await listKeyring());
      const result = await unwrap(source === 'sample' ? bridge().openSample({ trusted }) : bridge().inspectBundle({ trusted }));
      if (result.status === 'cancelled') {
        setPhase({ kind: 'idle' });
        return;
      }
      let planned: Planned | null = null;
      let previewError: string | null = null;
      if (result.manifestJson !== null && result.auditLog !== null) {
        try {
          const auditId = (JSON.parse(result.manifestJson) as { audit?: { id?: unknown } }).audit?.id;
          const id = typeof auditId === 'string' ? auditId : '';
          const preview = planImport(result.manifestJson, result.auditLog, await localStateFor(id));
          const history = checkImportHistory({
            local: preview.auditExists ? await localTrailOf(id) : [],
            bundle: preview.log,
            exporter: result.report.facts.bagSigningKey,
            ownKey: (await getReviewer())?.fingerprint ?? null,
          });
          planned = { preview, history };
        } catch (e) {
          previewError = messageOf(e);
        }
      }
      setPhase({ kind: 'inspected', bundle: result, planned, previewError });
    } catch (e) {
      setError(messageOf(e));
      setPhase({ kind: 'idle' });
    }
  };

  const exporterOf = (bundle: Inspected) => bundle.report.signers.find((s) => s.signed.bag) ?? null;
  const trustedHere = new Set(keyring.map((k) => k.fingerprint));

  const confirmExporter = async (bundle: Inspected, who: { name: string; role: string; how: string }): Promise<void> => {
    const exporter = exporterOf(bundle);
    if (!exporter) return;
    await trustKey({ publicKey: exporter.publicKey, ...who, how: `${who.how} (bundle ${visibleName(bundle.fileName)})` }, actorOf(info));
  };

  // File › Import Bundle… and Help › Verify a Bundle… arrive as #/import/choose: the dialog
  // opens at once, and the address goes back to #/import so the next menu click opens it again.
  const chooseOnArrival = useEffectEvent(() => {
    navigate({ screen: 'import' });
    if (phase.kind !== 'inspecting' && phase.kind !== 'importing') void choose('file');
  });
  const arrived = useRef(false);
  useEffect(() => {
    // Once per arrival, also when React runs effects twice in development.
    if (!chooseNow) arrived.current = false;
    else if (!arrived.current) {
      arrived.current = true;
      chooseOnArrival();
    }
  }, [chooseNow]);

  const importNow = async (bundle: Inspected, planned: Planned): Promise<void> => {
    setError(null);
    const { preview } = planned;
    setPhase({ kind: 'importing', bundle, planned, done: 0, total: preview.evidence.length });
    const exporter = exporterOf(bundle);
    try {
      if (bundle.builtInSample && exporter && !trustedHere.has(exporter.fingerprint)) {
        await trustKey({ publicKey: exporter.publicKey, name: 'Dana Whitfield (sample)', role: 'fictional reviewer of the built-in sample', how: 'made by this app for the built-in sample' }, actorOf(info), 'sample');
      }
      await importBundle(bundle.token, preview, actorOf(info), bundle.fileName, exporter?.fingerprint ?? null);
      setPhase({ kind: 'imported', preview });
    } catch (e) {
      // Main's and importBundle's messages say what stopped and what was kept.
      setError(messageOf(e));
      setPhase({ kind: 'inspected', bundle, planned, previewError: null });
    }
  };

  const busy = phase.kind === 'inspecting' || phase.kind === 'importing';
  return (
    <section className="panel import" aria-labelledby="import-heading">
      <a className="back-link" href="#/">
        ← All audits
      </a>
      <h1 id="import-heading">Import a bundle</h1>
      <p className="muted">
        Restore an audit, or review a collector&apos;s work: the bundle is verified first — every file hashed, the bag signature, every sign-off,
        the audit trail and what it committed to — and only then merged. Who signed it is shown from your keyring: a key you have not confirmed
        must be compared with its owner first. Items already here (same id or same bytes) are not added twice.
      </p>
      <div className="import-sources">
        <button type="button" className="button button-primary" onClick={() => void choose('file')} disabled={busy}>
          {phase.kind === 'inspecting' ? 'Verifying…' : 'Choose a bundle…'}
        </button>
        <button type="button" className="button" onClick={() => void choose('sample')} disabled={busy}>
          Use the built-in sample audit
        </button>
      </div>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      {(phase.kind === 'inspected' || phase.kind === 'importing') && (
        <div className="import-result">
          <ImportChecks fileName={phase.bundle.fileName} report={phase.bundle.report} />
          {phase.bundle.report.verdict !== 'fail' && (
            <SignerPanel
              exporter={exporterOf(phase.bundle)}
              others={phase.bundle.report.signers.filter((s) => !s.signed.bag)}
              builtInSample={phase.bundle.builtInSample}
              onConfirm={(who) => confirmExporter(phase.bundle, who)}
            />
          )}
          {phase.kind === 'inspected' && phase.previewError && <ErrorBanner message={phase.previewError} />}
          {phase.planned && (
            <div className="import-preview">
              <ImportSummary preview={phase.planned.preview} history={phase.planned.history} />
              {phase.kind === 'inspected' && (
                <ImportButton bundle={phase.bundle} planned={phase.planned} exporterTrusted={trustedHere.has(exporterOf(phase.bundle)?.fingerprint ?? '')} onImport={importNow} />
              )}
              {phase.kind === 'importing' && (
                <p role="status">
                  <progress max={phase.total || 1} value={phase.done} /> Storing {phase.done} of {phase.total} files…
                </p>
              )}
            </div>
          )}
        </div>
      )}
      {phase.kind === 'imported' && (
        <div className="import-done" role="status">
          <h2>Imported</h2>
          <p>
            {phase.preview.evidence.length} evidence items, {phase.preview.signoffs.length} sign-offs and {phase.preview.controls.length} controls were
            added, and the import was recorded in the audit trail.
          </p>
          <a className="button button-primary" href={hrefFor(auditRoute(phase.preview.audit.id))}>
            Open {visibleName(phase.preview.audit.name)}
          </a>
        </div>
      )}
    </section>
  );
}
