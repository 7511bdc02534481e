import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * Which rows a committed transaction changed, table by table: primary keys, or null when a
 * whole range was written (then a reader reloads). Caches of large tables (renderer/db/
 * auditRows.ts) apply these instead of reading 10,000 rows again after every write.
 */
export interface TableChange {
  readonly database: string;
  readonly table: string;
  readonly keys: readonly unknown[] | null;
}

type Listener = (changes: readonly TableChange[]) => void;

const listeners = new Set<Listener>();

/** Called after each committed transaction that wrote to a watched table; never for an aborted one. */
export function onCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Pending = Map<string, Set<unknown> | null>;
const pendingByTransaction = new WeakMap<object, Pending>();

function isEventTarget(trans: DBCoreTransaction): trans is DBCoreTransaction & EventTarget {
  return typeof (trans as Partial<EventTarget>).addEventListener === 'function';
}

function keysOf(table: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): unknown[] | null {
  switch (req.type) {
    case 'add':
    case 'put': {
      if (Array.isArray(res.results)) return res.results as unknown[];
      if (req.keys) return req.keys as unknown[];
      if (req.type === 'put' && req.updates) return req.updates.keys as unknown[];
      const extract = table.schema.primaryKey.extractKey;
      return extract ? req.values.map((value: unknown) => extract(value) as unknown) : null;
    }
    case 'delete':
      return req.keys as unknown[];
    case 'deleteRange':
      return null;
  }
}

function note(database: string, trans: DBCoreTransaction, table: string, keys: readonly unknown[] | null): void {
  // Outside IndexedDB's own transactions (never in the app) there is no commit to wait for.
  if (!isEventTarget(trans)) return;
  let pending = pendingByTransaction.get(trans);
  if (!pending) {
    const fresh: Pending = new Map();
    pending = fresh;
    pendingByTransaction.set(trans, fresh);
    trans.addEventListener('complete', () => {
      const changes = [...fresh].map(([name, set]) => ({ database, table: name, keys: set === null ? null : [...set] }));
      for (const listener of listeners) {
        try {
          listener(changes);
        } catch (error) {
          console.error('change feed listener failed', error);
        }
      }
    });
  }
  const current = pending.get(table);
  if (current === null) return;
  if (keys === null) pending.set(table, null);
  else pending.set(table, new Set([...(current ?? []), ...keys]));
}

/** The DBCore middleware that records every write to the named tables (Dexie's own extension point). */
export function changeFeed(database: string, tables: ReadonlySet<string>): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'changeFeed',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (!tables.has(name)) return table;
        return {
          ...table,
          mutate: async (req) => {
            const res = await table.mutate(req);
            note(database, req.trans, name, keysOf(table, req, res));
            return res;
          },
        };
      },
    }),
  };
}
