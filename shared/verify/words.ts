import { visibleName } from '../files/visibleName';

/** Small wording helpers shared by every check, so the three front ends read alike. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function shortHash(hash: unknown): string {
  return typeof hash === 'string' ? `${visibleName(hash.slice(0, 12))}…` : String(hash);
}

/**
 * Any text that came from the bag, made safe to print: control, bidi and invisible characters
 * become ⟨U+XXXX⟩, so a hostile name can neither paint the terminal nor read as something else.
 */
export function shown(text: unknown): string {
  if (typeof text === 'string') return visibleName(text);
  if (text === undefined) return 'nothing';
  return visibleName(JSON.stringify(text) ?? 'nothing');
}

/** A quoted value from the bag, escaped: "…". */
export function quoted(text: unknown): string {
  return visibleName(JSON.stringify(typeof text === 'string' ? text.slice(0, 200) : (text ?? null)) ?? 'null');
}
