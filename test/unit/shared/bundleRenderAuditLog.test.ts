import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/domain/records';
import { renderAuditLogJsonl } from '../../../shared/bundle/render/auditLogJsonl';
import { canonicalJson, hashEntry, nextEntry, verifyChain } from '../../../shared/log/chain';
import { miniBundleContent } from '../../support/miniBag';

async function linesOf(log?: (log: readonly LogEntry[]) => readonly LogEntry[]): Promise<{ text: string; entries: LogEntry[] }> {
  const { content } = await miniBundleContent();
  const text = renderAuditLogJsonl(log ? { ...content, log: log(content.log) } : content);
  return { text, entries: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as LogEntry) };
}

describe('data/audit-log.jsonl', () => {
  it('writes one line per entry, each ending in a newline', async () => {
    const { content } = await miniBundleContent();
    const text = renderAuditLogJsonl(content);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(content.log.length + 1);
  });

  it('writes every line as RFC 8785 canonical JSON', async () => {
    const { text } = await linesOf();
    for (const line of text.trimEnd().split('\n')) expect(line).toBe(canonicalJson(JSON.parse(line)));
  });

  it('gives back entries whose recomputed hashes are the stored ones, forming a valid chain', async () => {
    const { entries } = await linesOf();
    for (const { hash, ...rest } of entries) expect(hashEntry(rest)).toBe(hash);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('orders entries by seq whatever order they come in', async () => {
    const { entries } = await linesOf((log) => [...log].reverse());
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('keeps details with unicode, nesting and numbers byte-exact, so their hash still verifies', async () => {
    const { entries } = await linesOf((log) => [
      ...log,
      nextEntry(log.at(-1), {
        auditId: 'audit-1',
        at: '2026-04-05T10:00:00.000Z',
        actor: 'Zoë',
        action: 'update',
        target: 'evidence:ev-2',
        details: { changes: { notes: { from: 'a', to: 'Prüfung ✓ 😀\n"q"' } }, n: [1e21, 0.1, -0] },
      }),
    ]);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('yields a chain that fails when one line is edited', async () => {
    const { text } = await linesOf();
    const edited = text.replace('"actor":"alice@it-laptop-07"', '"actor":"mallory"');
    const entries = edited.trimEnd().split('\n').map((l) => JSON.parse(l) as LogEntry);
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 1 });
  });
});
