import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_READ_BYTES, type DisplayInfo, type Events, type ImportFailure, type PendingCapture } from '../../../shared/bridge/contract';
import type { AuditRecord, ControlRecord, EvidenceRecord } from '../../../shared/domain/records';
import type { AuditStep } from '../../../shared/domain/types';
import { visibleName } from '../../../shared/files/visibleName';
import { formatBytes, formatUtc } from '../../../shared/time/format';
import { bridge, messageOf, unwrap } from '../../bridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSystemInfo } from '../app/systemInfo';
import { shortcutLabel } from '../../../shared/capture/shortcut';
import { CaptureEditor } from '../capture/CaptureEditor';
import { useReturnFocus } from '../capture/useReturnFocus';
import { useCaptureTarget } from '../capture/captureTarget';
import { attachFilesInto, captureScreen, linkToControl, openPastedImage, pastedFileName, recordFiles, saveCaptureInto, stampFor, type DuplicateFile } from './collect';
import { uploadFile } from './upload';

const DELAYS = [0, 3, 5, 10] as const;

type Busy =
  | { kind: 'capture'; secondsLeft: number | null }
  | { kind: 'import'; progress: Events['files:progress'] | null }
  | { kind: 'upload'; name: string; index: number; count: number; bytesDone: number; bytesTotal: number }
  | null;

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
  const [editing, setEditing] = useState<PendingCapture | null>(null);
  const [duplicates, setDuplicates] = useState<readonly DuplicateFile[]>([]);
  const [dropping, setDropping] = useState(false);
  const captureButton = useRef<HTMLButtonElement>(null);
  const rememberOpener = useReturnFocus(editing !== null, captureButton);

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
  const ctxRef = useRef(ctx);
  useEffect(() => {
    ctxRef.current = ctx;
  });
  const forWhat = `${control.ref} ${control.title}`;

  const start = (next: Busy): void => {
    setErrors([]);
    setNotice(null);
    setDuplicates([]);
    setBusy(next);
  };

  const capture = async (): Promise<void> => {
    if (busy !== null || editing !== null) return;
    rememberOpener();
    start({ kind: 'capture', secondsLeft: delay > 0 ? delay : null });
    try {
      setEditing(await captureScreen(displayId, delay * 1000));
    } catch (error) {
      setErrors([messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  const openPasted = async (file: File): Promise<void> => {
    if (busy !== null || editing !== null) return;
    rememberOpener();
    start({ kind: 'capture', secondsLeft: null });
    try {
      setEditing(await openPastedImage(file));
    } catch (error) {
      setErrors([messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  const saveEdited = async (shot: PendingCapture, edits: Parameters<typeof saveCaptureInto>[2]): Promise<void> => {
    try {
      const record = await saveCaptureInto(ctx, shot, edits);
      setEditing(null);
      onStored?.([record.id]);
      const done = record.processing.filter((p) => p !== 'stamped').length > 0 ? ', edited and stamped' : ', stamped';
      setNotice(`Saved ${visibleName(record.name)} (${record.width} × ${record.height} px, ${formatBytes(record.size)}${done}).`);
    } catch (error) {
      // The editor stays open with the edits: nothing is lost to a failed save.
      setErrors([messageOf(error)]);
    }
  };

  // Stable per capture, so the editor redraws its stamp preview only when the crop width changes.
  const renderStamp = useCallback((imageWidth: number) => (editing ? stampFor(ctxRef.current, editing, imageWidth) : Promise.reject(new Error('no capture'))), [editing]);

  const discard = (shot: PendingCapture): void => {
    setEditing(null);
    setNotice('Capture discarded; nothing was stored.');
    void bridge().discardCapture({ token: shot.token });
  };

  const report = (added: readonly EvidenceRecord[], found: readonly DuplicateFile[], failures: readonly (ImportFailure | string)[]): void => {
    if (added.length > 0) onStored?.(added.map((r) => r.id));
    if (added.length === 1 && added[0]) setNotice(`Attached ${visibleName(added[0].name)}.`);
    else if (added.length > 1) setNotice(`Attached ${added.length} files.`);
    setDuplicates(found);
    setErrors(failures.map((f) => (typeof f === 'string' ? f : f.message)));
  };

  const attach = async (): Promise<void> => {
    if (busy !== null) return;
    start({ kind: 'import', progress: null });
    try {
      const { added, duplicates: found, failures } = await attachFilesInto(ctx);
      report(added, found, failures);
    } catch (error) {
      setErrors([messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  /** Dropped or pasted files: sent to main in slices, one file after another. */
  const attachDropped = async (files: readonly File[]): Promise<void> => {
    if (busy !== null || files.length === 0) return;
    if (supersedes && files.length > 1) {
      setErrors([`Drop one replacement file: ${files.length} were dropped, and nothing was attached.`]);
      return;
    }
    start({ kind: 'upload', name: files[0]?.name ?? '', index: 0, count: files.length, bytesDone: 0, bytesTotal: files[0]?.size ?? 0 });
    const stored = [];
    const failures: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        setBusy({ kind: 'upload', name: file.name, index, count: files.length, bytesDone: 0, bytesTotal: file.size });
        try {
          stored.push(
            await uploadFile(file, (bytesDone) => setBusy({ kind: 'upload', name: file.name, index, count: files.length, bytesDone, bytesTotal: file.size })),
          );
        } catch (error) {
          failures.push(messageOf(error));
        }
      }
      const { added, duplicates: found } = await recordFiles(ctx, stored);
      report(added, found, failures);
    } catch (error) {
      setErrors([...failures, messageOf(error)]);
    } finally {
      setBusy(null);
    }
  };

  const link = async (duplicate: DuplicateFile): Promise<void> => {
    try {
      await linkToControl(ctx, duplicate.existing);
      setDuplicates((all) => all.filter((d) => d !== duplicate));
      setNotice(`Linked ${visibleName(duplicate.existing.name)} to ${control.ref}.`);
    } catch (error) {
      setErrors([messageOf(error)]);
    }
  };

  const activate = useCaptureTarget({
    label: forWhat,
    capture: () => void capture(),
    paste: (files) => {
      const [only] = files;
      // One pasted PNG (a screenshot from another tool) opens in the editor, to crop, redact and stamp.
      if (files.length === 1 && only?.type === 'image/png' && only.size <= MAX_READ_BYTES) void openPasted(only);
      else void attachDropped(files.map((f) => (f.name && f.name !== 'image.png' ? f : new File([f], pastedFileName(f, new Date()), { type: f.type }))));
    },
  });

  const onDrop = (event: React.DragEvent): void => {
    event.preventDefault();
    setDropping(false);
    activate();
    void attachDropped([...event.dataTransfer.files]);
  };

  return (
    <div
      className={`capture-bar${dropping ? ' capture-bar-drop' : ''}`}
      onPointerDown={activate}
      onFocus={activate}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        }
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={onDrop}
      aria-label={`Capture or attach evidence for ${forWhat}`}
      role="group"
    >
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
        <button type="button" ref={captureButton} className="button button-primary" onClick={() => void capture()} disabled={busy !== null}>
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
      <p className="capture-hint muted">
        {dropping
          ? `Drop to attach to ${control.ref}`
          : `Or drop files here, or paste an image (Ctrl+V). Shortcut from anywhere: ${shortcutLabel(info.platform)} captures for the control you used last.`}
      </p>
      <div className="capture-status" role="status" aria-live="polite">
        {busy?.kind === 'capture' && (busy.secondsLeft ? `Capturing in ${busy.secondsLeft} s…` : 'Capturing…')}
        {busy?.kind === 'import' &&
          (busy.progress ? (
            <ProgressLine name={busy.progress.name} index={busy.progress.index} count={busy.progress.count} done={busy.progress.bytesDone} total={busy.progress.bytesTotal} />
          ) : supersedes ? (
            'Choose the replacement file…'
          ) : (
            'Choose files to attach…'
          ))}
        {busy?.kind === 'upload' && <ProgressLine name={busy.name} index={busy.index} count={busy.count} done={busy.bytesDone} total={busy.bytesTotal} />}
        {busy === null && notice}
      </div>
      {duplicates.map((d) => (
        <div key={d.file.sha256} className="duplicate-notice" role="alert">
          <span>
            <strong>{visibleName(d.file.name)}</strong> is already stored as <strong>{visibleName(d.existing.name)}</strong> (added{' '}
            {formatUtc(d.existing.createdAt)}) under {d.controlRefs.join(', ') || 'no control'}. Nothing new was added.
          </span>
          {!d.existing.controlIds.includes(control.id) && (
            <button type="button" className="button" onClick={() => void link(d)}>
              Link it to {control.ref} too
            </button>
          )}
          <button type="button" className="link-button" onClick={() => setDuplicates((all) => all.filter((x) => x !== d))}>
            Dismiss
          </button>
        </div>
      ))}
      {errors.map((message) => (
        <ErrorBanner key={message} message={message} onDismiss={() => setErrors((all) => all.filter((m) => m !== message))} />
      ))}
      {editing && (
        <CaptureEditor
          shot={editing}
          title={`${supersedes ? 'Re-capture' : editing.origin === 'pasted' ? 'Pasted image' : 'Capture'} for ${forWhat}`}
          onSave={(edits) => saveEdited(editing, edits)}
          onDiscard={() => discard(editing)}
          error={errors[0] ?? null}
          renderStamp={renderStamp}
        />
      )}
    </div>
  );
}

function ProgressLine({ name, index, count, done, total }: { name: string; index: number; count: number; done: number; total: number }): React.JSX.Element {
  return (
    <span className="progress-line">
      Storing {visibleName(name)} ({index + 1} of {count})
      <progress max={total || 1} value={done} aria-label={`Storing ${visibleName(name)}`} />
      {formatBytes(done)} of {formatBytes(total)}
    </span>
  );
}
