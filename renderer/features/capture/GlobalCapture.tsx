import { useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { activeTarget } from './captureTarget';

/**
 * Routes the global capture shortcut and pasted files to the capture bar in use. With none on
 * screen, says where to go instead of dropping the key press silently.
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
    document.addEventListener('paste', onPaste);
    return () => {
      off();
      document.removeEventListener('paste', onPaste);
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
