import Dexie, { type Table } from 'dexie';

/**
 * Every row of one audit through a compound [auditId+key] index, `size` rows per request, each
 * request starting after the last key seen (Dexie.minKey sorts before every key). Each request
 * is its own task, so 10,000 rows never deserialize in one long task (issue #12). `pause` is
 * awaited between requests to let the window paint; leave it out inside a Dexie transaction,
 * which a timer would end. `onChunk` hears each chunk as it arrives (to hash a log while it is read).
 */
export async function readAuditInChunks<T, K>(
  table: Table<T, K>,
  index: `[auditId+${string}]`,
  auditId: string,
  keyOf: (row: T) => string | number,
  {
    size = 500,
    pause,
    onChunk,
  }: { readonly size?: number; readonly pause?: () => Promise<void>; readonly onChunk?: (chunk: readonly T[]) => void } = {},
): Promise<T[]> {
  const rows: T[] = [];
  let after: string | number = Dexie.minKey;
  for (;;) {
    const chunk = await table
      .where(index)
      .between([auditId, after], [auditId, Dexie.maxKey], after === Dexie.minKey, true)
      .limit(size)
      .toArray();
    rows.push(...chunk);
    onChunk?.(chunk);
    const last = chunk[chunk.length - 1];
    if (chunk.length < size || last === undefined) return rows;
    after = keyOf(last);
    if (pause) await pause();
  }
}
