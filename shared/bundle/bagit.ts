/**
 * BagIt 1.0 tag files (RFC 8493). Manifest lines are "<hex digest><two spaces><path>" — the
 * format `sha256sum -c` reads — with paths relative to the bag folder, '/'-separated.
 */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export interface ManifestLine {
  readonly path: string;
  readonly sha256: string;
}

export function manifestText(lines: readonly ManifestLine[]): string {
  return [...lines]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((line) => `${line.sha256}  ${line.path}\n`)
    .join('');
}

export function parseManifest(text: string): ManifestLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([0-9a-f]{64}) [ *]?(.+)$/.exec(line.replace(/\r$/, ''));
      if (!match?.[1] || !match[2]) throw new Error(`not a manifest line: ${JSON.stringify(line.slice(0, 120))}`);
      return { sha256: match[1], path: match[2].trim() };
    });
}

/** Payload-Oxum: "<octet count>.<stream count>" of the payload (RFC 8493 §2.2.2). */
export function payloadOxum(files: readonly { readonly size: number }[]): string {
  return `${files.reduce((sum, f) => sum + f.size, 0)}.${files.length}`;
}

/**
 * bag-info.txt. Values are single-line (RFC 8493 allows folding, but one value per line is
 * what every tool reads alike), so newlines in user text become spaces.
 */
export function bagInfoText(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ').trim()}\n`).join('');
}
