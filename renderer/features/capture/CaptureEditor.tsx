import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PendingCapture, PixelRect } from '../../../shared/bridge/contract';
import { formatBytes } from '../../../shared/time/format';
import type { CaptureEdits } from '../evidence/collect';
import { centredRect, editsOf, normalizeRect, nudgeRect, type EditOp, type EditorTool } from './edits';

/**
 * The editor between a capture and its save (DESIGN.md §3): crop, redaction boxes, undo, all from
 * the keyboard too; Enter saves. What is drawn here is only a preview — main burns the boxes into
 * the pixels of the raw capture it kept, and appends the stamp.
 */

const KEYS: readonly (readonly [string, string])[] = [
  ['C', 'crop'],
  ['R', 'redact'],
  ['B', 'new box'],
  ['←↑→↓', 'move box'],
  ['Alt+←↑→↓', 'resize'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z', 'redo'],
  ['Enter', 'save'],
  ['Esc', 'discard'],
];

export function CaptureEditor({
  shot,
  title,
  onSave,
  onDiscard,
  error,
  renderStamp,
}: {
  readonly shot: PendingCapture;
  /** What the capture is for, e.g. "AC-03 User access review". */
  readonly title: string;
  readonly onSave: (edits: CaptureEdits) => Promise<void>;
  readonly onDiscard: () => void;
  /** Why the last save failed; the edits stay so the user can try again. */
  readonly error: string | null;
  /** The stamp main will append below an image of this width, as PNG bytes. */
  readonly renderStamp: (imageWidth: number) => Promise<Uint8Array<ArrayBuffer>>;
}): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  const [tool, setTool] = useState<EditorTool>('crop');
  const [ops, setOps] = useState<readonly EditOp[]>([]);
  const [undone, setUndone] = useState<readonly EditOp[]>([]);
  const [drag, setDrag] = useState<{ start: { x: number; y: number }; rect: PixelRect } | null>(null);
  const [saving, setSaving] = useState(false);
  const edits = useMemo(() => editsOf(ops), [ops]);
  const [stampUrl, setStampUrl] = useState<string | null>(null);
  const keptWidth = edits.crop?.width ?? shot.width;

  // The stamp as it will be saved, redrawn when the crop changes its width.
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void renderStamp(keptWidth).then(
      (png) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([png], { type: 'image/png' }));
        setStampUrl(url);
      },
      () => live && setStampUrl(null),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [renderStamp, keptWidth]);

  useEffect(() => {
    let live = true;
    let made: ImageBitmap | null = null;
    // No colour conversion: the preview shows the pixels as captured, as main will save them.
    void createImageBitmap(new Blob([shot.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), { colorSpaceConversion: 'none' }).then((b) => {
      made = b;
      if (live) setBitmap(b);
      else b.close();
    });
    return () => {
      live = false;
      made?.close();
    };
  }, [shot]);

  useEffect(() => {
    dialogRef.current?.focus();
  }, []);

  // Draws the preview: redactions solid, the area outside the crop dimmed, the box being drawn dashed.
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !bitmap) return;
    context.drawImage(bitmap, 0, 0);
    context.fillStyle = '#000';
    for (const r of edits.redactions) context.fillRect(r.x, r.y, r.width, r.height);
    const lineWidth = Math.max(2, Math.round(shot.width / 600));
    if (edits.crop) {
      const c = edits.crop;
      context.fillStyle = 'rgba(15, 23, 42, 0.6)';
      context.fillRect(0, 0, shot.width, c.y);
      context.fillRect(0, c.y + c.height, shot.width, shot.height - c.y - c.height);
      context.fillRect(0, c.y, c.x, c.height);
      context.fillRect(c.x + c.width, c.y, shot.width - c.x - c.width, c.height);
      context.strokeStyle = '#38bdf8';
      context.lineWidth = lineWidth;
      context.setLineDash([]);
      context.strokeRect(c.x, c.y, c.width, c.height);
    }
    if (drag) {
      context.strokeStyle = tool === 'crop' ? '#38bdf8' : '#f97316';
      context.lineWidth = lineWidth;
      context.setLineDash([lineWidth * 4, lineWidth * 3]);
      context.strokeRect(drag.rect.x, drag.rect.y, drag.rect.width, drag.rect.height);
      context.setLineDash([]);
    }
  }, [bitmap, edits, drag, tool, shot.width, shot.height]);

  const push = useCallback((op: EditOp) => {
    setOps((all) => [...all, op]);
    setUndone([]);
  }, []);

  const undo = useCallback(() => {
    setOps((all) => {
      const last = all.at(-1);
      if (last) setUndone((u) => [...u, last]);
      return all.slice(0, -1);
    });
  }, []);

  const redo = useCallback(() => {
    setUndone((u) => {
      const last = u.at(-1);
      if (last) setOps((all) => [...all, last]);
      return u.slice(0, -1);
    });
  }, []);

  const save = useCallback(async () => {
    if (saving) return;
    setSaving(true);
    try {
      await onSave(edits);
    } finally {
      setSaving(false);
    }
  }, [edits, onSave, saving]);

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (saving) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    let handled = true;
    if (mod && key === 'z' && event.shiftKey) redo();
    else if (mod && (key === 'z' || key === 'y')) (key === 'z' ? undo : redo)();
    else if ((mod && key === 's') || (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement))) void save();
    else if (event.key === 'Escape') {
      if (drag) setDrag(null);
      else onDiscard();
    } else if (!mod && key === 'c') setTool('crop');
    else if (!mod && key === 'r') setTool('redact');
    else if (!mod && key === 'b') push({ kind: tool, rect: centredRect(shot) });
    else if (!mod && event.key.startsWith('Arrow') && ops.length > 0) {
      // Arrows adjust the box drawn last; a nudge refines it rather than adding a step to undo.
      setOps((all) => {
        const last = all.at(-1);
        const moved = last && nudgeRect(last.rect, event.key, { shift: event.shiftKey, alt: event.altKey }, shot);
        return last && moved ? [...all.slice(0, -1), { ...last, rect: moved }] : all;
      });
    } else handled = false;
    if (handled) event.preventDefault();
  };

  const toImage = (event: React.PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * shot.width;
    const y = ((event.clientY - box.top) / box.height) * shot.height;
    return { x: Math.min(shot.width, Math.max(0, Math.round(x))), y: Math.min(shot.height, Math.max(0, Math.round(y))) };
  };

  // Focus goes back to the editor after a toolbar click or a drag, so Enter saves rather than
  // pressing the last button clicked again.
  const refocus = (): void => dialogRef.current?.focus();

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    if (event.button !== 0 || saving) return;
    refocus();
    event.currentTarget.setPointerCapture(event.pointerId);
    const start = toImage(event);
    setDrag({ start, rect: { ...start, width: 0, height: 0 } });
  };
  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    if (!drag) return;
    setDrag({ start: drag.start, rect: normalizeRect(drag.start, toImage(event)) });
  };
  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    if (!drag) return;
    const rect = normalizeRect(drag.start, toImage(event));
    setDrag(null);
    // A click, or a slip of the hand, is not a box.
    if (rect.width < 3 || rect.height < 3) return;
    push({ kind: tool, rect });
    // Crop first, then redact what is left: the usual order, one key fewer.
    if (tool === 'crop') setTool('redact');
  };

  const size = edits.crop ?? shot;
  return (
    <div
      ref={dialogRef}
      className="capture-editor"
      role="dialog"
      aria-modal="true"
      aria-label="Edit capture"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="capture-editor-bar">
        <strong className="capture-editor-title">{title}</strong>
        <div className="capture-editor-tools" role="radiogroup" aria-label="Tool">
          {(['crop', 'redact'] as const).map((t) => (
            <button key={t} type="button" role="radio" aria-checked={tool === t} className={`button${tool === t ? ' button-active' : ''}`} onClick={() => {
                setTool(t);
                refocus();
              }}>
              {t === 'crop' ? 'Crop' : 'Redact'} <kbd>{t === 'crop' ? 'C' : 'R'}</kbd>
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button"
          onClick={() => {
            undo();
            refocus();
          }}
          disabled={ops.length === 0 || saving}
        >
          Undo
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            redo();
            refocus();
          }}
          disabled={undone.length === 0 || saving}
        >
          Redo
        </button>
        <span className="capture-editor-spacer" />
        <button type="button" className="button" onClick={onDiscard} disabled={saving}>
          Discard
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving || !bitmap}>
          {saving ? 'Saving…' : 'Save evidence'}
        </button>
      </div>
      {error && (
        <p className="capture-editor-error" role="alert">
          {error}
        </p>
      )}
      <div className="capture-editor-canvas">
        <canvas
          ref={canvasRef}
          width={shot.width}
          height={shot.height}
          aria-label={`Capture of ${shot.display.name}, ${shot.width} × ${shot.height} pixels. Drag to ${tool === 'crop' ? 'crop' : 'draw a redaction box'}.`}
          className={`capture-canvas tool-${tool}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        />
      </div>
      <div className="capture-editor-status" role="status" aria-live="polite">
        <span>
          {edits.crop ? `Cropped to ${size.width} × ${size.height} px` : `Whole screen, ${shot.width} × ${shot.height} px`}
          {' · '}
          {edits.redactions.length === 0 ? 'nothing redacted' : `${edits.redactions.length} ${edits.redactions.length === 1 ? 'box' : 'boxes'} redacted`}
          {' · '}raw capture {formatBytes(shot.size)}
        </span>
        <span className="muted">
          {edits.redactions.length > 0
            ? 'Redacted: the raw capture will not be kept, only its SHA-256.'
            : 'The raw capture is kept beside the stamped image.'}{' '}
          The evidence stamp below is added under the image when you save.
        </span>
        {stampUrl && <img className="capture-stamp-preview" src={stampUrl} alt="Evidence stamp that will be added below the image" />}
        <span className="capture-editor-keys muted">
          {KEYS.map(([key, what]) => (
            <span key={key}>
              <kbd>{key}</kbd> {what}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}
