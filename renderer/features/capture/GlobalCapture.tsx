import { useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { isShortcutKey } from '../shortcuts/keys';
import { activeTarget } from './captureTarget';

/**
 * Routes the global capture shortcut, the page's own "c" and pasted files to the capture bar in
 * use. With none on screen, says where to go instead of dropping the key press silently.
 */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null);
}

export function GlobalCapture(): React.JSX.Element | null {
  const [hint, setHint] = useState<string | null>(null);

  useEffect(() => {
    const off = bridge().onEvent('capture:shortcut', () => {
      const target = activeTarget();
      if (target) {
        setHint(null);
        target.capture();
      } else {
        setHint('Open a control (Fieldwork, then a control) to capture for it; the shortcut then captures for the control you used last.');
      }
    });
    const onPaste = (event: ClipboardEvent): void => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0 || isTyping(event.target)) return;
      const target = activeTarget();
      event.preventDefault();
      if (target) target.paste(files);
      else setHint('Open a control to paste evidence into it.');
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'c' || !isShortcutKey(event)) return;
      const target = activeTarget();
      if (!target) return;
      event.preventDefault();
      setHint(null);
      target.capture();
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  if (!hint) return null;
  return (
    <div className="global-capture-hint" role="alert">
      {hint}
      <button type="button" className="link-button" onClick={() => setHint(null)}>
        Dismiss
      </button>
    </div>
  );
}
