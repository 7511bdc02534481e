import { visibleName } from '../files/visibleName';
import { formatInZone, formatUtc } from '../time/format';

/**
 * The evidence stamp's text (DESIGN.md §3): what an auditor needs to see on the picture itself —
 * when (UTC and local with zone), on which machine and by whom, for which controls and criteria,
 * by which program, and the hash of the raw capture the picture was made from.
 */
export interface StampFacts {
  readonly capturedAt: string;
  readonly timeZone: string;
  readonly host: string;
  readonly user: string;
  readonly appVersion: string;
  readonly rawSha256: string;
  readonly displayName: string;
  /** A pasted image's own capture time is unknown: the stamp says when it was pasted instead. */
  readonly origin?: 'screen' | 'pasted';
  readonly controls: readonly { readonly ref: string; readonly title: string; readonly criteria: readonly string[] }[];
}

/** Each line is one fact group; the renderer wraps a line that is wider than the image. */
export function stampLines(facts: StampFacts): string[] {
  const criteria = [...new Set(facts.controls.flatMap((c) => c.criteria))];
  // Names typed elsewhere are shown with hidden characters made visible: a bidi override in a
  // control title must not reorder the stamp an auditor reads.
  const v = visibleName;
  return [
    `${facts.origin === 'pasted' ? 'Pasted' : 'Captured'} ${formatUtc(facts.capturedAt)} · ${formatInZone(facts.capturedAt, facts.timeZone)}`,
    `Host ${v(facts.host)} · user ${v(facts.user)} · ${facts.origin === 'pasted' ? 'source' : 'display'} ${v(facts.displayName)}`,
    `Control ${facts.controls.map((c) => `${v(c.ref)} ${v(c.title)}`).join('; ') || '(none)'}`,
    `Criteria ${criteria.join(', ') || '(none)'}`,
    `Raw capture SHA-256 ${facts.rawSha256}`,
    `Evidence Locker ${facts.appVersion}`,
  ];
}

/**
 * Breaks a line into pieces that fit `maxWidth` as measured by `measure`: at spaces where it can,
 * inside a word (a hash, a long name) where it must. Never returns an empty piece for text.
 */
export function wrapLine(line: string, maxWidth: number, measure: (text: string) => number): string[] {
  const out: string[] = [];
  let current = '';
  const pushWord = (word: string): void => {
    let rest = word;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut -= 1;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  };
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') out.push(current);
    pushWord(word);
  }
  if (current !== '' || out.length === 0) out.push(current);
  return out;
}
