/**
 * File names inside a bundle (DESIGN.md §5): ASCII slugs only, so the bag unzips the same on
 * Windows, macOS and Linux and every path is safe to pass to `sha256sum -c`. No "..", no
 * reserved Windows device names, no trailing dots or spaces, length-capped, and unique.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
export const MAX_SEGMENT = 80;

export function slug(text: string, fallback = 'item'): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  let result = ascii.slice(0, MAX_SEGMENT).replace(/[-.]+$/g, '');
  if (result === '' || /^\.+$/.test(result)) result = fallback;
  if (WINDOWS_RESERVED.test(result.split('.')[0] ?? '')) result = `_${result}`;
  return result;
}

/** An extension we keep: short ASCII alphanumerics, lower-cased; anything else becomes 'bin'. */
export function safeExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : 'bin';
}

/** '<nnn>-<slug>.<ext>', the slug of the name without its extension. */
export function evidenceFileName(index: number, originalName: string): string {
  const ext = safeExtension(originalName);
  const dot = originalName.lastIndexOf('.');
  const stem = dot > 0 ? originalName.slice(0, dot) : originalName;
  return `${String(index).padStart(3, '0')}-${slug(stem, 'evidence')}.${ext}`;
}

/** Hands out unique paths: a clash (case-insensitive, as on Windows and macOS) gets "-2", "-3"… */
export class PathAllocator {
  private readonly taken = new Set<string>();

  allocate(path: string): string {
    let candidate = path;
    const dot = path.lastIndexOf('.');
    const slash = path.lastIndexOf('/');
    const hasExt = dot > slash + 1;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n += 1) {
      candidate = hasExt ? `${path.slice(0, dot)}-${n}${path.slice(dot)}` : `${path}-${n}`;
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/**
 * What main accepts as a path inside the bag: relative, forward slashes, ASCII segments,
 * none empty, ".", ".." or reserved. The planner only makes such paths; main checks anyway.
 */
export function isSafeBagPath(path: string): boolean {
  if (path.length === 0 || path.length > 400 || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every(
    (segment) =>
      segment.length > 0 &&
      segment.length <= 120 &&
      segment !== '.' &&
      segment !== '..' &&
      /^[A-Za-z0-9._-]+$/.test(segment) &&
      !/[. ]$/.test(segment) &&
      !WINDOWS_RESERVED.test(segment.split('.')[0] ?? ''),
  );
}
