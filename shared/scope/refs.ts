/**
 * When two control refs are one: the same after compatibility folding and case ('ac-01', 'ＡＣ-01'
 * and 'AC-01'), or different characters that read the same ('AC-01' with a Cyrillic 'А', a
 * non-breaking hyphen, a letter O for the zero). The editor, the CSV import and the request-list
 * import all decide with these functions, so they cannot drift apart.
 */
import { quote } from '../csv/mapping';
import { visibleName } from '../files/visibleName';
import { skeleton } from '../text/skeleton';

/** Refs compare without regard to case or compatibility forms: 'ac-01' and 'AC-01' are one control. */
export function refKey(ref: string): string {
  return ref.trim().normalize('NFKC').toUpperCase();
}

/** What a ref looks like (UTS #39 skeleton of its key): equal for refs a reader cannot tell apart. */
export function refLook(ref: string): string {
  return skeleton(refKey(ref));
}

/**
 * Characters that are not seen where they stand: controls, format characters (zero-width
 * spaces and joiners, bidi embeddings, overrides and isolates, marks like U+200E), line and
 * paragraph separators, and every other default-ignorable code point. A ref is typed by people
 * and printed on evidence stamps and in the auditor's index: none of these belongs in one.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/** Names of the hidden characters that turn up in pasted text, so the message says what it is. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'SOFT HYPHEN'],
  [0x034f, 'COMBINING GRAPHEME JOINER'],
  [0x061c, 'ARABIC LETTER MARK (a bidi control)'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK (a bidi control)'],
  [0x200f, 'RIGHT-TO-LEFT MARK (a bidi control)'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING (a bidi control)'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING (a bidi control)'],
  [0x202c, 'POP DIRECTIONAL FORMATTING (a bidi control)'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE (a bidi control)'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE (a bidi control)'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE (a bidi control)'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE (a bidi control)'],
  [0x2068, 'FIRST STRONG ISOLATE (a bidi control)'],
  [0x2069, 'POP DIRECTIONAL ISOLATE (a bidi control)'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
]);

function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 'U+200B ZERO WIDTH SPACE', or 'U+0007 (a control character)' for one without a name here. */
export function describeHidden(codePoint: number): string {
  const name = NAMES.get(codePoint);
  if (name !== undefined) return `${codePointLabel(codePoint)} ${name}`;
  const ch = String.fromCodePoint(codePoint);
  if (/\p{Cc}/u.test(ch)) return `${codePointLabel(codePoint)} (a control character)`;
  if (/[\p{Zl}\p{Zp}]/u.test(ch)) return `${codePointLabel(codePoint)} (a line or paragraph separator)`;
  return `${codePointLabel(codePoint)} (an invisible formatting character)`;
}

/** The hidden characters of a ref, each once, in order of appearance. */
export function hiddenCharacters(ref: string): number[] {
  const found = new Set<number>();
  for (const match of ref.matchAll(HIDDEN)) found.add(match[0].codePointAt(0) ?? 0);
  return [...found];
}

/** Why a ref with hidden characters is refused, naming each one; null when it has none. */
export function hiddenCharacterProblem(ref: string): string | null {
  const hidden = hiddenCharacters(ref);
  if (hidden.length === 0) return null;
  const list = hidden.map(describeHidden).join(', ');
  return `${hidden.length === 1 ? 'It contains' : 'It contains these'} invisible ${hidden.length === 1 ? 'character' : 'characters'}: ${list}. A ref must read as what it is: remove ${hidden.length === 1 ? 'it' : 'them'} and type the ref again.`;
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic', 'Georgian', 'Hebrew', 'Arabic', 'Han'] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const);

/** '"А" (U+0410, Cyrillic)': what a character is, for telling two look-alikes apart. */
function describeCharacter(ch: string): string {
  const codePoint = ch.codePointAt(0) ?? 0;
  const script = SCRIPT_TESTS.find(([, test]) => test.test(ch))?.[0];
  return `${quote(visibleName(ch))} (${codePointLabel(codePoint)}${script ? `, ${script}` : ''})`;
}

/**
 * Where two look-alike refs differ, in words: 'it has "А" (U+0410, Cyrillic) where "AC-01" has
 * "A" (U+0041, Latin)'. Compared as typed except for case (not NFKC-folded: the message names
 * the character the user typed, U+2011, not its compatibility form).
 */
export function describeLookAlike(ref: string, other: string): string {
  const a = [...ref.trim().toUpperCase()];
  const b = [...other.trim().toUpperCase()];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const mine = a.slice(start, endA);
  const theirs = b.slice(start, endB);
  const say = (chars: string[]): string => (chars.length === 0 ? 'nothing' : chars.map(describeCharacter).join(' '));
  return `it has ${say(mine)} where ${quote(other)} has ${say(theirs)}`;
}

/** An existing control, as far as uniqueness of refs is concerned. */
export interface RefHolder {
  readonly id: string;
  readonly ref: string;
}

/** The control (other than `exceptId`) that already uses this ref, without regard to case. */
export function findRefConflict<T extends RefHolder>(ref: string, controls: readonly T[], exceptId: string | null): T | undefined {
  const key = refKey(ref);
  return controls.find((c) => c.id !== exceptId && refKey(c.ref) === key);
}

/** The control (other than `exceptId`) whose ref reads the same as this one but is spelled differently. */
export function findLookAlike<T extends RefHolder>(ref: string, controls: readonly T[], exceptId: string | null): T | undefined {
  const key = refKey(ref);
  const look = refLook(ref);
  return controls.find((c) => c.id !== exceptId && refKey(c.ref) !== key && refLook(c.ref) === look);
}

/**
 * Refs that are already stored and should not be (made before these checks, or brought in by a
 * bundle): for each such control, why, so the Scope step can flag it for renaming.
 */
export function refWarnings(controls: readonly RefHolder[]): Map<string, string> {
  const warnings = new Map<string, string>();
  const byLook = new Map<string, RefHolder[]>();
  for (const control of controls) {
    const hidden = hiddenCharacterProblem(control.ref);
    if (hidden !== null) warnings.set(control.id, hidden);
    const look = refLook(control.ref);
    byLook.set(look, [...(byLook.get(look) ?? []), control]);
  }
  for (const group of byLook.values()) {
    if (group.length < 2) continue;
    for (const control of group) {
      const others = group.filter((c) => c.id !== control.id).map((c) => quote(c.ref));
      const message = `Looks the same as ${others.join(', ')}: rename one so that an auditor can tell them apart.`;
      warnings.set(control.id, [warnings.get(control.id), message].filter((m) => m !== undefined).join(' '));
    }
  }
  return warnings;
}
