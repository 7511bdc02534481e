/** The systems in scope of an audit (DESIGN.md §1): names as people write them, each once. */

export const MAX_SYSTEM_NAME_CHARS = 100;

export type SystemNameCheck = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string };

/** Names compare without regard to case or surrounding space: 'AWS' and ' aws ' are one system. */
function systemKey(name: string): string {
  return name.trim().normalize('NFKC').toLocaleLowerCase('en');
}

/** Checks a name typed to add to the list; on success returns it trimmed. */
export function checkSystemName(raw: string, existing: readonly string[]): SystemNameCheck {
  const name = raw.trim();
  if (name === '') return { ok: false, error: 'Type the name of a system, e.g. "AWS production account".' };
  if (Array.from(name).length > MAX_SYSTEM_NAME_CHARS) {
    return { ok: false, error: `Keep the name to ${MAX_SYSTEM_NAME_CHARS} characters.` };
  }
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(name)) return { ok: false, error: 'A system name is one line of text.' };
  const key = systemKey(name);
  const same = existing.find((s) => systemKey(s) === key);
  if (same !== undefined) return { ok: false, error: `"${same}" is already in the list.` };
  return { ok: true, name };
}
