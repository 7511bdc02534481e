import { useEffect, useState } from 'react';
import type { DisplayInfo, Events } from '../../../shared/bridge/contract';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { AuditStep } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes } from '../../../shared/time/format';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSystemInfo } from '../app/systemInfo';
import { attachFilesInto, captureScreenInto } from './collect';

const DELAYS = [0, 3, 5, 10] as const;

type Busy = { kind: 'capture'; secondsLeft: number | null } | { kind: 'import'; progress: Events['files:progress'] | null } | null;

export function CaptureBar({
  audit,
  control,
  step = 'fieldwork',
  supersedes = null,
  onStored,
}: {
  readonly audit: AuditRecord;
  readonly control: ControlRecord;
  readonly step?: AuditStep;
  /** A re-capture: what is stored replaces this item (one screenshot or one file). */
  readonly supersedes?: EvidenceRecord | null;
  /** Called with the ids of the new evidence items, e.g. to link them to a remediation task. */
  readonly onStored?: (evidenceIds: string[]) => void;
}): React.JSX.Element {
  const info = useSystemInfo();
  const [displays, setDisplays] = useState<readonly DisplayInfo[] | null>(null);
  const [displayId, setDisplayId] = useState<string | null>(null);
  const [delay, setDelay] = useState<number>(0);
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    unwrap(bridge().listDisplays({})).then(
      (found) => {
        setDisplays(found);
        setDisplayId((found.find((d) => d.primary) ?? found[0])?.id ?? null);
      },
      (error: unknown) => {
        setDisplays([]);
        setErrors([messageOf(error)]);
      },
    );
  }, []);

  useEffect(() => {
    const offCountdown = bridge().onEvent('capture:countdown', ({ secondsLeft }) =>
      setBusy((b) => (b?.kind === 'capture' ? { kind: 'capture', secondsLeft } : b)),
    );
    const offProgress = bridge().onEvent('files:progress', (progress) =>
      setBusy((b) => (b?.kind === 'import' ? { kind: 'import', progress } : b)),
    );
    return () => {
      offCountdown();
      offProgress();
    };
  }, []);

  const ctx = { audit, control, info, step, supersedes };

  const capture = async (): Promise<void> => {
    setErrors([]);
    setNotice(null);
    setBusy({ kind: 'capture', secondsLeft: delay > 0 ? delay : null });
    try {
      const record = await captureScreenInto(ctx, displayId, delay * 1000);
      onStored?.([record.id]);
      setNotice(`Saved ${visibleName(record.name)} (${record.width} × ${record.height} px, ${formatBytes(record.size)}).`);
    } catch (error) {
      setErrors([messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  const attach = async (): Promise<void> => {
    setErrors([]);
    setNotice(null);
    setBusy({ kind: 'import', progress: null });
    try {
      const { added, failures } = await attachFilesInto(ctx);
      if (added.length > 0) onStored?.(added.map((r) => r.id));
      if (added.length === 1 && added[0]) setNotice(`Attached ${visibleName(added[0].name)}.`);
      else if (added.length > 1) setNotice(`Attached ${added.length} files.`);
      setErrors(failures.map((f) => f.message));
    } catch (error) {
      setErrors([messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="capture-bar">
      <div className="capture-controls">
        {displays && displays.length > 1 && (
          <label className="inline-field">
            <span>Display</span>
            <select value={displayId ?? ''} onChange={(e) => setDisplayId(e.target.value)} disabled={busy !== null}>
              {displays.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.width} × {d.height})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline-field">
          <span>Delay</span>
          <select value={delay} onChange={(e) => setDelay(Number(e.target.value))} disabled={busy !== null}>
            {DELAYS.map((d) => (
              <option key={d} value={d}>
                {d === 0 ? 'None' : `${d} s`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-primary" onClick={() => void capture()} disabled={busy !== null}>
          {supersedes ? 'Capture screen again' : 'Capture screen'}
        </button>
        <button type="button" className="button" onClick={() => void attach()} disabled={busy !== null}>
          {supersedes ? 'Attach replacement file…' : 'Attach files…'}
        </button>
        {displays?.length === 1 && displays[0] && (
          <span className="muted capture-display">
            {displays[0].name} · {displays[0].width} × {displays[0].height}
          </span>
        )}
      </div>
      <div className="capture-status" role="status" aria-live="polite">
        {busy?.kind === 'capture' && (busy.secondsLeft ? `Capturing in ${busy.secondsLeft} s…` : 'Capturing…')}
        {busy?.kind === 'import' &&
          (busy.progress ? (
            <span className="progress-line">
              Storing {visibleName(busy.progress.name)} ({busy.progress.index + 1} of {busy.progress.count})
              <progress max={busy.progress.bytesTotal || 1} value={busy.progress.bytesDone} />
              {formatBytes(busy.progress.bytesDone)} of {formatBytes(busy.progress.bytesTotal)}
            </span>
          ) : (
            supersedes ? 'Choose the replacement file…' : 'Choose files to attach…'
          ))}
        {busy === null && notice}
      </div>
      {errors.map((message) => (
        <ErrorBanner key={message} message={message} onDismiss={() => setErrors((all) => all.filter((m) => m !== message))} />
      ))}
    </div>
  );
}
