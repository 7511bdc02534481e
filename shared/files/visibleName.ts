/**
 * Names that came from outside (file names, paths, anything typed into another system) shown
 * so that what is seen is what is there. Bidirectional controls can make "report‮gnp.exe" read
 * as "reportexe.png" (CVE-2021-42574 "Trojan Source" is the same trick in code), and control
 * or invisible characters can hide content entirely; each is replaced by a visible ⟨U+XXXX⟩.
 * React escapes markup already; this is about the characters themselves.
 */
// Cc: C0/C1 controls (newline, NUL, ESC…); Cf: format characters, bidi controls and zero-width
// ones among them; Zl/Zp: line and paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export function visibleName(name: string): string {
  return name.replace(INVISIBLE, (ch) => `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export function hasHiddenCharacters(name: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(name);
  INVISIBLE.lastIndex = 0;
  return found;
}
