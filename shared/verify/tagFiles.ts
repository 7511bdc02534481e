import { quoted, shown } from './words';

/**
 * Reading BagIt's text files (RFC 8493) as a verifier must: every malformed line is named, not
 * thrown, so one bad line does not hide the rest of the report.
 */
export interface ManifestLine {
  readonly path: string;
  readonly sha256: string;
  readonly line: number;
}

const SHA256_LINE = /^([0-9A-Fa-f]{64})[ \t]+\*?(.+)$/;

/** "<hex>  <path>" lines (what sha256sum writes); paths percent-encode CR, LF and % (RFC 8493 §2.1.3). */
export function parseManifestText(text: string, fileName: string): { entries: ManifestLine[]; problems: string[] } {
  const entries: ManifestLine[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const match = SHA256_LINE.exec(line);
    if (!match?.[1] || !match[2]) {
      problems.push(`${fileName} line ${i + 1} is not "<sha256>  <path>": ${quoted(line.slice(0, 120))}`);
      return;
    }
    const path = match[2].replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
    entries.push({ path, sha256: match[1].toLowerCase(), line: i + 1 });
  });
  return { entries, problems };
}

export interface TagField {
  readonly label: string;
  readonly value: string;
}

/** "Label: value" lines of bagit.txt and bag-info.txt; a line starting with white space continues the previous value. */
export function parseTagFile(text: string): TagField[] {
  const fields: { label: string; value: string }[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ label: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export function tagValue(fields: readonly TagField[], label: string): string | null {
  return fields.find((f) => f.label.toLowerCase() === label.toLowerCase())?.value ?? null;
}

/** Names a path for a message, escaped. */
export const pathOf = (path: string): string => shown(path);
