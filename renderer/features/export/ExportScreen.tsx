import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { BundleExportResult, Events } from '../../../shared/bridge/contract';
import type { AuditRecord, ControlRecord } from '../../../shared/domain/records';
import { AUDIT_STEPS, type AuditStep } from '../../../shared/domain/types';
import { formatBytes } from '../../../shared/time/format';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { exporterOf, logExport, signPlanned, type Selection } from '../../db/bundle';
import { getReviewer } from '../../db/reviewer';
import { actorOf, useSystemInfo } from '../app/systemInfo';
import { STEP_LABELS } from '../../../shared/domain/labels';
import { HashValue } from '../evidence/HashValue';
import { planExport } from './planExport';
import { stageDraft } from './stageBundle';
import './export.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'planning' }
  | { kind: 'writing'; exportId: string; progress: Events['bundle:progress'] | null; items: number }
  | { kind: 'done'; exportId: string; result: Extract<BundleExportResult, { status: 'written' }>; items: number }
  | { kind: 'cancelled' };

/**
 * Export the auditor bundle (DESIGN.md §5): choose what goes in, then main writes the signed
 * BagIt ZIP with progress and Cancel, and reports where it is and its SHA-256.
 */
export function ExportScreen({ audit, controls }: { readonly audit: AuditRecord; readonly controls: readonly ControlRecord[] }): React.JSX.Element {
  const info = useSystemInfo();
  const reviewer = useLiveQuery(getReviewer, [], null);
  const [step, setStep] = useState<AuditStep | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const [includeRejected, setIncludeRejected] = useState(false);
  const [includeSuperseded, setIncludeSuperseded] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      bridge().onEvent('bundle:progress', (progress) =>
        setPhase((p) => (p.kind === 'writing' && p.exportId === progress.exportId ? { ...p, progress } : p)),
      ),
    [],
  );

  const selection: Selection = {
    step: step === '' ? null : step,
    from: from === '' ? null : from,
    to: to === '' ? null : to,
    controlIds: picked ? [...picked] : null,
    includeRejected,
    includeSuperseded,
  };

  const run = async (): Promise<void> => {
    if (!reviewer) return;
    setError(null);
    setPhase({ kind: 'planning' });
    try {
      const started = performance.now();
      const planned = await planExport({ auditId: audit.id, selection, exporter: exporterOf(reviewer), appVersion: info.appVersion, now: new Date().toISOString() });
      const { draft, items, logHead } = await signPlanned(planned, reviewer);
      performance.measure('export: plan and sign', { start: started });
      const plan = await stageDraft(draft);
      performance.measure('export: plan, sign and stage', { start: started });
      const exportId = crypto.randomUUID();
      setPhase({ kind: 'writing', exportId, progress: null, items });
      const result = await unwrap(bridge().exportBundle({ exportId, plan }));
      if (result.status === 'cancelled') {
        setPhase({ kind: 'cancelled' });
        return;
      }
      await logExport(audit.id, actorOf(info), { fileName: result.path.split(/[\\/]/).pop() ?? result.path, size: result.size, sha256: result.sha256, items, logHead });
      setPhase({ kind: 'done', exportId, result, items });
    } catch (e) {
      setError(messageOf(e));
      setPhase({ kind: 'idle' });
    }
  };

  const busy = phase.kind === 'planning' || phase.kind === 'writing';

  return (
    <section className="panel export" aria-labelledby="export-heading">
      <h2 id="export-heading">Export the auditor bundle</h2>
      <p className="muted">
        One ZIP holding a BagIt bag: every file hashed in two manifests, the bag signed with your key, an index to browse, a
        VERIFY.html page, evidence.csv and manifest.json. The CPA firm can check it with <code>sha256sum</code> and{' '}
        <code>openssl</code>, or with <code>npx evidence-locker verify</code>. Their verifier trusts your signature only if they have your
        key: give them your <a href="#/settings">key card</a> at the start of the engagement. The bundle commits to the audit trail as it is now,
        so a later bundle that cuts or rewrites it is caught.
      </p>
      {reviewer === undefined && (
        <div className="banner banner-warn" role="alert">
          {/* One block of text: as flex items, the sentence, the link and "first." stood in three columns (issue #13). */}
          <span>
            The bundle is signed with your reviewer key, which is made when you set your name and role.{' '}
            <a href="#/settings">Set up your reviewer identity</a> first.
          </span>
        </div>
      )}
      <form
        className="export-options"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset disabled={busy}>
          <legend>What goes in</legend>
          <label>
            <span>Audit step</span>
            <select value={step} onChange={(e) => setStep(e.target.value as AuditStep | '')}>
              <option value="">All steps</option>
              {AUDIT_STEPS.map((s) => (
                <option key={s} value={s}>
                  {STEP_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Evidence dated from</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            <span>to</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={includeRejected} onChange={(e) => setIncludeRejected(e.target.checked)} /> Include rejected items
          </label>
          <label className="check">
            <input type="checkbox" checked={includeSuperseded} onChange={(e) => setIncludeSuperseded(e.target.checked)} /> Include superseded
            versions
          </label>
          <details className="export-controls">
            <summary>{picked ? `${picked.size} of ${controls.length} controls` : `All ${controls.length} controls`}</summary>
            <div className="export-controls-actions">
              <button type="button" className="link-button" onClick={() => setPicked(null)}>
                All controls
              </button>
              <button type="button" className="link-button" onClick={() => setPicked(new Set())}>
                None
              </button>
            </div>
            <ul>
              {controls.map((c) => (
                <li key={c.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={picked === null || picked.has(c.id)}
                      onChange={(e) => {
                        const next = new Set(picked ?? controls.map((x) => x.id));
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        setPicked(next);
                      }}
                    />
                    <span className="export-ref">{c.ref}</span> {c.title}
                  </label>
                </li>
              ))}
            </ul>
          </details>
        </fieldset>
        <div className="export-actions">
          <button type="submit" className="button button-primary" disabled={busy || !reviewer || (picked !== null && picked.size === 0)}>
            {phase.kind === 'planning' ? 'Preparing…' : 'Export bundle…'}
          </button>
          {phase.kind === 'writing' && (
            <button type="button" className="button" onClick={() => void bridge().cancelExport({ exportId: phase.exportId })}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <div role="status" aria-live="polite" className="export-status">
        {phase.kind === 'writing' && (
          <div className="export-progress">
            {phase.progress ? (
              <>
                <progress max={phase.progress.bytesTotal || 1} value={phase.progress.bytesDone} />
                <span>
                  {phase.progress.itemsDone} of {phase.progress.itemsTotal} files · {formatBytes(phase.progress.bytesDone)} of{' '}
                  {formatBytes(phase.progress.bytesTotal)}
                </span>
              </>
            ) : (
              <span>Choose where to save the bundle…</span>
            )}
          </div>
        )}
        {phase.kind === 'cancelled' && <p>The export was cancelled. No file was written.</p>}
        {phase.kind === 'done' && (
          <div className="export-done">
            <h3>Bundle written</h3>
            <dl>
              <dt>File</dt>
              <dd data-testid="bundle-path">{phase.result.path}</dd>
              <dt>Size</dt>
              <dd>
                {formatBytes(phase.result.size)} · {phase.items} evidence {phase.items === 1 ? 'item' : 'items'}
              </dd>
              <dt>SHA-256</dt>
              <dd>
                <HashValue sha256={phase.result.sha256} />
              </dd>
            </dl>
            <button type="button" className="button" onClick={() => void bridge().revealExport({ exportId: phase.exportId })}>
              Show in folder
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
