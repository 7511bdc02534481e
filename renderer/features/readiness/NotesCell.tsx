import { useState } from 'react';

/**
 * A notes box that saves when the user leaves it (or presses Save), not on every keystroke:
 * each save is a log entry, and the trail should read as decisions, not typing.
 * While the box is not being edited it shows the stored value, so a change made elsewhere
 * (another window, an import) is never hidden behind a stale draft.
 */
export function NotesCell({
  label,
  value,
  onSave,
}: {
  readonly label: string;
  readonly value: string;
  readonly onSave: (notes: string) => Promise<void>;
}): React.JSX.Element {
  const [draft, setDraft] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const dirty = draft !== null && draft !== value;

  const save = async (): Promise<void> => {
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      return;
    }
    setState('saving');
    try {
      await onSave(draft);
      setDraft(null);
      setState('saved');
    } catch {
      // The screen shows the error; the draft stays so nothing typed is lost.
      setState('idle');
    }
  };

  return (
    <div className="notes-cell">
      <textarea
        aria-label={label}
        rows={1}
        value={draft ?? value}
        placeholder="What is missing, who owns it, where the evidence is…"
        onChange={(e) => {
          setDraft(e.target.value);
          setState('idle');
        }}
        onBlur={() => void save()}
      />
      {(dirty || state !== 'idle') && (
      <div className="notes-cell-foot">
        {dirty ? (
          // onMouseDown keeps the click from blurring first and saving twice.
          <button type="button" className="button button-small" onMouseDown={(e) => e.preventDefault()} onClick={() => void save()}>
            Save notes
          </button>
        ) : (
          <span className="saved-note">{state === 'saving' ? 'Saving…' : 'Saved'}</span>
        )}
      </div>
      )}
    </div>
  );
}
