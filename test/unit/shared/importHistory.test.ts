import { describe, expect, it } from 'vitest';
import { checkImportHistory, importedHeads } from '../../../shared/bundle/importHistory';
import type { LogEntry } from '../../../shared/domain/records';
import { nextEntry } from '../../../shared/log/chain';

/** A trail of `n` entries of one audit, each entry's details naming its author so forks differ. */
function trail(base: readonly LogEntry[], author: string, n: number, extra: (i: number) => Partial<LogEntry> = () => ({})): LogEntry[] {
  const out = [...base];
  for (let i = 0; i < n; i += 1) {
    const e = extra(i);
    out.push(nextEntry(out.at(-1), { auditId: 'a-1', at: `2026-0${(i % 9) + 1}-01T00:00:00.000Z`, actor: author, action: e.action ?? 'update', target: e.target ?? 'audit:a-1', details: e.details ?? { by: author, i } }));
  }
  return out;
}

const COLLECTOR = '1111 '.repeat(15) + '1111';
const MANAGER = '2222 '.repeat(15) + '2222';
const ATTACKER = '9999 '.repeat(15) + '9999';

const origin = trail([], 'collector', 3);
/** The manager's installation after importing the collector's first bundle, then working on. */
function managerAfterFirstImport(firstBundle: readonly LogEntry[]): LogEntry[] {
  const last = firstBundle.at(-1)!;
  return trail(firstBundle, 'manager', 2, (i) =>
    i === 0 ? { action: 'import', details: { exporterKey: COLLECTOR, bundleHead: { seq: last.seq, hash: last.hash } } } : { details: { by: 'manager', signoff: true } },
  );
}

describe('import refuses a bundle whose trail does not extend the one held here', () => {
  it('accepts any trail for an audit new here', () => {
    expect(checkImportHistory({ local: [], bundle: origin, exporter: COLLECTOR, ownKey: MANAGER })).toMatchObject({ ok: true });
  });

  it('accepts the collector\'s next bundle: it extends their earlier one, beside what the manager added', () => {
    const local = managerAfterFirstImport(origin);
    const next = trail(origin, 'collector', 4);
    const result = checkImportHistory({ local, bundle: next, exporter: COLLECTOR, ownKey: MANAGER });
    expect(result).toEqual({ ok: true, summary: 'It shares the first 3 entries of this audit\'s trail and adds 4 entries of its own, written beside the 2 made here since; it extends every bundle imported here before from its key.' });
    expect(importedHeads(local)).toEqual([{ exporter: COLLECTOR, head: { seq: 3, hash: origin[2]!.hash }, at: local[3]!.at }]);
  });

  it('refuses a later bundle from the same key whose trail was cut below the head imported before', () => {
    const first = trail(origin, 'collector', 3);
    const local = managerAfterFirstImport(first);
    const cut = first.slice(0, 4);
    const result = checkImportHistory({ local, bundle: cut, exporter: COLLECTOR, ownKey: MANAGER });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([expect.stringMatching(/^a bundle from the same key imported here on .* ended at trail entry 6 .*; this bundle's trail does not hold that entry: its history was cut or rewritten$/)]);
  });

  it('refuses a later bundle from the same key whose trail was rewritten and re-chained', () => {
    const first = trail(origin, 'collector', 3);
    const local = managerAfterFirstImport(first);
    const rewritten = trail(origin, 'collector', 4, (i) => ({ details: { by: 'collector', i, rewritten: true } }));
    expect(checkImportHistory({ local, bundle: rewritten, exporter: COLLECTOR, ownKey: MANAGER }).ok).toBe(false);
  });

  it('refuses a bundle whose trail does not start with this audit\'s history', () => {
    const local = managerAfterFirstImport(origin);
    const other = trail([], 'someone else', 5);
    expect(checkImportHistory({ local, bundle: other, exporter: ATTACKER, ownKey: MANAGER })).toEqual({
      ok: false,
      problems: ["the bundle's trail does not start with this audit's history here (its first entry differs): it is another audit under the same id, or a rewritten one"],
    });
  });

  it('refuses a bundle under this installation\'s own key whose trail this installation never wrote', () => {
    const local = trail(origin, 'manager', 2);
    const foreign = trail(origin, 'not me', 2);
    const result = checkImportHistory({ local, bundle: foreign, exporter: MANAGER, ownKey: MANAGER });
    expect(!result.ok && result.problems).toEqual(["this bundle is signed with this installation's own key, but its trail differs from the one here from entry 4 on: this installation never wrote it"]);
    // Its own earlier export, a prefix of the trail here, is fine.
    expect(checkImportHistory({ local, bundle: local.slice(0, 4), exporter: MANAGER, ownKey: MANAGER })).toMatchObject({ ok: true, summary: expect.stringMatching(/is part of the one here/) as unknown });
  });
});
