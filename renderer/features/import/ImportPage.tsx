import { useEffect, useState } from 'react';
import type { BundleInspection } from '../../../shared/bridge/contract';
import { planImport, type ImportPreview } from '../../../shared/bundle/importPlan';
import { describeAuditWindow } from '../../../shared/domain/audit';
import { visibleName } from '../../../shared/files/visibleName';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { importBundle, localStateFor } from '../../db/importBundle';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { auditRoute, hrefFor } from '../app/useHashRoute';
import './import.css';

type Inspected = Extract<BundleInspection, { status: 'inspected' }>;
type Phase =
  | { kind: 'idle' }
  | { kind: 'inspecting' }
  | { kind: 'inspected'; bundle: Inspected; preview: ImportPreview | null; previewError: string | null }
  | { kind: 'importing'; bundle: Inspected; preview: ImportPreview; done: number; total: number }
  | { kind: 'imported'; preview: ImportPreview };

/**
 * Import a bundle (a restore, or a manager reviewing a collector's work): main verifies it
 * first; a bundle that fails can be inspected but not merged. The merge adds only what is
 * not here yet and is logged.
 */
export function ImportPage(): React.JSX.Element {
  const info = useSystemInfo();
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
      const result = await unwrap(source === 'sample' ? bridge().openSample({}) : bridge().inspectBundle({}));
      if (result.status === 'cancelled') {
        setPhase({ kind: 'idle' });
        return;
      }
      let preview: ImportPreview | null = null;
      let previewError: string | null = null;
      if (result.manifestJson !== null && result.auditLog !== null) {
        try {
          const auditId = (JSON.parse(result.manifestJson) as { audit?: { id?: unknown } }).audit?.id;
          preview = planImport(result.manifestJson, result.auditLog, await localStateFor(typeof auditId === 'string' ? auditId : ''));
        } catch (e) {
          previewError = messageOf(e);
        }
      }
      setPhase({ kind: 'inspected', bundle: result, preview, previewError });
    } catch (e) {
      setError(messageOf(e));
      setPhase({ kind: 'idle' });
    }
  };

  const importNow = async (bundle: Inspected, preview: ImportPreview): Promise<void> => {
    setError(null);
    setPhase({ kind: 'importing', bundle, preview, done: 0, total: preview.evidence.length });
    try {
      await importBundle(bundle.token, preview, actorOf(info), bundle.fileName);
      setPhase({ kind: 'imported', preview });
    } catch (e) {
      // Main's and importBundle's messages say what stopped and what was kept.
      setError(messageOf(e));
      setPhase({ kind: 'inspected', bundle, preview, previewError: null });
    }
  };

  return (
    <section className="panel import" aria-labelledby="import-heading">
      <a className="back-link" href="#/">
        ← All audits
      </a>
      <h1 id="import-heading">Import a bundle</h1>
      <p className="muted">
        Restore an audit, or review a collector&apos;s work: the bundle is verified first — every file hashed, the bag signature,
        every sign-off and the audit trail checked — and only then merged. Items already here (same id or same bytes) are not
        added twice.
      </p>
      <div className="import-sources">
        <button type="button" className="button button-primary" onClick={() => void choose('file')} disabled={phase.kind === 'inspecting' || phase.kind === 'importing'}>
          {phase.kind === 'inspecting' ? 'Verifying…' : 'Choose a bundle…'}
        </button>
        <button type="button" className="button" onClick={() => void choose('sample')} disabled={phase.kind === 'inspecting' || phase.kind === 'importing'}>
          Use the built-in sample audit
        </button>
      </div>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      {(phase.kind === 'inspected' || phase.kind === 'importing') && (
        <div className="import-result">
          <h2>
            {visibleName(phase.bundle.fileName)}:{' '}
            <span className={phase.bundle.ok ? 'verdict verdict-pass' : 'verdict verdict-fail'}>
              {phase.bundle.ok ? 'verified' : 'failed verification'}
            </span>
          </h2>
          <ul className="import-checks">
            {phase.bundle.checks.map((c) => (
              <li key={c.name} className={c.ok ? 'check-pass' : 'check-fail'}>
                <strong>{c.ok ? 'PASS' : 'FAIL'}</strong> {c.name}: {c.detail}
              </li>
            ))}
          </ul>
          {phase.bundle.problems.length > 0 && (
            <div className="banner banner-error" role="alert">
              <div>
                <p>This bundle can be inspected but not imported:</p>
                <ul>
                  {phase.bundle.problems.slice(0, 50).map((p) => (
                    <li key={p}>{visibleName(p)}</li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          {phase.kind === 'inspected' && phase.previewError && <ErrorBanner message={phase.previewError} />}
          {phase.preview && (
            <div className="import-preview">
              <h3>What will be added</h3>
              <p>
                <strong>{visibleName(phase.preview.audit.name)}</strong> · {visibleName(phase.preview.audit.organization)} ·{' '}
                {describeAuditWindow(phase.preview.audit)} — {phase.preview.auditExists ? 'already here: new items are merged into it' : 'a new audit here'}
              </p>
              <dl className="import-counts">
                <dt>Evidence items</dt>
                <dd>{phase.preview.evidence.length}</dd>
                <dt>Already here</dt>
                <dd>
                  {phase.preview.duplicates.sameId} same item, {phase.preview.duplicates.sameBytes} same bytes
                </dd>
                <dt>Controls</dt>
                <dd>{phase.preview.controls.length}</dd>
                <dt>Sign-offs</dt>
                <dd>{phase.preview.signoffs.length}</dd>
                <dt>Requests</dt>
                <dd>{phase.preview.requests.length}</dd>
                <dt>Audit trail</dt>
                <dd>{phase.preview.auditExists ? 'recorded as one import entry' : `${phase.preview.log.length} entries, chain intact`}</dd>
              </dl>
              {phase.kind === 'inspected' && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={!phase.bundle.ok}
                  onClick={() => phase.preview && void importNow(phase.bundle, phase.preview)}
                >
                  Import {phase.preview.evidence.length} {phase.preview.evidence.length === 1 ? 'item' : 'items'}
                </button>
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
