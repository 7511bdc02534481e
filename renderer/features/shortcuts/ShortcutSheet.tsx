import { useEffect, useRef } from 'react';
import { useSystemInfo } from '../app/systemInfo';
import { KeyCombo } from './KeyCombo';
import { shortcutGroups } from './shortcutList';
import './shortcuts.css';

/**
 * The one sheet of keyboard shortcuts (Help › Keyboard Shortcuts, F1, or ?). The browser's own
 * modal <dialog> traps focus and closes on Esc.
 */
export function ShortcutSheet({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }): React.JSX.Element {
  const info = useSystemInfo();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="shortcut-sheet" aria-labelledby="shortcut-sheet-title" onClose={onClose}>
      <header className="shortcut-sheet-head">
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </header>
      <div className="shortcut-sheet-groups">
        {shortcutGroups(info.platform).map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.action} className="shortcut-row">
                  <dt>
                    {shortcut.keys.map((combo, i) => (
                      <span key={combo}>
                        {i > 0 && <span className="muted"> or </span>}
                        <KeyCombo combo={combo} />
                      </span>
                    ))}
                  </dt>
                  <dd>{shortcut.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted shortcut-sheet-foot">One-key shortcuts wait while you type in a field. Esc closes this sheet.</p>
    </dialog>
  );
}
