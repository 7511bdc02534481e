import { visibleName } from '../../files/visibleName';

/**
 * The only way a value enters the generated HTML. Escaping all five characters makes the result
 * safe both between tags and inside a quoted attribute (OWASP XSS Prevention Cheat Sheet, rules
 * 1 and 2), so callers never have to think about which context they are in.
 */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * A bag path ('data/evidence/AC-01/2026-Q1/001-x.png') as a link relative to data/index.html,
 * each segment percent-encoded, or null for anything that is not a plain path under data/ —
 * the planner only makes safe slugs, but a link is the one place a value could change what the
 * page does, so it is checked again here rather than trusted.
 */
export function relativeDataHref(bagPath: string): string | null {
  if (!bagPath.startsWith('data/')) return null;
  const segments = bagPath.slice('data/'.length).split('/');
  const safe = segments.every((s) => s !== '' && s !== '.' && s !== '..' && !/[\\:]|\p{Cc}/u.test(s));
  return safe ? segments.map((s) => encodeURIComponent(s)).join('/') : null;
}

/**
 * Free text from people (notes, comments) with hidden and bidirectional characters made visible
 * like names (see visibleName), but line breaks kept: notes are paragraphs.
 */
export function visibleText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => visibleName(line))
    .join('\n');
}
