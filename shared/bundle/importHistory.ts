import type { LogEntry } from '../domain/records';
import { holdsHead } from '../verify/trail';
import { plural, shortHash, shown } from '../verify/words';

/**
 * Import refuses a bundle whose trail for an audit does not extend what this installation
 * already knows of that audit's history (issue #11 §4, DESIGN.md §4).
 *
 * Two installations that work on one audit fork its trail: each appends its own entries after
 * the point they share, and an import into an existing audit records the bundle's head rather
 * than merging its entries. So "extends" means, for the trail this installation holds:
 * - the bundle's trail starts with the same history (the same first entries, up to where the
 *   two diverge): it is this audit, not another with the same id;
 * - it holds the head of every bundle imported here earlier from the same exporting key, so a
 *   later bundle from that key cannot cut or rewrite what an earlier one showed;
 * - a bundle signed with this installation's own key holds nothing this installation did not
 *   write: its trail is a prefix of the one here.
 */
export interface ImportHistoryInput {
  /** This installation's trail of the audit; empty when the audit is new here. */
  readonly local: readonly LogEntry[];
  readonly bundle: readonly LogEntry[];
  /** Fingerprint of the key that signed the bag. */
  readonly exporter: string | null;
  /** Fingerprint of this installation's own key, if it has one. */
  readonly ownKey: string | null;
}

export type ImportHistory =
  | { readonly ok: true; readonly summary: string }
  | { readonly ok: false; readonly problems: readonly string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The heads of bundles imported here earlier, by the key that signed them (recorded in import entries). */
export function importedHeads(local: readonly LogEntry[]): { exporter: string; head: { seq: number; hash: string }; at: string }[] {
  return local.flatMap((e) => {
    const head = e.details['bundleHead'];
    const exporter = e.details['exporterKey'];
    if (e.action !== 'import' || typeof exporter !== 'string' || !isObject(head) || typeof head['seq'] !== 'number' || typeof head['hash'] !== 'string') return [];
    return [{ exporter, head: { seq: head['seq'], hash: head['hash'] }, at: e.at }];
  });
}

export function checkImportHistory({ local, bundle, exporter, ownKey }: ImportHistoryInput): ImportHistory {
  if (local.length === 0) return { ok: true, summary: `A new audit here: its trail of ${plural(bundle.length, 'entry', 'entries')} becomes this installation's.` };
  const problems: string[] = [];
  if (bundle.length === 0 || bundle[0]?.hash !== local[0]?.hash) {
    return { ok: false, problems: ['the bundle\'s trail does not start with this audit\'s history here (its first entry differs): it is another audit under the same id, or a rewritten one'] };
  }
  let shared = 0;
  while (shared < Math.min(local.length, bundle.length) && local[shared]?.hash === bundle[shared]?.hash) shared += 1;

  for (const earlier of importedHeads(local)) {
    if (earlier.exporter !== exporter) continue;
    if (!holdsHead(bundle, earlier.head)) {
      problems.push(
        `a bundle from the same key imported here on ${shown(earlier.at)} ended at trail entry ${earlier.head.seq} (${shortHash(earlier.head.hash)}); this bundle's trail does not hold that entry: its history was cut or rewritten`,
      );
    }
  }
  if (exporter !== null && exporter === ownKey && shared < bundle.length) {
    problems.push(
      `this bundle is signed with this installation's own key, but its trail differs from the one here from entry ${shared + 1} on: this installation never wrote it`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const ahead = bundle.length - shared;
  return {
    ok: true,
    summary:
      ahead === 0
        ? `Its trail (${plural(bundle.length, 'entry', 'entries')}) is part of the one here: it adds no history.`
        : `It shares the first ${plural(shared, 'entry', 'entries')} of this audit's trail and adds ${plural(ahead, 'entry', 'entries')} of its own${
            local.length > shared ? `, written beside the ${local.length - shared} made here since` : ''
          }; it extends every bundle imported here before from its key.`,
  };
}
