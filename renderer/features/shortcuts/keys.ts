/** Keys typed into a text field are text, not shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/**
 * Whether a key press may act as one of the page's one-key shortcuts: not typed into a field,
 * not with Ctrl, ⌘ or Alt (those belong to the menu, the editor and the system), and not while
 * a modal dialog (the capture editor, the shortcut sheet) has the keyboard.
 */
export function isShortcutKey(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
  if (isTextEntry(event.target)) return false;
  return document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') === null;
}
