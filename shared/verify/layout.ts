import { isSafeBagPath } from '../bundle/paths';
import type { Check } from './report';
import type { BagSource, SourceEntry } from './source';
import { plural, quoted, shown } from './words';

/**
 * Finds the bag in what was given and checks every path in it: one bag folder, safe paths only,
 * no duplicates, no two names that differ only in letter case (they collapse into one file on
 * Windows and macOS, so what one auditor checks is not what another unpacks).
 */

// Names an operating system adds to a folder it shows (Finder, Explorer). Only a picked folder
// may hold them: a bag made by Evidence Locker never does, and a ZIP is checked as it is.
const OS_FILES = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*)$/i;

export interface Layout {
  readonly check: Check;
  readonly bagName: string | null;
  /** Files of the bag by bag-relative path; null when no bag was found. */
  readonly files: ReadonlyMap<string, SourceEntry> | null;
}

function locateInFolder(paths: readonly string[]): { root: string; name: string } | { error: string } {
  const roots: { root: string; depth: number }[] = [];
  for (const p of paths) {
    const parts = p.split('/');
    if (parts[parts.length - 1] === 'bagit.txt') roots.push({ root: parts.slice(0, -1).join('/'), depth: parts.length - 1 });
  }
  if (roots.length === 0) {
    return { error: 'No bagit.txt in the chosen folder or in a folder inside it. Choose the unzipped bundle folder: the one that holds bagit.txt, data and manifest-sha256.txt.' };
  }
  const minDepth = Math.min(...roots.map((r) => r.depth));
  const shallowest = roots.filter((r) => r.depth === minDepth);
  if (minDepth > 2) return { error: `bagit.txt is too deep inside the chosen folder (${shown(shallowest[0]?.root)}). Choose the bag folder itself.` };
  if (shallowest.length > 1) return { error: `The chosen folder holds ${shallowest.length} bags (${shallowest.map((r) => shown(r.root)).join(', ')}). Choose one of them.` };
  const root = shallowest[0]?.root ?? '';
  return { root: root === '' ? '' : `${root}/`, name: root === '' ? '(chosen folder)' : (root.split('/').pop() ?? root) };
}

export function findBag(source: BagSource): Layout {
  const problems = [...source.containerProblems];
  const notes: string[] = [];
  const fail = (summary: string): Layout => ({
    check: { id: 'layout', title: 'Bag folder', status: 'fail', summary, problems, notes },
    bagName: null,
    files: null,
  });
  if (source.entries.length === 0 && problems.length > 0) return fail(problems[0] ?? 'Nothing could be read.');

  let root: string;
  let bagName: string;
  if (source.kind === 'zip') {
    const tops = new Set(source.entries.map((e) => e.path.split('/')[0] ?? ''));
    if (tops.size !== 1) {
      problems.push(`a bundle holds exactly one top-level bag folder; this ZIP has ${plural(tops.size, 'top-level name')}`);
      return fail('The ZIP does not hold exactly one bag folder.');
    }
    bagName = [...tops][0] ?? '';
    root = `${bagName}/`;
  } else {
    const located = locateInFolder(source.entries.map((e) => e.path));
    if ('error' in located) return fail(located.error);
    root = located.root;
    bagName = located.name;
  }

  const files = new Map<string, SourceEntry>();
  const byLowerCase = new Map<string, string>();
  const ignored: string[] = [];
  let outside = 0;
  // In path order, whatever order the container lists them in: which of two clashing names is
  // kept must not depend on the reader, or two front ends would report different bags.
  const ordered = [...source.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of ordered) {
    if (!entry.path.startsWith(root)) {
      if (source.kind === 'zip') problems.push(`${shown(entry.path)}: outside the bag folder`);
      else outside += 1;
      continue;
    }
    const rel = entry.path.slice(root.length).replace(/\/$/, '');
    if (entry.isDirectory) {
      if (rel !== '' && !isSafeBagPath(rel)) problems.push(`${shown(entry.path)}: not a safe folder name inside a bag`);
      continue;
    }
    if (source.kind === 'folder' && OS_FILES.test(rel)) {
      ignored.push(shown(rel));
      continue;
    }
    if (!isSafeBagPath(rel)) {
      problems.push(`${shown(entry.path)}: not a safe path inside a bag folder (${quoted(rel)})`);
      continue;
    }
    if (files.has(rel)) {
      problems.push(`${shown(rel)}: appears twice`);
      continue;
    }
    // Case and Unicode normalization: two names that one file system (Windows, macOS) stores as one file.
    const lower = rel.normalize('NFC').toLowerCase();
    const clash = byLowerCase.get(lower);
    if (clash !== undefined) {
      const how = rel.toLowerCase() === clash.toLowerCase() ? 'only in letter case' : 'only in Unicode normalization';
      problems.push(`${shown(rel)}: differs from ${shown(clash)} ${how} (one would overwrite the other when unpacked)`);
      continue;
    }
    byLowerCase.set(lower, rel);
    files.set(rel, entry);
  }
  if (ignored.length > 0) notes.push(`Ignored ${plural(ignored.length, 'file')} that operating systems add to folders by themselves: ${ignored.join(', ')}`);
  if (outside > 0) notes.push(`${plural(outside, 'file')} beside the bag folder were not checked`);
  const summary = problems.length
    ? 'The bag holds paths no bundle may hold.'
    : `Found bagit.txt in "${shown(bagName)}" with ${plural(files.size, 'file')}.`;
  return {
    check: { id: 'layout', title: 'Bag folder', status: problems.length ? 'fail' : 'pass', summary, problems, notes },
    bagName,
    files,
  };
}
