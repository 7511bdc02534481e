/**
 * The confusable skeleton of UTS #39 §4 (https://www.unicode.org/reports/tr39/#Confusable_Detection):
 * two strings that a reader cannot tell apart ("AC-01" with a Cyrillic "А", a non-breaking
 * hyphen, or "O" for "0") have the same skeleton. A skeleton is for comparing only, never for
 * showing: it mixes scripts freely.
 */
import { CONFUSABLES } from './confusablesData';

let table: ReadonlyMap<number, string> | null = null;

/** Parsed on first use: 6,000 rows are a few milliseconds, and most screens never need them. */
function prototypes(): ReadonlyMap<number, string> {
  if (table) return table;
  const map = new Map<number, string>();
  for (const row of CONFUSABLES.split('\n')) {
    if (row === '') continue;
    const [source, ...target] = row.split(' ').map((hex) => parseInt(hex, 16));
    if (source !== undefined) map.set(source, String.fromCodePoint(...target));
  }
  table = map;
  return map;
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** skeleton(X) = NFD(each character of NFD(X), minus default ignorables, replaced by its prototype). */
export function skeleton(text: string): string {
  const map = prototypes();
  let out = '';
  for (const ch of text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')) {
    out += map.get(ch.codePointAt(0) ?? 0) ?? ch;
  }
  return out.normalize('NFD');
}
